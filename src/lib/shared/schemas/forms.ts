/**
 * The forms of the learner's CE record, the admin pages and the course steps, in the same style as
 * account.ts: zod objects built from the field helpers in fields.ts.
 */
import { z } from 'zod';
import { ROLES } from '../../../../db/schema';
import { clock } from '../clock';
import { US_STATES } from './account';
import { contentId, emptyToNull, isoDate, reason, recordId, requiredText, str } from './fields';
import { CE_FORMATS, CE_TOPICS, PROVIDER_APPROVALS } from './licensure';

const asList = (v: unknown) => (v === undefined || v === null || v === '' ? [] : Array.isArray(v) ? [...new Set(v)] : [v]);

const today = () => new Date(clock.now() + 86_400_000).toISOString().slice(0, 10);

/** An outside CE record (the certificate file, if any, is checked on its own by checkUpload). */
export const externalCeSchema = z.object({
  provider: requiredText(200, 'Provider'),
  title: requiredText(300, 'Course title'),
  completedOn: isoDate('Enter the completion date, like 2026-03-14.').refine((d) => d >= '1980-01-01' && d <= today(), 'The completion date must be a real date, not in the future.'),
  hours: z.coerce
    .number({ invalid_type_error: 'Enter the CE hours as a number, like 1.5.' })
    .positive('CE hours must be more than 0.')
    .max(100, 'A single course is at most 100 CE hours.')
    .refine((h) => Math.abs(h * 100 - Math.round(h * 100)) < 1e-6, 'Use at most two decimals, like 1.25.'),
  agdCode: z.preprocess(emptyToNull, z.string().regex(/^\d{3}$/, 'An AGD subject code is three digits, like 550.').nullable()),
  format: z.enum(CE_FORMATS, { errorMap: () => ({ message: 'Say how the course was taken: in person, live online or self-study.' }) }),
  // Checkbox groups: none ticked sends nothing, one ticked sends a string.
  topics: z.preprocess(asList, z.array(z.enum(CE_TOPICS, { errorMap: () => ({ message: 'Choose topics from the list.' }) })).max(CE_TOPICS.length)),
  approvals: z.preprocess(asList, z.array(z.enum(PROVIDER_APPROVALS, { errorMap: () => ({ message: 'Choose approvals from the list.' }) })).max(PROVIDER_APPROVALS.length)),
});

/** Editing a record: the same fields plus its id (the file stays as it is). */
export const editExternalSchema = externalCeSchema.extend({ id: recordId });

const birthMonth = 'Birth month is a number from 1 to 12.';
export const trackerSchema = z.object({
  licenceState: z.enum(US_STATES, { errorMap: () => ({ message: 'Choose the state of your license.' }) }),
  // Which types a state has is in its content/licensure file; the action checks the pair.
  licenceType: str('Choose your license type.').regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'Choose your license type.').max(60, 'Choose your license type.'),
  licenceExpiresOn: z.preprocess(emptyToNull, z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter the expiry date printed on your license, like 2027-06-30.').nullable()),
  birthMonth: z.preprocess(emptyToNull, z.coerce.number({ invalid_type_error: birthMonth }).int(birthMonth).min(1, birthMonth).max(12, birthMonth).nullable()),
  override: z.preprocess(emptyToNull, z.coerce.number({ invalid_type_error: 'Enter your own requirement in hours, like 30.' }).min(0, 'Hours cannot be negative.').max(500, 'At most 500 hours.').nullable()),
});

export const deleteExternalSchema = z.object({ id: recordId });

export const setRoleSchema = z.object({
  userId: recordId,
  role: z.enum(ROLES, { errorMap: () => ({ message: 'Choose learner, instructor or admin.' }) }),
});

// An empty date clears the membership.
export const setMembershipSchema = z.object({ userId: recordId, until: z.preprocess(emptyToNull, isoDate().nullable()) });

export const sendResetSchema = z.object({ userId: recordId });
/** Admin: sign a user out of every device. */
export const signOutUserSchema = z.object({ userId: recordId });
/** Admin: one more post-test attempt, or the current cooldown ended now, for one learner and course. */
export const attemptExceptionSchema = z.object({
  userId: recordId,
  course: contentId('That is not a course.'),
  kind: z.enum(['extra-attempt', 'end-cooldown'], { errorMap: () => ({ message: 'Choose “one more attempt” or “end the cooldown”.' }) }),
});
export const retryMailSchema = z.object({ id: recordId });

export const revokeSchema = z.object({ certificateId: recordId, reason: reason('revoking') });
export const reissueSchema = z.object({ certificateId: recordId, reason: reason('reissuing') });

export const courseFormSchema = z.object({ course: contentId('That course does not exist.') });
export const lessonFormSchema = z.object({ course: contentId('That is not a lesson of this course.'), lesson: contentId('That is not a lesson of this course.') });
export const scenarioIdField = contentId('That case does not exist.');
export const scenarioFormSchema = z.object({ scenario: scenarioIdField });

/** The CE Broker roster's filters and the CE Broker numbers it needs (GET, so the page and its CSV share a link). */
export const ceBrokerQuerySchema = z
  .object({
    course: contentId('Choose a course.'),
    from: isoDate('Enter the first completion date, like 2026-01-01.'),
    to: isoDate('Enter the last completion date, like 2026-01-31.'),
    licenceType: z.preprocess(emptyToNull, z.enum(['dentist', 'hygienist'], { errorMap: () => ({ message: 'Choose dentists or dental hygienists.' }) }).nullable()),
    provider: str('Enter your CE Broker provider tracking number.').trim().regex(/^(?:50-?)?\d{1,12}$/, 'The CE Broker provider tracking number is digits, like 50-12345 or 12345.'),
    tracking: z.preprocess(emptyToNull, str('').trim().regex(/^(?:20-?)?\d{1,12}$/, 'The CE Broker course tracking number is digits, like 20-123456.').nullable()),
    profession: str('Enter the CE Broker profession code.').trim().regex(/^[A-Za-z0-9]{1,10}$/, 'The CE Broker profession code is letters or digits, as CE Broker lists it.'),
  })
  .refine((q) => q.from <= q.to, { message: 'The first date must be on or before the last.', path: ['to'] });
