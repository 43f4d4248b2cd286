/**
 * The building blocks of every form schema: each field type once, with messages written for
 * people. Form schemas (account.ts, forms.ts) are zod objects built from these; actions pass them
 * as `input`, or parse with them when the form carries a file or fields named at run time.
 */
import { z } from 'zod';

/** A string field whose missing or wrong-typed value gets the same human message. */
export const str = (message: string) => z.string({ required_error: message, invalid_type_error: message });

/** Empty form fields (Astro may send them as '' or null) mean "not given". */
export const emptyToNull = (v: unknown) => ((typeof v === 'string' && v.trim() === '') || v === undefined || v === null ? null : v);

/** Text without control characters or surrounding space (it is shown on pages and PDFs). */
export const cleanText = (max: number, label: string) =>
  z
    .string({ invalid_type_error: `${label} must be text.` })
    .transform((s) => s.replace(/[\u0000-\u001f\u007f]/g, '').trim())
    .pipe(z.string().max(max, `${label} can be at most ${max} characters.`));

/** Clean text that must be given. */
export const requiredText = (max: number, label: string) =>
  z
    .string({ required_error: `${label} is required.`, invalid_type_error: `${label} is required.` })
    .transform((s) => s.replace(/[\u0000-\u001f\u007f]/g, '').trim())
    .pipe(z.string().min(1, `${label} is required.`).max(max, `${label} can be at most ${max} characters.`));

/** Clean text that may be left empty (null), optionally with a pattern. */
export const optionalText = (max: number, label: string, pattern?: { re: RegExp; message: string }) =>
  z.preprocess(emptyToNull, cleanText(max, label).pipe(pattern ? z.string().regex(pattern.re, pattern.message) : z.string()).nullable());

/** A course, lesson or case id from a form: anything else gets `message` ("That course does not exist."). */
export const contentId = (message: string) => str(message).regex(/^[a-z0-9-]{1,80}$/, message);

/** A record id posted by a form; missing or malformed ids get one human message. */
export const recordId = z.coerce
  .number({ invalid_type_error: 'The form names no valid record. Reload the page and try again.' })
  .int('The form names no valid record. Reload the page and try again.')
  .positive('The form names no valid record. Reload the page and try again.');

/** A calendar date typed as YYYY-MM-DD; `example` shows the expected form in the message. */
export const isoDate = (message = 'Enter a date like 2027-06-30.') =>
  str(message)
    .regex(/^\d{4}-\d{2}-\d{2}$/, message)
    .refine((s) => !Number.isNaN(Date.parse(`${s}T23:59:59Z`)), 'That is not a real date.');

/** A reason an admin gives for an action on someone's record. */
export const reason = (what: string) =>
  str(`Give the reason for ${what}.`).trim().min(3, `Give the reason for ${what} (at least 3 characters).`).max(500, 'Keep the reason under 500 characters.');
