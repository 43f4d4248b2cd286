/**
 * Schema of content/licensure/<state>.yaml: what one state's dental board asks of each license type
 * per renewal cycle. src/lib/domain/ce-cycle.ts does the maths over the parsed rules.
 *
 * Every rule object carries `source`, the board's own page or the state's official text of the rule,
 * so an author (or an auditor) can check each number; the file lists the state's official domains
 * and the content check refuses a source elsewhere (src/lib/content/checks/licensure-sources.ts). A
 * value nobody could source is left out and explained in `notes` rather than guessed.
 */
import { z } from 'zod';
import { PLACEHOLDER } from './provider';

/**
 * A license type id: the keys of `licenceTypes` in a state file ('dentist', 'hygienist', 'rda'...).
 * Each state lists its own types with a label; the tracker and the course page look them up there.
 */
export type LicenceType = string;

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

/** How members see each topic on the outside-CE form and in the tracker. */
export const TOPIC_LABELS: Record<CeTopic, string> = {
  'infection-control': 'Infection control',
  'dental-practice-act': 'Dental Practice Act (state law)',
  bls: 'Basic Life Support (BLS)',
  cpr: 'CPR',
  'board-set-subject': 'Prescribing Schedule II opioids (California)',
  'risk-management': 'Risk management, record keeping, ethics',
  'practice-management': 'Practice management',
  'practice-finance': 'Practice finance',
  'human-trafficking': 'Human-trafficking prevention',
  'jurisprudence-assessment': 'Jurisprudence assessment (Texas)',
  'opioid-pain-management': 'Pain management and opioid prescribing',
  'controlled-substance-prescribing': 'Controlled-substance prescribing',
  'prevention-of-medical-errors': 'Prevention of medical errors',
  'hiv-aids': 'HIV/AIDS',
  'domestic-violence': 'Domestic violence',
  'child-abuse': 'Child-abuse identification and reporting',
  'ethics-jurisprudence': 'Ethics and jurisprudence',
  'tobacco-oral-cancer': 'Tobacco use and oral cancer',
};

/**
 * How a course was taken. Boards cap self-study (recorded, home study, non-interactive online) and
 * some topics must be taken in person: a live webinar is live but still online-only.
 */
export const CE_FORMATS = ['live', 'live-online', 'self-study'] as const;
export type CeFormat = (typeof CE_FORMATS)[number];
export const FORMAT_LABELS: Record<CeFormat, string> = {
  live: 'Live, in person',
  'live-online': 'Live online (interactive webinar)',
  'self-study': 'Self-study (recorded, home study or online on your own)',
};

/** The approvals a provider really holds: its ADA CERP and AGD PACE ids, unless still placeholders. */
export function providerApprovals(provider: { adaCerpId?: string | undefined; agdPaceId?: string | undefined }): ProviderApproval[] {
  const real = (id: string | undefined) => !!id && !PLACEHOLDER.test(id);
  return [...(real(provider.adaCerpId) ? (['ada-cerp'] as const) : []), ...(real(provider.agdPaceId) ? (['agd-pace'] as const) : [])];
}

/** Who approved the course's provider, as printed on the certificate. */
export const PROVIDER_APPROVALS = ['ada-cerp', 'agd-pace', 'state-board', 'other'] as const;
export type ProviderApproval = (typeof PROVIDER_APPROVALS)[number];
export const APPROVAL_LABELS: Record<ProviderApproval, string> = {
  'ada-cerp': 'ADA CERP',
  'agd-pace': 'AGD PACE',
  'state-board': 'Registered with my state board',
  other: 'Other or not stated',
};

const slug = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const text = (what: string) =>
  z.string({ required_error: `${what} is required`, invalid_type_error: `${what} must be text` }).trim().min(1, `${what} cannot be empty`);

/** A web address; http is allowed because some board pages are http only. Its domain is checked against `officialDomains`. */
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
 * How the cycles of a license are laid out on the calendar. A cycle always ends on (and includes)
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
        /** As for fixed-date; left out, the end year follows the year of the member's license expiry. */
        endYearRemainder: z.number().int().min(0).optional(),
      })
      .strict(),
    z
      .object({
        /**
         * Ends on the expiry (renewal) date printed on the member's license, every `years` years.
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
    /** true: only in-person courses count (California BLS: "online courses will not be accepted"), so live webinars do not either. */
    inPersonOnly: z.boolean().default(false),
    /**
     * What a learner with this license should know before taking a course in this category, shown
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
    /** true: only in person: self-study and live webinars do not satisfy it (New York CPR). */
    inPersonOnly: z.boolean().default(false),
    /**
     * true: only a course from a provider registered with the state board for it satisfies it (the
     * record's approvals include 'state-board'). This platform is a CERP/PACE provider, not a
     * board-registered one, so its own courses never do.
     */
    boardApprovedProviderOnly: z.boolean().default(false),
    source,
  })
  .strict();

