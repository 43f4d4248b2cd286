import { ActionError, defineAction } from 'astro:actions';
import { scenarioFormSchema, scenarioIdField } from '../lib/shared/schemas/forms';
import { getCourse } from '../lib/content/courses';
import { getScenario } from '../lib/content/simulations';
import { decisionSchema, type Decision } from '../lib/shared/schemas/simulation';
import { actionLesson, actionUser } from '../lib/server/action-access';
import type { SessionUser } from '../lib/server/session';
import { db } from '../lib/server/db';
import { decide, decidedView, restartRun, runView } from '../lib/server/runs';
import { nextAfterCase } from '../lib/server/course-status';
import type { Decided } from '../lib/shared/simulation-view';


/** The scenario, if this learner may play it (its course's access rules apply). */
export async function playableScenario(id: string, user: SessionUser) {
  const found = await getScenario(id);
  if (!found) throw new ActionError({ code: 'NOT_FOUND', message: 'That case does not exist.' });
  actionLesson(await getCourse(found.scenario.course), user, { notFound: 'That case does not exist.', membersOnly: 'This case belongs to a members-only course.' });
  return found;
}

/** A decision posted as a form: node, kind, and choice / value / field:<id> fields / element checkboxes. */
export function decisionFromForm(form: FormData): Decision | null {
  const kind = form.get('kind');
  const node = form.get('node');
  const fields: Record<string, string> = {};
  for (const [name, value] of form) if (name.startsWith('field:') && typeof value === 'string') fields[name.slice(6)] = value;
  const raw =
    kind === 'choice' ? { node, kind, choice: form.get('choice') }
    : kind === 'input' ? { node, kind, value: form.get('value') }
    : kind === 'form' ? { node, kind, fields }
    : kind === 'task' ? { node, kind, elements: form.getAll('element') }
    : { node, kind };
  const parsed = decisionSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

export const simulation = {
  /** One decision for the current step. Works as a plain form post and from the island. */
  decide: defineAction({
    accept: 'form',
    handler: async (form, context) => {
      const user = actionUser(context);
      const id = scenarioIdField.safeParse(form.get('scenario'));
      const runId = Number(form.get('run'));
      if (!id.success || !Number.isSafeInteger(runId) || runId <= 0) throw new ActionError({ code: 'BAD_REQUEST', message: 'The form does not name a case run. Reload the page.' });
      const decision = decisionFromForm(form);
      if (!decision) throw new ActionError({ code: 'BAD_REQUEST', message: 'That answer could not be read. Check it and try again (at most 200 characters).' });
      const { scenario, maxScore } = await playableScenario(id.data, user);
      const ms = Number(form.get('ms'));
      const result = decide(db(), { userId: user.id, runId, scenarioId: id.data, scenario, maxScore, decision, msTaken: Number.isFinite(ms) ? ms : undefined });
      if (!result.ok) throw new ActionError({ code: result.status === 404 ? 'NOT_FOUND' : result.status === 409 ? 'CONFLICT' : 'BAD_REQUEST', message: result.message });
      // The next step and the story's new entry: the player holds the entries before it.
      const view = decidedView(scenario, result, maxScore);
      if (!view) throw new ActionError({ code: 'CONFLICT', message: 'This case was updated since you started. Restart it to play the new version.' });
      // A passed ending leads on to the course's next required step, decided here as on a reload.
      return { ...view, next: await nextAfterCase(view.step, scenario.course, user.id) } satisfies Decided;
    },
  }),

  restart: defineAction({
    accept: 'form',
    input: scenarioFormSchema,
    handler: async ({ scenario: id }, context) => {
      const user = actionUser(context);
      const { scenario, maxScore } = await playableScenario(id, user);
      return runView(scenario, restartRun(db(), user.id, id, scenario), maxScore);
    },
  }),
};
