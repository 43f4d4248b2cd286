/**
 * Input schemas for account forms, with messages written for people. Shared so the browser could
 * use them too; the server always re-validates.
 */
import { z } from 'zod';
import { cleanText, emptyToNull, optionalText, str } from './fields';
import { isTimeZone } from '../dates';

export const PROFESSION_LABELS = {
  dentist: 'Dentist',
  hygienist: 'Dental hygienist',
  'dental-assistant': 'Dental assistant',
  'office-manager': 'Office manager',
  'front-office': 'Front office',
  other: 'Other',
} as const;
export type ProfessionId = keyof typeof PROFESSION_LABELS;
const professionIds = Object.keys(PROFESSION_LABELS) as [ProfessionId, ...ProfessionId[]];

/** Two-letter US state and territory codes for licence states. */
export const US_STATES = [
  'AL', 'AK', 'AZ', 'AR', 'CA', 'CO', 'CT', 'DE', 'DC', 'FL', 'GA', 'HI', 'ID', 'IL', 'IN', 'IA', 'KS', 'KY',
  'LA', 'ME', 'MD', 'MA', 'MI', 'MN', 'MS', 'MO', 'MT', 'NE', 'NV', 'NH', 'NJ', 'NM', 'NY', 'NC', 'ND', 'OH',
  'OK', 'OR', 'PA', 'PR', 'RI', 'SC', 'SD', 'TN', 'TX', 'UT', 'VT', 'VA', 'VI', 'WA', 'WV', 'WI', 'WY', 'GU',
] as const;

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 256;

export const emailField = z
  .string({ required_error: 'Enter your email address.', invalid_type_error: 'Enter your email address.' })
  .trim()
  .toLowerCase()
  .min(1, 'Enter your email address.')
  .max(254, 'That email address is too long.')
  .email('Enter a valid email address, like name@example.com.');

export const newPasswordField = z
  .string({ required_error: 'Choose a password.', invalid_type_error: 'Choose a password.' })
  .min(PASSWORD_MIN, `Use at least ${PASSWORD_MIN} characters.`)
  .max(PASSWORD_MAX, `Use at most ${PASSWORD_MAX} characters.`);

export const fullNameField = cleanText(120, 'Full name').pipe(
  z.string().min(2, 'Enter your full name as it should appear on certificates.'),
);

export const profileFields = {
  fullName: fullNameField,
  profession: z.enum(professionIds, { errorMap: () => ({ message: 'Choose your profession.' }) }),
  licenceState: z.preprocess(
    emptyToNull,
    z.enum(US_STATES, { errorMap: () => ({ message: 'Choose a US state or territory from the list.' }) }).nullable(),
  ),
  licenceNumber: optionalText(40, 'Licence number'),
  agdId: optionalText(20, 'AGD member ID', { re: /^[0-9A-Za-z-]+$/, message: 'An AGD ID has only letters, digits and dashes.' }),
  /** Dates and times are shown in this zone; sign-up fills it from the browser when it can. */
  timeZone: z.preprocess(emptyToNull, z.string().max(64).refine(isTimeZone, 'Choose a time zone from the list.').nullable()),
};

export const signupSchema = z.object({
  email: emailField,
  password: newPasswordField,
  ...profileFields,
  next: z.string().nullish(),
});

export const loginSchema = z.object({
  email: str('Enter your email address.').trim().toLowerCase().min(1, 'Enter your email address.').max(254, 'That email address is too long.'),
  password: str('Enter your password.').min(1, 'Enter your password.').max(PASSWORD_MAX, `Passwords are at most ${PASSWORD_MAX} characters.`),
  next: z.string().nullish(),
  /** "This is a shared computer": the session ends with the browser (a checkbox; Astro gives true when ticked). */
  shared: z.boolean().optional(),
});

export const profileSchema = z.object(profileFields);

export const changePasswordSchema = z.object({
  currentPassword: str('Enter your current password.').min(1, 'Enter your current password.').max(PASSWORD_MAX, `Passwords are at most ${PASSWORD_MAX} characters.`),
  newPassword: newPasswordField,
});
