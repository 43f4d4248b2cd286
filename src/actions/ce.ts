import { ActionError, defineAction } from 'astro:actions';
import { deleteExternalSchema, externalCeSchema, trackerSchema } from '../lib/shared/schemas/forms';
import { actionMember, actionUser } from '../lib/server/action-access';
import { db } from '../lib/server/db';
import { addExternal, checkUpload, deleteExternal } from '../lib/server/external-ce';
import { setTrackerSettings } from '../lib/server/users';

const MEMBERS_ONLY = 'Recording outside CE and the licence tracker are for club members.';

export const ce = {
  addExternal: defineAction({
    accept: 'form',
    handler: async (form, context) => {
      const user = actionMember(context, MEMBERS_ONLY);
      const parsed = externalCeSchema.safeParse(Object.fromEntries([...form].filter(([, v]) => typeof v === 'string')));
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
    input: deleteExternalSchema,
    handler: async ({ id }, context) => {
      const user = actionUser(context);
      if (!deleteExternal(db(), user.id, id)) throw new ActionError({ code: 'NOT_FOUND', message: 'That record does not exist.' });
      return { deleted: true };
    },
  }),

  setTracker: defineAction({
    accept: 'form',
    input: trackerSchema,
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
