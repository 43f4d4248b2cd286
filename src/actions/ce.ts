import { clock } from '../lib/shared/clock';
import { ActionError, defineAction } from 'astro:actions';
import { z } from 'zod';
import { LICENCE_TYPES } from '../lib/shared/schemas/licensure';
import { US_STATES } from '../lib/shared/schemas/account';
import { actionMember, actionUser } from '../lib/server/action-access';
import { db } from '../lib/server/db';
import { addExternal, checkUpload, deleteExternal } from '../lib/server/external-ce';
import { setTrackerSettings } from '../lib/server/users';
import { idSchema } from './auth';

/** Empty form fields (Astro may send them as '' or null) mean "not given". */
const blank = (v: unknown) => (v === '' || v === null || v === undefined ? null : v);

const text = (label: string, max: number) =>
  z.string({ required_error: `${label} is required.`, invalid_type_error: `${label} is required.` }).transform((s) => s.replace(/[\u0000-\u001f\u007f]/g, '').trim()).pipe(z.string().min(1, `${label} is required.`).max(max, `${label} can be at most ${max} characters.`));

const externalSchema = z.object({
  provider: text('Provider', 200),
  title: text('Course title', 300),
  completedOn: z
    .string({ required_error: 'Enter the completion date, like 2026-03-14.', invalid_type_error: 'Enter the completion date, like 2026-03-14.' })
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter the completion date, like 2026-03-14.')
    .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && d >= '1980-01-01' && d <= new Date(clock.now() + 86_400_000).toISOString().slice(0, 10), 'The completion date must be a real date, not in the future.'),
  hours: z.coerce
    .number({ invalid_type_error: 'Enter the CE hours as a number, like 1.5.' })
    .positive('CE hours must be more than 0.')
    .max(100, 'A single course is at most 100 CE hours.')
    .refine((h) => Math.abs(h * 100 - Math.round(h * 100)) < 1e-6, 'Use at most two decimals, like 1.25.'),
  agdCode: z.preprocess(blank, z.string().regex(/^\d{3}$/, 'An AGD subject code is three digits, like 550.').nullable()),
  selfStudy: z.enum(['yes', 'no'], { errorMap: () => ({ message: 'Say whether it was self-study or live.' }) }),
});

const MEMBERS_ONLY = 'Recording outside CE and the licence tracker are for club members.';

export const ce = {
  addExternal: defineAction({
    accept: 'form',
    handler: async (form, context) => {
      const user = actionMember(context, MEMBERS_ONLY);
      const parsed = externalSchema.safeParse(Object.fromEntries([...form].filter(([, v]) => typeof v === 'string')));
      if (!parsed.success) throw new ActionError({ code: 'BAD_REQUEST', message: parsed.error.issues.map((i) => i.message).join(' ') });
      const file = await checkUpload(form.get('file'));
      if (file && !file.ok) throw new ActionError({ code: 'BAD_REQUEST', message: file.message });
      const { hours, agdCode, selfStudy, ...rest } = parsed.data;
      const row = addExternal(db(), user.id, { ...rest, hoursCenti: Math.round(hours * 100), agdCode, selfStudy: selfStudy === 'yes' }, file);
      return { id: row.id, title: row.title };
    },
  }),

  deleteExternal: defineAction({
    accept: 'form',
    input: z.object({ id: idSchema }),
    handler: async ({ id }, context) => {
      const user = actionUser(context);
      if (!deleteExternal(db(), user.id, id)) throw new ActionError({ code: 'NOT_FOUND', message: 'That record does not exist.' });
      return { deleted: true };
    },
  }),

  setTracker: defineAction({
    accept: 'form',
    input: z.object({
      licenceState: z.enum(US_STATES, { errorMap: () => ({ message: 'Choose the state of your licence.' }) }),
      licenceType: z.enum(LICENCE_TYPES, { errorMap: () => ({ message: 'Choose your licence type.' }) }),
      licenceExpiresOn: z.preprocess(blank, z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter the expiry date printed on your licence, like 2027-06-30.').nullable()),
      birthMonth: z.preprocess(blank, z.coerce.number({ invalid_type_error: 'Birth month is a number from 1 to 12.' }).int('Birth month is a number from 1 to 12.').min(1, 'Birth month is a number from 1 to 12.').max(12, 'Birth month is a number from 1 to 12.').nullable()),
      override: z.preprocess(blank, z.coerce.number({ invalid_type_error: 'Enter your own requirement in hours, like 30.' }).min(0, 'Hours cannot be negative.').max(500, 'At most 500 hours.').nullable()),
    }),
    handler: async (input, context) => {
      const user = actionMember(context, MEMBERS_ONLY);
      setTrackerSettings(db(), user.id, {
        licenceState: input.licenceState,
        licenceType: input.licenceType,
        licenceExpiresOn: input.licenceExpiresOn,
        birthMonth: input.birthMonth,
        cycleHoursOverrideCenti: input.override === null ? null : Math.round(input.override * 100),
      });
      return { saved: true };
    },
  }),
};
