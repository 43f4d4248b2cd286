/**
 * Schemas of the authored course files (see docs/formats.md). Plain zod, applied by the one content
 * reader (src/lib/content/reader.ts) that fills the Astro collections; the checks in
 * src/lib/content/checks add the references between files.
 */
import { z } from 'zod';
import { publicitySchema } from './publicity';
import { coverSchema } from './image';

export const idPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const id = (what: string) => z.string().regex(idPattern, `${what} must be lower-case words joined by dashes, like "tooth-numbering"`);
const text = (what: string) => z.string({ required_error: `${what} is required`, invalid_type_error: `${what} must be text` }).trim().min(1, `${what} cannot be empty`);
const quarterHours = z.number().positive('hours must be more than 0').multipleOf(0.25, 'hours must be a multiple of 0.25');
const date = z.coerce.date({ errorMap: () => ({ message: 'a date like 2026-12-01' }) });
/** A value the operator still has to replace, like `[OPERATOR: reviewer's name]`: it counts as missing. */
export const OPERATOR_PLACEHOLDER = /^\s*\[OPERATOR:/;
const person = z.object({ name: text('name'), credentials: text('credentials') }).strict();

export const instructorSchema = z
  .object({
    name: text('name'),
    credentials: text('credentials'),
    bio: text('bio'),
    disclosure: text('disclosure'),
    /** Sign-in emails of the accounts that teach as this instructor: they see these courses' reports. */
    accounts: z.array(z.string().email('an account must be an email address').transform((e) => e.toLowerCase())).default([]),
  })
  .strict();

export const courseSchema = z
  .object({
    title: text('title'),
    summary: text('summary').pipe(z.string().max(300, 'summary must be at most 300 characters')),
    description: text('description'),
    ceHours: quarterHours,
    format: z.enum(['self-instruction-online']),
    agd: z
      .array(z.object({ code: z.string().regex(/^\d{3}$/, 'an AGD subject code is three digits, like "550"'), hours: quarterHours }).strict())
      .min(1, 'list at least one AGD subject code'),
    instructors: z.array(id('an instructor id')).min(1, 'name at least one instructor'),
    objectives: z
      .array(z.object({ id: id('an objective id'), text: text('objective text') }).strict())
      .min(3, 'a course needs at least three educational objectives'),
    disclosure: text('disclosure'),
    access: z.enum(['open', 'members']),
    published: z.boolean(),
    releaseDate: date,
    reviewDate: date,
    prerequisites: z.string().default('None'),
    references: z.array(z.object({ title: text('reference title'), url: z.string().url('a full URL, starting with https://') }).strict()).default([]),
    quiz: id('the quiz id').optional(),
    simulations: z.array(id('a simulation id')).default([]),
    evaluation: id('the evaluation id').optional(),
    /** Who wrote the course, with credentials (CDA, CPC, RDH...): required for CE credit. */
    authors: z.array(person).default([]),
    /** Who reviewed the content, with credentials: required for CE credit. */
    reviewers: z.array(person).default([]),
    /** The last content review, YYYY-MM-DD (or an [OPERATOR: ...] placeholder): required for CE credit. */
    reviewedOn: z.union([z.string().regex(OPERATOR_PLACEHOLDER), date]).optional(),
    /** false = a practice course: no CE credit, and its certificates are always samples. */
    credit: z.boolean().default(true),
    /** How the CE hours were set: from the content estimate (npm run content:check) or from pilot data. */
    hoursBasis: z.enum(['content-estimate', 'pilot'], { errorMap: () => ({ message: 'hoursBasis must be content-estimate or pilot' }) }),
    /** Pilot testing: how long real participants took (the median), the usual evidence for CE hours. */
    pilot: z
      .object({
        learners: z.number().int().positive('learners must be a whole number above 0'),
        medianMinutes: z.number().positive('medianMinutes must be above 0'),
        measuredFrom: date,
        measuredTo: date,
      })
      .strict()
      .optional(),
    /** Cost, level, hardware and software needs and credit expiry, shown on the course page (publicity.ts). */
    publicity: publicitySchema.optional(),
    /** The picture on the course's card: { image, alt }, the image relative to the course folder. */
    cover: coverSchema.optional(),
    /**
     * Coding content (CDT, CPT, ICD-10-CM, claim forms) changes every year, so such a course must be
     * reviewed at most a year after its release or last review.
     */
    codingContent: z.boolean().default(false),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (c.hoursBasis === 'pilot' && !c.pilot) {
      ctx.addIssue({ code: 'custom', path: ['pilot'], message: 'hoursBasis is pilot, so record the pilot: { learners, medianMinutes, measuredFrom, measuredTo }' });
    }
    if (c.pilot && c.pilot.measuredTo < c.pilot.measuredFrom) {
      ctx.addIssue({ code: 'custom', path: ['pilot', 'measuredTo'], message: 'measuredTo must not come before measuredFrom' });
    }
    const sum = c.agd.reduce((s, a) => s + Math.round(a.hours * 100), 0);
    if (sum !== Math.round(c.ceHours * 100)) {
      ctx.addIssue({ code: 'custom', path: ['agd'], message: `the AGD hours add up to ${sum / 100}, but ceHours is ${c.ceHours}` });
    }
    if (c.reviewDate <= c.releaseDate) {
      ctx.addIssue({ code: 'custom', path: ['reviewDate'], message: 'reviewDate must come after releaseDate' });
    }
    if (c.codingContent && c.reviewDate > oneYearAfter(c.releaseDate)) {
      ctx.addIssue({
        code: 'custom',
        path: ['reviewDate'],
        message: `coding content is reviewed yearly: reviewDate must be at most one year after releaseDate (by ${oneYearAfter(c.releaseDate).toISOString().slice(0, 10)})`,
      });
    }
    if (c.publicity && c.publicity.creditExpires <= c.releaseDate) {
      ctx.addIssue({ code: 'custom', path: ['publicity', 'creditExpires'], message: 'creditExpires must come after releaseDate' });
    }
    if (c.published && !c.publicity) {
      ctx.addIssue({ code: 'custom', path: ['publicity'], message: 'a published course states its cost, level, hardware, software and creditExpires under publicity (see docs/formats.md)' });
    }
    const ids = c.objectives.map((o) => o.id);
    ids.forEach((oid, i) => {
      if (ids.indexOf(oid) !== i) ctx.addIssue({ code: 'custom', path: ['objectives', i, 'id'], message: `objective id "${oid}" is used twice` });
    });
  });

/** The same calendar day a year later (29 February becomes 28 February). */
export function oneYearAfter(d: Date): Date {
  const out = new Date(Date.UTC(d.getUTCFullYear() + 1, d.getUTCMonth(), d.getUTCDate()));
  if (out.getUTCMonth() !== d.getUTCMonth()) out.setUTCDate(0);
  return out;
}

export const lessonSchema = z
  .object({
    title: text('title'),
    order: z.number().int().positive('order must be a whole number from 1'),
    /** Gone: a lesson's time is estimated from its content (docs/authoring.md). */
    minutes: z
      .unknown()
      .optional()
      .refine((v) => v === undefined, 'lesson minutes are now estimated from the content (see docs/authoring.md): delete this line'),
    objectives: z.array(id('an objective id')).min(1, 'name the objective ids this lesson serves'),
  })
  .strict();

const evaluationItem = z.discriminatedUnion('type', [
  z.object({ id: id('an item id'), type: z.literal('likert'), text: text('text'), required: z.boolean().default(true) }).strict(),
  z.object({ id: id('an item id'), type: z.literal('yes-no'), text: text('text'), required: z.boolean().default(true) }).strict(),
  z.object({ id: id('an item id'), type: z.literal('minutes'), text: text('text'), required: z.boolean().default(true) }).strict(),
  z.object({ id: id('an item id'), type: z.literal('text'), text: text('text'), required: z.boolean().default(false) }).strict(),
  /**
   * One Likert statement per objective of the course: `text` is the opening ("I can now") and each
   * objective's own text completes it. See expandEvaluation in lib/domain/evaluation-form.ts.
   */
  z.object({ id: id('an item id'), type: z.literal('objectives'), text: text('text'), required: z.boolean().default(true) }).strict(),
]);

export const evaluationSchema = z
  .object({
    title: text('title'),
    items: z.array(evaluationItem).min(1),
  })
  .strict()
  .superRefine((e, ctx) => {
    const ids = e.items.map((i) => i.id);
    ids.forEach((iid, i) => {
      if (ids.indexOf(iid) !== i) ctx.addIssue({ code: 'custom', path: ['items', i, 'id'], message: `item id "${iid}" is used twice` });
    });
  });

export type CourseData = z.infer<typeof courseSchema>;
export type LessonData = z.infer<typeof lessonSchema>;
export type InstructorData = z.infer<typeof instructorSchema>;
export type EvaluationData = z.infer<typeof evaluationSchema>;
/** An item as the learner answers it: an `objectives` item already expanded into Likert items. */
export type EvaluationItem = Exclude<EvaluationData['items'][number], { type: 'objectives' }> & { objective?: string };
/** A form as the page, the action and the report use it (see expandEvaluation). */
export type EvaluationForm = { title: string; items: EvaluationItem[] };
