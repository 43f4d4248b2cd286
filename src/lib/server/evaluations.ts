/** Course evaluations: one per learner and course, the evidence behind the CE hours. */
import { clock } from '../shared/clock';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../db/client';
import { evaluations } from '../../../db/schema';
import type { EvaluationForm } from '../shared/schemas/course';

export type EvaluationAnswers = Record<string, number | boolean | string | null>;

/**
 * Reads an evaluation form post against the form's items: Likert 1-5, yes/no, minutes (a whole
 * number from 1 to 6,000) and optional free text up to 2,000 characters. Returns field errors
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
      const n = z.coerce.number().int().min(1).max(6000).safeParse(value);
      if (!n.success) errors[item.id] = 'Enter the number of minutes as a whole number, for example 150.';
      else answers[item.id] = minutes = n.data;
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
