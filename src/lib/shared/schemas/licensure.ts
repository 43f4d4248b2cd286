/**
 * Schema of content/licensure/<state>.yaml: what one state's dental board asks of each licence type
 * per renewal cycle. src/lib/domain/ce-cycle.ts does the maths over the parsed rules.
 *
 * Every rule object carries `source`, the web page the value came from, so an author (or an
 * auditor) can check each number; a value nobody could source is left out and explained in `notes`
 * rather than guessed.
 */
import { z } from 'zod';

/** Licence types, named as users.profession names them in db/schema.ts. */
export const LICENCE_TYPES = ['dentist', 'hygienist', 'dental-assistant'] as const;
export type LicenceType = (typeof LICENCE_TYPES)[number];

/**
 * Topic tags shared by mandatory-topic rules, category caps and the members' CE records. A closed
 * list so that a typo in a YAML file fails validation instead of silently matching nothing.
 */
export const CE_TOPICS = [
  'infection-control',
  'dental-practice-act',
  'bls',
  'cpr',
  'board-set-subject',
  'risk-management',
  'practice-management',
  'practice-finance',
  'human-trafficking',
  'jurisprudence-assessment',
  'opioid-pain-management',
  'controlled-substance-prescribing',
  'prevention-of-medical-errors',
  'hiv-aids',
  'domestic-violence',
  'child-abuse',
  'ethics-jurisprudence',
  'tobacco-oral-cancer',
] as const;
export type CeTopic = (typeof CE_TOPICS)[number];

const slug = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const text = (what: string) =>
  z.string({ required_error: `${what} is required`, invalid_type_error: `${what} must be text` }).trim().min(1, `${what} cannot be empty`);

