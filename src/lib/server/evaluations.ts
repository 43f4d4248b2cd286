/** Course evaluations: one per learner and course, the evidence behind the CE hours. */
import { clock } from '../shared/clock';
import { and, eq } from 'drizzle-orm';
import { parseDuration } from '../domain/duration';
import type { Db } from '../../../db/client';
import { evaluations } from '../../../db/schema';
import type { EvaluationForm } from '../shared/schemas/course';

export type EvaluationAnswers = Record<string, number | boolean | string | null>;

/**
 * Reads an evaluation form post against the form's items: Likert 1-5, yes/no, minutes (as minutes or
 * hours and minutes, from 1 to 6,000 minutes) and optional free text up to 2,000 characters. Returns field errors
 * keyed by item id, in words a learner understands.
 */
export function parseEvaluation(form: EvaluationForm, data: FormData): { ok: true; answers: EvaluationAnswers; minutes: number | null } | { ok: false; errors: Record<string, string> } {
  const answers: EvaluationAnswers = {};
  const errors: Record<string, string> = {};
  let minutes: number | null = null;
  for (const item of form.items) {
    const raw = data.get(`item:${item.id}`);
    const value = typeof raw === 'string' ? raw.trim() : '';
    if (value === '') {
      if (item.required) errors[item.id] = item.type === 'text' ? 'Please write an answer.' : 'Please choose an answer.';
      answers[item.id] = null;
      continue;
    }
    if (item.type === 'likert') {
      const n = Number(value);
      if (!Number.isInteger(n) || n < 1 || n > 5) errors[item.id] = 'Choose a point from 1 (strongly disagree) to 5 (strongly agree).';
      else answers[item.id] = n;
    } else if (item.type === 'yes-no') {
      if (value !== 'yes' && value !== 'no') errors[item.id] = 'Choose yes or no.';
      else answers[item.id] = value === 'yes';
    } else if (item.type === 'minutes') {
      const n = parseDuration(value);
      if (n === null) errors[item.id] = 'Write the time as minutes or as hours and minutes, for example 150, 2 hours or 2 h 30 min.';
      else if (n < 1 || n > 6000) errors[item.id] = 'Enter a time from 1 minute to 100 hours.';
      else answers[item.id] = minutes = n;
    } else {
      const text = value.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '');
      if (text.length > 2000) errors[item.id] = 'Please keep comments under 2,000 characters.';
      else answers[item.id] = text;
    }
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, answers, minutes };
}

export function hasEvaluated(db: Db, userId: number, course: string): boolean {
  return !!db.select({ id: evaluations.id }).from(evaluations).where(and(eq(evaluations.userId, userId), eq(evaluations.course, course))).get();
}

/** Stores the evaluation once; a second submission changes nothing and reports it. */
export function submitEvaluation(db: Db, userId: number, course: string, answers: EvaluationAnswers, minutes: number | null, now = clock.now()): { stored: boolean } {
  const result = db.insert(evaluations).values({ userId, course, answers, minutesReported: minutes, submittedAt: now }).onConflictDoNothing().run();
  return { stored: result.changes === 1 };
}
