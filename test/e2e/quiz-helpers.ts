/** Post-test helpers for browser tests: the learner's latest attempt, answering it, scanning for keys. */
import type { Page } from '@playwright/test';
import { desc, eq } from 'drizzle-orm';
import { quizAttempts } from '../../db/schema';
import type { DrawnQuestion } from '~/lib/domain/quiz/snapshot';
import { e2eDb } from '../fixtures/browser';

export function latestAttempt(userId: number) {
  const row = e2eDb().select().from(quizAttempts).where(eq(quizAttempts.userId, userId)).orderBy(desc(quizAttempts.id)).get()!;
  return { id: row.id, questions: row.questions as DrawnQuestion[] };
}

/** Everything in the served page that would give an answer away. */
export function keyLeaks(html: string, questions: DrawnQuestion[]): string[] {
  const leaks: string[] = [];
  for (const q of questions) {
    if (html.includes(q.explanation)) leaks.push(`explanation of ${q.id}`);
    if (q.type === 'code') for (const a of q.accepted) if (new RegExp(`\\b${a}\\b`).test(html)) leaks.push(`accepted code of ${q.id}`);
    if (q.type === 'single' || q.type === 'multiple') for (const o of q.options) if (html.includes(`value="${o.id}"`)) leaks.push(`bank option id of ${q.id}`);
    if (q.type === 'matching') for (const p of q.pairs) if (html.includes(`value="${p.id}"`)) leaks.push(`pair id of ${q.id}`);
  }
  if (/correct|"points"|explanation/i.test(html)) leaks.push('the words correct/points/explanation');
  return leaks;
}

export async function answer(page: Page, questions: DrawnQuestion[], right: boolean) {
  const form = page.getByTestId('quiz-form');
  for (const [i, q] of questions.entries()) {
    const set = form.locator('fieldset').nth(i);
    if (q.type === 'single' || q.type === 'multiple') {
      const keyed = q.options.filter((o) => !!o.correct === right).map((o) => o.text);
      for (const text of q.type === 'single' ? keyed.slice(0, 1) : keyed) await set.getByLabel(text, { exact: true }).check();
    } else if (q.type === 'true-false') await set.getByLabel(String(right ? q.answer : !q.answer) === 'true' ? 'True' : 'False').check();
    else if (q.type === 'numeric') await set.getByRole('textbox').fill(right ? q.answer.toLocaleString('en-US') : '-1');
    else if (q.type === 'code') await set.getByRole('textbox').fill(right ? q.accepted[0]!.toLowerCase() : 'nope');
    else if (q.type === 'matching') {
      for (const p of q.pairs) await set.getByLabel(p.left, { exact: true }).selectOption({ label: right ? p.right : q.rightChoices.find((c) => c.pairId !== p.id)!.text });
    }
  }
}


export function attemptById(id: number) {
  const row = e2eDb().select().from(quizAttempts).where(eq(quizAttempts.id, id)).get()!;
  return { id: row.id, questions: row.questions as DrawnQuestion[] };
}

/** Fills in the course evaluation on the current page (a rating for every statement, "No" to every yes-no question) and submits it. */
export async function submitEvaluation(page: Page, rating: '4 · Agree' | '5 · Strongly agree', minutes: number): Promise<void> {
  const form = page.getByTestId('evaluation-form');
  for (const group of await form.locator('fieldset').all()) {
    const yesNo = (await group.getByLabel('No', { exact: true }).count()) > 0;
    await group.getByLabel(yesNo ? 'No' : rating, { exact: true }).check();
  }
  await form.getByLabel(/how many minutes/i).fill(String(minutes));
  await page.getByTestId('submit-evaluation').click();
}
