import { expect, test } from '@playwright/test';
import { eq } from 'drizzle-orm';
import { quizAttempts } from '../../db/schema';
import { expectNoAxeViolations } from './axe';
import { completeLessons, e2eDb, makeUser, signInAs } from '../fixtures/browser';
import { answer, keyLeaks, latestAttempt } from './quiz-helpers';

test('a learner fails, sees feedback, waits out the cooldown, retakes with a new draw and passes', async ({ page, request }) => {
  const user = await makeUser();
  completeLessons(user.id, 'sample-course', ['welcome', 'tooth-numbers', 'earning-credit']);
  await signInAs(page, user);
  await page.goto('/courses/sample-course/test');
  await expectNoAxeViolations(page);
  await page.getByTestId('start-attempt').click();
  await expect(page).toHaveURL(/\/courses\/sample-course\/test\/\d+$/);
  const first = latestAttempt(user.id);
  expect(first.questions).toHaveLength(3);

  // The served page holds prompts and options only.
  const html = await (await page.request.get(page.url())).text();
  expect(keyLeaks(html, first.questions)).toEqual([]);
  expect(keyLeaks(await page.content(), first.questions)).toEqual([]);
  await expectNoAxeViolations(page);

  // Submitting with blanks warns first (JavaScript), then submits on the second press.
  await page.getByTestId('submit-attempt').click();
  await expect(page.locator('[data-unanswered-warning]')).toContainText('3 questions are still blank');
  await answer(page, first.questions, false);
  await expect(page.locator('[data-answered]')).toHaveText('3 of 3 questions answered.');
  await page.getByTestId('submit-attempt').click();

  await expect(page.getByRole('heading', { level: 1 })).toContainText('not passed');
  await expect(page.getByTestId('attempt-result')).toContainText('0 of 3 points (0%)');
  await expect(page.getByTestId('attempt-result')).toContainText('You have 2 attempts left.');
  await expect(page.getByTestId('next-attempt-at')).toBeVisible();
  // beforePass = feedback: right/wrong and the explanation, but not the correct answer.
  await expect(page.getByTestId('question-feedback')).toHaveCount(3);
  await expect(page.getByTestId('question-feedback').first()).toContainText('✗ Not right');
  await expect(page.getByText(first.questions[0]!.explanation)).toBeVisible();
  await expect(page.getByText('Correct answer:')).toHaveCount(0);
  await expectNoAxeViolations(page);

  await page.goto('/courses/sample-course/test');
  await expect(page.getByTestId('attempt-blocked')).toContainText('Your next attempt opens after a short break.');
  await expect(page.getByTestId('start-attempt')).toHaveCount(0);

  // Wait out the 10-minute cooldown by moving the stored submission back in time.
  e2eDb().update(quizAttempts).set({ submittedAt: Date.now() - 11 * 60_000 }).where(eq(quizAttempts.id, first.id)).run();
  await page.reload();
  await page.getByTestId('start-attempt').click();
  const second = latestAttempt(user.id);
  expect(second.id).not.toBe(first.id);
  await answer(page, second.questions, true);
  await page.getByTestId('submit-attempt').click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('passed');
  await expect(page.getByTestId('attempt-result')).toContainText('3 of 3 points (100%)');
  // afterPass = full: the correct answers are shown too.
  await expect(page.getByText('Correct answer:').first()).toBeVisible();

  await page.goto('/courses/sample-course/test');
  await expect(page.getByTestId('attempt-blocked')).toContainText('You have passed this post-test.');
  await expect(page.getByTestId('attempt-history').locator('tbody tr')).toHaveCount(2);
  void request;
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });
  test('the post-test can be taken and a malformed answer keeps the others', async ({ page }) => {
    const user = await makeUser();
    completeLessons(user.id, 'sample-course', ['welcome', 'tooth-numbers', 'earning-credit']);
    await signInAs(page, user);
    await page.goto('/courses/sample-course/test');
    await page.getByTestId('start-attempt').click();
    const attempt = latestAttempt(user.id);
    await answer(page, attempt.questions, true);
    // Both "numbering" questions of the sample bank are numeric, and every draw has one per objective.
    const numeric = attempt.questions.findIndex((q) => q.type === 'numeric');
    expect(numeric).toBeGreaterThanOrEqual(0);
    {
      await page.getByTestId('quiz-form').locator('fieldset').nth(numeric).getByRole('textbox').fill('twenty-two');
      const response = page.waitForResponse((r) => r.request().method() === 'POST');
      await page.getByTestId('submit-attempt').click();
      expect((await response).status()).toBe(400);
      await expect(page.getByTestId('form-error')).toContainText(`Question ${numeric + 1}`);
      const q = attempt.questions[numeric]!;
      await page.getByTestId('quiz-form').locator('fieldset').nth(numeric).getByRole('textbox').fill(String(q.type === 'numeric' ? q.answer : ''));
    }
    await page.getByTestId('submit-attempt').click();
    await expect(page.getByTestId('attempt-result')).toContainText('3 of 3 points (100%)');
  });
});