export const licenceRulesSchema = z
  .object({
    /** The license's name as the board uses it, shown to members ("Registered dental assistant (RDA)"). */
    label: text('label'),
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

/**
 * A license the state issues but for which no CE rule could be confirmed from the board's own text
 * (or the board sets none): the tracker says so and counts the member's hours without a target.
 */
export const hoursOnlySchema = z
  .object({
    label: text('label'),
    hoursOnly: z.literal(true),
    /** Said to the member, in words written for them: what we found and what to check with the board. */
    notes: text('notes'),
    /** The board page that lists the license, when there is one. */
    source: source.optional(),
  })
  .strict();

/** Rules for a license type, or hours-only when `hoursOnly: true`; each branch keeps its own field messages. */
const licenceTypeSchema = z.unknown().transform((value, ctx): LicenceRules | HoursOnly => {
  const schema: z.ZodType<LicenceRules | HoursOnly, z.ZodTypeDef, unknown> =
    value !== null && typeof value === 'object' && 'hoursOnly' in value ? hoursOnlySchema : licenceRulesSchema;
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  for (const issue of result.error.issues) ctx.addIssue(issue);
  return z.NEVER;
});

const domain = z.string().regex(/^(?:[a-z0-9-]+\.)+[a-z]{2,}$/, 'an official domain is a host name like dbc.ca.gov, without https:// or a path');

export const licensureSchema = z
  .object({
    /** Two-letter postal code; the file is content/licensure/<lower-case code>.yaml. */
    state: z.string().regex(/^[A-Z]{2}$/, 'state must be a two-letter code in capitals, like "CA"'),
    name: text('name'),
    /** What the board calls a credit; California says "units". Hours and units are counted alike. */
    creditName: z.enum(['hours', 'units']).default('hours'),
    /**
     * The state's official sites: its boards, its legislature and its official publisher of the
     * administrative code. Every `source` must be on one of them (or a subdomain).
     */
    officialDomains: z.array(domain).min(1, 'list the official domains (board, legislature, administrative code) the sources may come from'),
    /** Provider approvals the state's boards accept for general hours, shown on course pages. */
    acceptedApprovals: z
      .object({ approvals: z.array(z.enum(PROVIDER_APPROVALS)).min(1), source })
      .strict()
      .optional(),
    licenceTypes: z
      .record(z.string().regex(slug, 'a license type id is lower-case words joined by dashes, like "rda"'), licenceTypeSchema)
      .refine((t) => Object.keys(t).length > 0, { message: 'list at least one license type' }),
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
export type HoursOnly = z.infer<typeof hoursOnlySchema>;
export type Licensure = z.infer<typeof licensureSchema>;
export type LicensureInput = z.input<typeof licensureSchema>;

/** The rules for one license type; undefined when the state file does not list it or tracks it by hours only. */
export function rulesFor(licensure: Licensure, type: LicenceType): LicenceRules | undefined {
  const entry = licensure.licenceTypes[type];
  return entry && !('hoursOnly' in entry) ? entry : undefined;
}

/** The entry for a license type, rules or hours-only; undefined when the state does not list it. */
export function licenceEntry(licensure: Licensure, type: LicenceType): LicenceRules | HoursOnly | undefined {
  return Object.hasOwn(licensure.licenceTypes, type) ? licensure.licenceTypes[type] : undefined;
}

/** Every source URL in a state file, with where it is, for the official-domain check. */
export function sourcesOf(licensure: Licensure): Array<{ where: string; url: string }> {
  const out: Array<{ where: string; url: string }> = [];
  if (licensure.acceptedApprovals) out.push({ where: 'acceptedApprovals.source', url: licensure.acceptedApprovals.source });
  for (const [type, entry] of Object.entries(licensure.licenceTypes)) {
    const at = `licenceTypes.${type}`;
    if ('hoursOnly' in entry) {
      if (entry.source) out.push({ where: `${at}.source`, url: entry.source });
      continue;
    }
    for (const key of ['hoursPerCycle', 'cycle', 'selfStudy', 'maxHoursPerDay'] as const) {
      const rule = entry[key];
      if (rule) out.push({ where: `${at}.${key}.source`, url: rule.source });
    }
    for (const key of ['categoryCaps', 'categoryMinimums', 'mandatoryTopics'] as const)
      entry[key].forEach((rule, i) => out.push({ where: `${at}.${key}[${i}].source`, url: rule.source }));
  }
  return out;
}

/** True when the URL's host is one of the domains or a subdomain of one. */
export function onOfficialDomain(url: string, domains: readonly string[]): boolean {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return false;
  }
  return domains.some((d) => host === d || host.endsWith(`.${d}`));
}