/** A web address; http is allowed because some board pages cited in DOMAIN.md are http only. */
const source = z
  .string({ required_error: 'every rule needs a source: the web address the value comes from' })
  .url('source must be a full web address, like https://www.dbc.ca.gov/...')
  .refine((u) => /^https?:\/\//.test(u), 'source must start with http:// or https://');

/** Hours as authors write them (12.5), limited to hundredths so they convert to integers exactly. */
const hours = (what: string) =>
  z
    .number({ required_error: `${what} is required`, invalid_type_error: `${what} must be a number of hours` })
    .nonnegative(`${what} cannot be negative`)
    .refine((h) => Math.abs(h * 100 - Math.round(h * 100)) < 1e-6, `${what} can have at most two decimals`);

const topic = z.enum(CE_TOPICS, {
  errorMap: () => ({ message: `topic must be one of: ${CE_TOPICS.join(', ')}` }),
});

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * How the cycles of a licence are laid out on the calendar. A cycle always ends on (and includes)
 * its end date and starts the day after the previous cycle's end.
 */
export const cycleAnchorSchema = z.discriminatedUnion(
  'kind',
  [
    z
      .object({
        /** Every licensee's cycle ends on the same calendar day, e.g. 28 February of even years. */
        kind: z.literal('fixed-date'),
        month: z.number().int().min(1).max(12),
        /** 29 February ends the cycle on 28 February in years that have no 29th. */
        day: z.number().int().min(1).max(31),
        /** Cycles end in the years where `year % cycle.years` equals this: 0 for even years of a 2-year cycle. */
        endYearRemainder: z.number().int().min(0),
      })
      .strict(),
    z
      .object({
        /** Ends on the last day of the licensee's birth month. */
        kind: z.literal('birth-month'),
        /** As for fixed-date; left out, the end year follows the year of the member's licence expiry. */
        endYearRemainder: z.number().int().min(0).optional(),
      })
      .strict(),
    z
      .object({
        /**
         * Ends on the expiry (renewal) date printed on the member's licence, every `years` years.
         * The fallback where the source does not say how the board lays out cycles.
         */
        kind: z.literal('licence-expiry'),
      })
      .strict(),
  ],
  { errorMap: (issue, ctx) => (issue.code === 'invalid_union_discriminator' ? { message: 'anchor.kind must be fixed-date, birth-month or licence-expiry' } : { message: ctx.defaultError }) },
);

export const recurrenceSchema = z.union([
  z.enum(['every-cycle', 'once', 'unspecified'], {
    errorMap: () => ({ message: 'recurrence must be every-cycle, once, unspecified or { everyYears: N }' }),
  }),
  z.object({ everyYears: z.number().int().min(1).max(20) }).strict(),
]);

const categoryCapSchema = z
  .object({
    id: z.string().regex(slug, 'id must be lower-case words joined by dashes'),
    label: text('label'),
    /** Records with one of these AGD subject codes belong to the category. */
    agdCodes: z.array(z.string().regex(/^\d{3}$/, 'an AGD subject code is three digits, like "550"')).default([]),
    /** Records tagged with one of these topics belong to the category. */
    topics: z.array(topic).default([]),
    /** The most hours of this category that count per cycle; 0 means the board does not accept it. */
    maxHours: hours('maxHours'),
    /** false: self-study (online, home study) hours in this category never count. */
    selfStudyAccepted: z.boolean().default(true),
    /**
     * What a learner with this licence should know before taking a course in this category, shown
     * on the course page when the learner's profile is in this state (e.g. "New York does not accept...").
     */
    courseNote: text('courseNote').optional(),
    source,
  })
  .strict()
  .refine((c) => c.agdCodes.length > 0 || c.topics.length > 0, { message: 'a category cap needs agdCodes or topics to say which records it covers', path: ['agdCodes'] });

/**
 * A least number of hours per cycle from one kind of course, e.g. Texas's 16 clinical hours of 24.
 * A record counts toward it when it has an AGD subject code that is not excluded and none of the
 * excluded topics; a record without an AGD code is not counted, because nothing says what it was.
 */
const categoryMinimumSchema = z
  .object({
    id: z.string().regex(slug, 'id must be lower-case words joined by dashes'),
    label: text('label'),
    minHours: hours('minHours'),
    /** AGD subject codes whose courses do not count toward the minimum (e.g. 550 practice management). */
    excludeAgdCodes: z.array(z.string().regex(/^\d{3}$/, 'an AGD subject code is three digits, like "550"')).default([]),
    excludeTopics: z.array(topic).default([]),
    /** Shown on the page of a course that does not count toward the minimum, to a learner in this state. */
    courseNote: text('courseNote').optional(),
    source,
  })
  .strict();

const mandatoryTopicSchema = z
  .object({
    topic,
    label: text('label'),
    /** Hours required; left out when the source names the course but not its length. */
    hours: hours('hours').optional(),
    /**
     * every-cycle: within the current cycle; once: ever, before the cycle ends; { everyYears: N }: in the
     * N years up to the cycle end; unspecified: the source does not say how often.
     */
    recurrence: recurrenceSchema,
    /** false: the board wants it live or in person, so self-study records never satisfy it. */
    selfStudyAccepted: z.boolean().default(true),
    /**
     * true: only a board-registered provider's course satisfies it. This platform is a CERP/PACE
     * provider, not assumed to be board-registered, so only external records can.
     */
    boardApprovedProviderOnly: z.boolean().default(false),
    source,
  })
  .strict();

export const licenceRulesSchema = z
  .object({
    hoursPerCycle: z.object({ hours: hours('hoursPerCycle.hours'), source }).strict(),
    cycle: z.object({ years: z.number().int().min(1).max(10), anchor: cycleAnchorSchema, source }).strict(),
    /** Cap on self-study (non-live, online, home-study) hours; maxPercent is of the hours required. */
    selfStudy: z
      .object({ maxHours: hours('selfStudy.maxHours').optional(), maxPercent: z.number().int().min(0).max(100).optional(), source })
      .strict()
      .refine((s) => s.maxHours !== undefined || s.maxPercent !== undefined, { message: 'selfStudy needs maxHours or maxPercent' })
      .optional(),
    /** The most hours credited for any one day. */
    maxHoursPerDay: z.object({ hours: hours('maxHoursPerDay.hours'), source }).strict().optional(),
    categoryCaps: z.array(categoryCapSchema).default([]),
    categoryMinimums: z.array(categoryMinimumSchema).default([]),
    mandatoryTopics: z.array(mandatoryTopicSchema).default([]),
    /** What the sources leave open, and anything a member must know that the numbers do not say. */
    notes: z.string().optional(),
  })
  .strict()
  .superRefine((r, ctx) => {
    const a = r.cycle.anchor;
    if ('endYearRemainder' in a && a.endYearRemainder !== undefined && a.endYearRemainder >= r.cycle.years) {
      ctx.addIssue({ code: 'custom', path: ['cycle', 'anchor', 'endYearRemainder'], message: `endYearRemainder must be below cycle.years (${r.cycle.years})` });
    }
    if (a.kind === 'fixed-date' && a.day > DAYS_IN_MONTH[a.month - 1]!) {
      ctx.addIssue({ code: 'custom', path: ['cycle', 'anchor', 'day'], message: `month ${a.month} has no day ${a.day}` });
    }
    const ids = r.categoryCaps.map((c) => c.id);
    ids.forEach((id, i) => {
      if (ids.indexOf(id) !== i) ctx.addIssue({ code: 'custom', path: ['categoryCaps', i, 'id'], message: `category cap id "${id}" is used twice` });
    });
    r.categoryMinimums.forEach((m, i) => {
      if (m.minHours > r.hoursPerCycle.hours)
        ctx.addIssue({ code: 'custom', path: ['categoryMinimums', i, 'minHours'], message: `minHours (${m.minHours}) is more than the ${r.hoursPerCycle.hours} hours of the whole cycle` });
    });
    const topics = r.mandatoryTopics.map((t) => t.topic);
    topics.forEach((t, i) => {
      if (topics.indexOf(t) !== i) ctx.addIssue({ code: 'custom', path: ['mandatoryTopics', i, 'topic'], message: `mandatory topic "${t}" is listed twice` });
    });
  });

export const licensureSchema = z
  .object({
    /** Two-letter postal code; the file is content/licensure/<lower-case code>.yaml. */
    state: z.string().regex(/^[A-Z]{2}$/, 'state must be a two-letter code in capitals, like "CA"'),
    name: text('name'),
    /** What the board calls a credit; California says "units". Hours and units are counted alike. */
    creditName: z.enum(['hours', 'units']).default('hours'),
    licenceTypes: z
      .object({ dentist: licenceRulesSchema.optional(), hygienist: licenceRulesSchema.optional(), 'dental-assistant': licenceRulesSchema.optional() })
      .strict()
      .refine((t) => Object.values(t).some(Boolean), { message: 'list the rules of at least one licence type' }),
    notes: z.string().optional(),
  })
  .strict();

export type CycleAnchor = z.infer<typeof cycleAnchorSchema>;
export type Recurrence = z.infer<typeof recurrenceSchema>;
export type CategoryCap = z.infer<typeof categoryCapSchema>;
export type CategoryMinimum = z.infer<typeof categoryMinimumSchema>;
export type MandatoryTopic = z.infer<typeof mandatoryTopicSchema>;
export type LicenceRules = z.infer<typeof licenceRulesSchema>;
export type LicenceRulesInput = z.input<typeof licenceRulesSchema>;
export type Licensure = z.infer<typeof licensureSchema>;
export type LicensureInput = z.input<typeof licensureSchema>;

/** The rules for one licence type, or undefined when the state file does not cover it. */
export function rulesFor(licensure: Licensure, type: LicenceType): LicenceRules | undefined {
  return licensure.licenceTypes[type];
}
