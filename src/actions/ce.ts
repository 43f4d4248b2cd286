import { ActionError, defineAction } from 'astro:actions';
import { deleteExternalSchema, editExternalSchema, externalCeSchema, trackerSchema } from '~/lib/shared/schemas/forms';
import { actionMember, actionUser } from '~/lib/server/action-access';
import { db } from '~/lib/server/db';
import { addExternal, checkUpload, deleteExternal, updateExternal, type ExternalInput } from '~/lib/server/external-ce';
import { setTrackerSettings } from '~/lib/server/users';
import { listLicensure } from '~/lib/content/licensure';
import { licenceEntry } from '~/lib/shared/schemas/licensure';

const MEMBERS_ONLY = 'Recording outside CE and the license tracker are for club members.';

/**
 * The outside-CE form's fields: text fields once each, the topic and approval checkbox groups as
 * lists (FormData repeats the name per ticked box, which Astro's own form parsing would cut to one).
 */
function parseExternal<S extends typeof externalCeSchema | typeof editExternalSchema>(schema: S, form: FormData) {
  const fields: Record<string, unknown> = Object.fromEntries([...form].filter(([k, v]) => typeof v === 'string' && k !== 'topics' && k !== 'approvals'));
  const parsed = schema.safeParse({ ...fields, topics: form.getAll('topics'), approvals: form.getAll('approvals') });
  if (!parsed.success) throw new ActionError({ code: 'BAD_REQUEST', message: parsed.error.issues.map((i) => i.message).join(' ') });
  const { hours, ...rest } = parsed.data;
  return { ...rest, hoursCenti: Math.round(hours * 100) } as Omit<S['_output'], 'hours'> & { hoursCenti: number };
}

const input = ({ provider, title, completedOn, hoursCenti, agdCode, format, topics, approvals }: ExternalInput): ExternalInput => ({ provider, title, completedOn, hoursCenti, agdCode, format, topics, approvals });

export const ce = {
  addExternal: defineAction({
    accept: 'form',
    handler: async (form, context) => {
      const user = actionMember(context, MEMBERS_ONLY);
      const data = parseExternal(externalCeSchema, form);
      const file = await checkUpload(form.get('file'));
      if (file && !file.ok) throw new ActionError({ code: 'BAD_REQUEST', message: file.message });
      const row = addExternal(db(), user.id, input(data), file);
      return { id: row.id, title: row.title };
    },
  }),

  editExternal: defineAction({
    accept: 'form',
    handler: async (form, context) => {
      const user = actionMember(context, MEMBERS_ONLY);
      const data = parseExternal(editExternalSchema, form);
      if (!updateExternal(db(), user.id, data.id, input(data))) throw new ActionError({ code: 'NOT_FOUND', message: 'That record does not exist.' });
      return { id: data.id };
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
      const state = (await listLicensure()).find((s) => s.state === input.licenceState);
      // A state the tracker does not know yet is kept (the page says so); a type must be one the state lists.
      if (state && !licenceEntry(state, input.licenceType)) {
        throw new ActionError({ code: 'BAD_REQUEST', message: `Choose one of the ${state.name} license types: ${Object.values(state.licenceTypes).map((t) => t.label).join(', ')}.` });
      }
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
