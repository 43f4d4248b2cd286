import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { makeUser, openedMinutesAgo, signInAs } from '../fixtures/browser';
import { answer, attemptById, submitEvaluation } from './quiz-helpers';
import { decideByKeyboard, loadScenario } from './sim-helpers';

test('a member completes "Medical cross-coding" with the best case path and the right answers, and gets a certificate', async ({ page }) => {
  test.setTimeout(240_000);
  const maria = await makeUser({ member: true, fullName: 'Maria Okafor' });
  await signInAs(page, maria);

  // Every lesson, in order, with the button a learner presses once she has spent 20 minutes on it.
  await page.goto('/courses/medical-cross-coding');
  await page.getByTestId('start-course').click();
  for (let i = 0; i < 9; i++) {
    await expectNoAxeViolations(page);
    openedMinutesAgo(maria.id, 'medical-cross-coding', 20, page.url().split('/').pop());
    await page.getByTestId('complete-lesson').click();
  }
  // The last lesson leads on to the next required step: the case.
  await expect(page).toHaveURL(/\/simulations\/broken-tooth-10$/);

  // The case, along its best path.
  const { scenario, best, maxScore } = loadScenario('broken-tooth-10');
  await page.goto('/simulations/broken-tooth-10');
  await expect(page.getByTestId('simulation')).toHaveAttribute('data-hydrated', 'true');
  for (const d of best) await decideByKeyboard(page, scenario, d);
  await expect(page.getByTestId('sim-score')).toContainText(`${maxScore} of ${maxScore} points (100%). Passed.`);

  // The post-test, with every answer right.
  await page.goto('/courses/medical-cross-coding/test');
  await page.getByTestId('start-attempt').click();
  const attemptId = Number(page.url().split('/').pop());
  const { questions } = attemptById(attemptId);
  expect(questions).toHaveLength(20);
  await answer(page, questions, true);
  await page.getByTestId('submit-attempt').click();
  await expect(page.getByTestId('attempt-result')).toContainText('(100%)');

  // The evaluation completes the course and issues the certificate.
  await page.goto('/courses/medical-cross-coding/evaluation');
  await submitEvaluation(page, '4 · Agree', 200);
  await expect(page).toHaveURL(/\/me\/certificates\/[2-9A-Z]{13}$/);
  await expect(page.getByTestId('cert-course')).toHaveText('Medical cross-coding for the dental office');
  await expect(page.getByTestId('cert-hours')).toHaveText('2');
  await page.goto('/courses/medical-cross-coding');
  await expect(page.getByTestId('course-certificate')).toBeVisible();
  // Lessons, case, post-test, evaluation, and the engaged-time line.
  await expect(page.getByTestId('completion-steps').locator('li')).toHaveCount(5);
  await expect(page.getByTestId('completion-steps')).not.toContainText('to do');
});

test('every lesson of "Customer service that keeps patients" passes axe, and the embedded case loads', async ({ page }) => {
  test.setTimeout(120_000);
  const learner = await makeUser();
  await signInAs(page, learner);
  await page.goto('/courses/customer-service');
  await page.getByTestId('start-course').click();
  for (let i = 0; i < 6; i++) {
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    if (page.url().endsWith('/when-it-goes-wrong')) await expect(page.getByTestId('simulation')).toBeVisible();
    await expectNoAxeViolations(page);
    openedMinutesAgo(learner.id, 'customer-service', 20, page.url().split('/').pop());
    await page.getByTestId('complete-lesson').click();
  }
  await expect(page).toHaveURL(/\/simulations\/upset-caller$/);
  await page.goto('/courses/customer-service/glossary');
  await expect(page.getByTestId('glossary').locator('dt')).not.toHaveCount(0);
  await expectNoAxeViolations(page);
});
