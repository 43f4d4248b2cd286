import { expect, test } from '@playwright/test';
import { eq } from 'drizzle-orm';
import { evaluations, quizAttempts, users } from '../../db/schema';
import { expectNoAxeViolations } from './axe';
import { completeLessons, e2eDb, makeUser, signInAs } from '../fixtures/browser';
import { submitEvaluation } from './quiz-helpers';

const SAMPLE_LESSONS = ['welcome', 'tooth-numbers', 'earning-credit'];

test('a course page shows cost, refund policy, level, needs, credit expiry and references, and passes axe', async ({ page }) => {
  await page.goto('/courses/medical-cross-coding');
  const before = page.getByTestId('course-publicity');
  await expect(before.getByRole('heading', { name: 'Before you enroll' })).toBeVisible();
  await expect(page.getByTestId('course-cost')).toHaveText('Included with club membership');
  // The shipped provider.yaml still holds the operator's placeholder: the page says so instead of showing it.
  await expect(page.getByTestId('course-refund')).toContainText('has not published its refund policy');
  await expect(page.getByTestId('course-refund')).not.toContainText('[OPERATOR');
  await expect(before).toContainText('Intermediate');
  await expect(page.getByTestId('course-credit-expires')).toHaveText(/^\w+ \d{1,2}, 20\d\d$/);
  expect(await page.getByTestId('course-references').getByRole('listitem').count()).toBeGreaterThan(3);
  await expect(page.getByTestId('state-notes')).toHaveCount(0);
  await expectNoAxeViolations(page);
  await page.goto('/courses/customer-service');
  await expect(page.getByTestId('course-cost')).toHaveText('Free');
});

for (const [state, profession, expected] of [
  ['NY', 'dentist', /New York does not accept practice-management courses/],
  ['FL', 'dentist', /Florida counts at most 3 hours of practice-management courses/],
  ['TX', 'dentist', /Texas requires at least 16 of every 24 hours/],
] as const) {
  test(`a ${state} ${profession} sees the state's acceptance note on a practice-management course`, async ({ page }) => {
    const user = await makeUser();
    e2eDb().update(users).set({ licenceState: state, profession }).where(eq(users.id, user.id)).run();
    await signInAs(page, user);
    await page.goto('/courses/customer-service');
    const notes = page.getByTestId('state-notes');
    await expect(notes).toContainText(expected);
    await expect(notes.getByRole('link', { name: 'The rule' }).first()).toHaveAttribute('href', /^https?:\/\//);
    await expectNoAxeViolations(page);
  });
}

test('a California dentist and a New York office manager see no acceptance note', async ({ page }) => {
  for (const [state, profession] of [['CA', 'dentist'], ['NY', 'office-manager']] as const) {
    const user = await makeUser();
    e2eDb().update(users).set({ licenceState: state, profession }).where(eq(users.id, user.id)).run();
    await signInAs(page, user);
    await page.goto('/courses/customer-service');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(page.getByTestId('state-notes')).toHaveCount(0);
  }
});

test('the evaluation asks "I can now ..." per objective, intent to change, bias and future topics; the report shows them', async ({ page }) => {
  const learner = await makeUser();
  completeLessons(learner.id, 'sample-course', SAMPLE_LESSONS);
  const now = Date.now();
  e2eDb().insert(quizAttempts).values({ userId: learner.id, course: 'sample-course', questions: [], startedAt: now - 600_000, passMark: 70, submittedAt: now - 60_000, score: 3, maxScore: 3, passed: true }).run();
  await signInAs(page, learner);
  await page.goto('/courses/sample-course/evaluation');
  const form = page.getByTestId('evaluation-form');
  await expect(form.getByRole('group', { name: /^I can now move through a self-paced course/ })).toBeVisible();
  await expect(form.getByRole('group', { name: /^I can now name a tooth by its Universal number/ })).toBeVisible();
  await expect(form.getByRole('group', { name: /free of commercial bias/ })).toBeVisible();
  await expect(form.getByRole('group', { name: /intend to change/ })).toBeVisible();
  await expect(form.getByLabel(/future courses/)).toBeVisible();
  await expectNoAxeViolations(page);
  await form.getByLabel(/future courses/).fill('Appeals after a denial');
  await submitEvaluation(page, '4 · Agree', 40);
  const stored = e2eDb().select().from(evaluations).where(eq(evaluations.userId, learner.id)).get();
  expect(stored?.answers).toMatchObject({ 'can-now-navigate': 4, 'can-now-numbering': 4, 'can-now-credit': 4, 'free-of-bias': 4, 'intent-to-change': false, 'future-topics': 'Appeals after a denial', minutes: 40 });

  const admin = await makeUser({ role: 'admin' });
  await signInAs(page, admin);
  await page.goto('/instructor/sample-course');
  const table = page.getByTestId('evaluation-objectives');
  await expect(table.getByRole('row')).toHaveCount(4);
  await expect(table).toContainText('I can now describe what you must finish to earn a CE certificate.');
  await expect(page.getByTestId('evaluation-text-future-topics')).toContainText('Appeals after a denial');
  await expectNoAxeViolations(page);
});

test("a Texas dentist's tracker shows the 16 clinical hours apart from the total, with the board's rule", async ({ page }) => {
  const user = await makeUser({ member: true });
  const expires = new Date(Date.now() + 400 * 86_400_000).toISOString().slice(0, 10);
  e2eDb().update(users).set({ licenceState: 'TX', licenceType: 'dentist', profession: 'dentist', licenceExpiresOn: expires }).where(eq(users.id, user.id)).run();
  await signInAs(page, user);
  await page.goto('/me/ce');
  const minimums = page.getByTestId('tracker-minimums');
  await expect(minimums).toContainText('Technical or scientific courses related to clinical care');
  await expect(minimums).toContainText('of at least 16');
  await expect(minimums).toContainText('not met yet');
  await expect(minimums.getByRole('link', { name: 'Rule' })).toHaveAttribute('href', /texreg\.sos\.state\.tx\.us/);
  await expectNoAxeViolations(page);
});
