/** Issue 18, items 1-10: the learner's experience end to end. */
import type { Page } from '@playwright/test';
import { eq } from 'drizzle-orm';
import { externalCe, quizAttempts, simulationRuns, users } from '../../db/schema';
import { expectNoAxeViolations } from './axe';
import { completeLessons, e2eDb, expect, finishCourse, makeUser, openCustomerServiceCertificate, openedMinutesAgo, signInAs, test } from '../fixtures/browser';
import { answer, latestAttempt, submitEvaluation } from './quiz-helpers';
import { decideByKeyboard, loadScenario } from './sim-helpers';
import { decide, openRun } from '~/lib/server/runs';
import { issueCertificate } from '~/lib/server/certificates';
import { formatCode } from '~/lib/domain/certificate-code';

const SAMPLE = ['welcome', 'tooth-numbers', 'earning-credit'];

/** A new learner who has read the sample course's lessons, signed in, with a post-test attempt open. */
async function startSampleAttempt(page: Page) {
  const user = await makeUser();
  completeLessons(user.id, 'sample-course', SAMPLE);
  await signInAs(page, user);
  await page.goto('/courses/sample-course/test');
  await page.getByTestId('start-attempt').click();
  return { user, attempt: latestAttempt(user.id) };
}
const CUSTOMER = ['customer-no-service', 'first-contact', 'every-role-every-time', 'when-it-goes-wrong', 'money-conversations', 'making-it-a-habit'];
const WIDTHS = [1280, 320] as const;

/** The page does not scroll sideways at the current width. */
async function expectNoSidewaysScroll(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
}

test('1. every page offers the one next required step, and the home page a Continue card', async ({ page }) => {
  const user = await makeUser();
  await signInAs(page, user);
  completeLessons(user.id, 'sample-course', SAMPLE.slice(0, 2));
  await page.goto('/');
  const card = page.getByTestId('continue-sample-course');
  await expect(card).toContainText('Next: Resume');
  await expectNoAxeViolations(page);
  await card.getByRole('link', { name: /^Continue/ }).click();
  await expect(page).toHaveURL(/\/courses\/sample-course\/earning-credit$/);
  await expectNoAxeViolations(page);

  // The last lesson leads straight to the post-test.
  openedMinutesAgo(user.id, 'sample-course', 30, 'earning-credit');
  await page.getByTestId('complete-lesson').click();
  await expect(page).toHaveURL(/\/courses\/sample-course\/test$/);
  // Back on the last lesson, its link leads on to that step too (from the course's steps).
  await page.goto('/courses/sample-course/earning-credit');
  await expect(page.getByTestId('next-lesson')).toHaveAttribute('href', '/courses/sample-course/test');
  await expect(page.getByTestId('next-lesson')).toContainText('Next step');
  await page.goto('/courses/sample-course');
  await expect(page.getByTestId('start-course')).toHaveText('Take the post-test');
  await expect(page.getByTestId('start-course')).toHaveAttribute('href', '/courses/sample-course/test');
  await expect(page.getByRole('link', { name: 'Review the lessons' })).toBeVisible();
  await expectNoAxeViolations(page);

  // After passing, the result page's main button is the evaluation, then the certificate.
  await page.goto('/courses/sample-course/test');
  await page.getByTestId('start-attempt').click();
  await answer(page, latestAttempt(user.id).questions, true);
  await page.getByTestId('submit-attempt').click();
  await expect(page.getByTestId('attempt-result')).toContainText('(100%)');
  await expect(page.getByTestId('next-step')).toHaveText('Fill in the course evaluation');
  await expectNoAxeViolations(page);
  await page.getByTestId('next-step').click();
  await expect(page).toHaveURL(/\/courses\/sample-course\/evaluation$/);
  await submitEvaluation(page, '4 · Agree', 45);
  await expect(page).toHaveURL(/\/me\/certificates\/[2-9A-Z]{13}$/);
  await page.goto('/courses/sample-course');
  await expect(page.getByTestId('start-course')).toHaveText('See your certificate');
  // A finished course is no longer "in progress" on the home page.
  await page.goto('/');
  await expect(page.getByTestId('continue-sample-course')).toHaveCount(0);
});

for (const width of WIDTHS) {
  test(`2. a lesson has a course sidebar and previous/next links, with no script, at ${width} px`, async ({ page }) => {
    await page.setViewportSize({ width, height: 900 });
    const user = await makeUser();
    completeLessons(user.id, 'customer-service', ['customer-no-service']);
    await signInAs(page, user);
    const response = await page.goto('/courses/customer-service/first-contact');
    expect(await response!.text()).not.toMatch(/<script/i);
    const nav = page.getByRole('navigation', { name: width === 320 ? 'Course contents (phone)' : 'Course contents' });
    if (width === 320) {
      // Folded on phones: one line until opened, by keyboard too.
      await expect(nav).toBeHidden();
      await page.getByText('Course contents', { exact: true }).focus();
      await page.keyboard.press('Enter');
    }
    await expect(nav).toBeVisible();
    await expect(nav.getByRole('listitem')).toHaveCount(CUSTOMER.length + 3); // lessons, the case, the post-test, the evaluation
    await expect(nav.getByRole('listitem').first()).toContainText('completed');
    await expect(nav.locator('a[aria-current="page"]')).toHaveAttribute('href', '/courses/customer-service/first-contact');
    await expect(nav.getByRole('link', { name: /^Case:/ })).toHaveAttribute('href', '/simulations/upset-caller');
    await expect(nav.getByRole('link', { name: 'Post-test' })).toHaveAttribute('href', '/courses/customer-service/test');
    await expect(nav.getByRole('link', { name: 'Course evaluation' })).toHaveAttribute('href', '/courses/customer-service/evaluation');
    await expect(page.getByTestId('prev-lesson')).toHaveAttribute('href', '/courses/customer-service/customer-no-service');
    await expect(page.getByTestId('next-lesson')).toHaveAttribute('href', '/courses/customer-service/every-role-every-time');
    await expectNoSidewaysScroll(page);
    await expectNoAxeViolations(page);
  });
}

test('3. the tooth-numbering lesson and the header fit 320 px; the tooth chart shows its FDI numbers', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 800 });
  await signInAs(page, await makeUser({ member: true }));
  await page.goto('/courses/medical-cross-coding/tooth-numbering');
  await expectNoSidewaysScroll(page);
  // The FDI number of every tooth is reachable by keyboard (and tap), not only by hovering.
  const numbers = page.locator('.tc-numbers').first();
  await numbers.locator('summary').focus();
  await page.keyboard.press('Enter');
  await expect(numbers.getByRole('row', { name: /#9 21 upper left central incisor/i })).toBeVisible();
  await expectNoSidewaysScroll(page);
  // The header is one line: brand and the Menu button side by side.
  const header = await page.locator('.site-header').boundingBox();
  expect(header!.height).toBeLessThan(70);
  await page.getByText('Menu', { exact: true }).click();
  await expect(page.getByRole('navigation', { name: 'Main (phone)' }).getByRole('link', { name: 'My CE' })).toBeVisible();
  await expectNoSidewaysScroll(page);
  await expectNoAxeViolations(page);
});

test('4. times are shown in the learner’s zone, named; sign-up takes the zone from the browser', async ({ browser }) => {
  const context = await browser.newContext({ timezoneId: 'America/Chicago' });
  const page = await context.newPage();
  await page.goto('/signup');
  // The device's zone fills the field, which steps aside behind a sentence naming the zone.
  const zoneSelect = page.locator('select[name="timeZone"]');
  await expect(page.locator('[data-tz-note]')).toHaveText(/Dates and times will be shown in Central time \(Chicago\), the time zone of this device\.\s+Change time zone/);
  await expect(zoneSelect).toBeHidden();
  await expect(zoneSelect).toHaveValue('America/Chicago');
  await expectNoAxeViolations(page);
  // "Change time zone" brings the list back, with the keyboard focus on it.
  await page.getByRole('button', { name: 'Change time zone' }).press('Enter');
  await expect(page.getByLabel('Time zone')).toBeFocused();
  await expect(page.locator('[data-tz-note]')).toBeHidden();
  await page.setViewportSize({ width: 320, height: 800 });
  await expectNoAxeViolations(page);
  // Left as filled, the device's zone is what the new account keeps.
  const email = `zone-${crypto.randomUUID().slice(0, 8)}@e2e.test`;
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('molar canine incisor');
  await page.getByLabel('Full name').fill('Zoe Zone');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByTestId('signup-sent')).toBeVisible();
  expect(e2eDb().select().from(users).where(eq(users.email, email)).get()!.timeZone).toBe('America/Chicago');
  // A profile without a zone says times are in UTC and asks for one (axe at 320 px, then 1280 px).
  const zoneless = await makeUser();
  e2eDb().update(users).set({ timeZone: null }).where(eq(users.id, zoneless.id)).run();
  await signInAs(page, zoneless);
  await page.goto('/me/profile');
  await expect(page.getByTestId('zone-unset')).toBeVisible();
  await expectNoAxeViolations(page);
  await page.setViewportSize({ width: 1280, height: 800 });
  await expectNoAxeViolations(page);

  const user = await makeUser();
  e2eDb().update(users).set({ timeZone: 'America/Los_Angeles' }).where(eq(users.id, user.id)).run();
  completeLessons(user.id, 'sample-course', SAMPLE);
  // A failed attempt started at 2026-11-29 14:00 UTC: 6:00 AM in Los Angeles (PST).
  const at = Date.UTC(2026, 10, 29, 14, 0);
  e2eDb().insert(quizAttempts).values({ userId: user.id, course: 'sample-course', questions: [], startedAt: at, passMark: 70, submittedAt: at + 60_000, score: 0, maxScore: 3, passed: false }).run();
  await signInAs(page, user);
  await page.goto('/courses/sample-course/test');
  await expect(page.getByTestId('attempt-history')).toContainText('Nov 29, 2026, 6:00 AM PST');
  await page.goto('/me/profile');
  await expect(page.getByLabel('Time zone')).toHaveValue('America/Los_Angeles');
  await context.close();
});

test('4. a certificate’s completion date is the learner’s own day, the same for every reader', async ({ page, browser }) => {
  // Completed at 2026-03-01 03:00 UTC, 7:00 PM on Feb 28 in Los Angeles: certify() stores the
  // learner's day, 2026-02-28 (test/integration/credit.test.ts); the pages show it unshifted.
  const learner = await makeUser({ fullName: 'Lou West' });
  e2eDb().update(users).set({ timeZone: 'America/Los_Angeles' }).where(eq(users.id, learner.id)).run();
  const snapshot = {
    participant: { fullName: 'Lou West', profession: 'hygienist' as const },
    course: { id: 'sample-course', title: 'Getting started with online CE (sample course)', ceHours: 1, format: 'self-instruction-online' as const, agd: [{ code: '550', hours: 1 }] },
    provider: { name: 'Provider', adaCerpStatement: 'CERP statement', agdPaceStatement: 'PACE statement' },
    instructors: ['Dana Reyes, RDH'],
    completedOn: '2026-02-28',
  };
  const { certificate } = issueCertificate(e2eDb(), { userId: learner.id, course: 'sample-course', snapshot, verifyBase: 'http://localhost', now: Date.UTC(2026, 2, 1, 3, 0) });
  await signInAs(page, learner);
  await page.goto(`/me/certificates/${certificate.code}`);
  await expect(page.locator('.cert-fields')).toContainText('February 28, 2026');
  await page.goto('/me/ce');
  await expect(page.getByTestId('transcript')).toContainText('Feb 28, 2026');
  // A reader far east, where it was already Mar 1 (Tokyo), and a signed-out one see the same day.
  const admin = await makeUser({ role: 'admin' });
  e2eDb().update(users).set({ timeZone: 'Asia/Tokyo' }).where(eq(users.id, admin.id)).run();
  const context = await browser.newContext({ timezoneId: 'Asia/Tokyo' });
  const east = await context.newPage();
  await east.goto(`/verify/${formatCode(certificate.code)}`);
  await expect(east.locator('.cert-fields')).toContainText('February 28, 2026');
  await signInAs(east, admin);
  await east.goto(`/verify/${formatCode(certificate.code)}`);
  await expect(east.locator('.cert-fields')).toContainText('February 28, 2026');
  await east.setViewportSize({ width: 320, height: 800 });
  await expectNoAxeViolations(east);
  await context.close();
});

test('5. post-test answers are saved as they are given and survive a reload', async ({ page }) => {
  const { attempt } = await startSampleAttempt(page);
  const saved = page.waitForResponse((r) => r.url().includes('/_actions/quiz.save') && r.status() === 200);
  await answer(page, attempt.questions, true);
  await page.locator('h1').click(); // leaves the last text box, as a learner moving on would
  await saved;
  await expect(page.getByTestId('save-status')).toHaveText('Answers saved.');
  // One saved field per question, and one per left-hand item of a matching question.
  const fields = attempt.questions.reduce((n, q) => n + (q.type === 'matching' ? q.pairs.length : 1), 0);
  await expect.poll(() => Object.keys((e2eDb().select().from(quizAttempts).where(eq(quizAttempts.id, attempt.id)).get()!.draft ?? {}) as object).length).toBe(fields);
  await page.reload();
  // Every answer is back, and submitting them scores them all.
  await page.getByTestId('submit-attempt').click();
  await expect(page.getByTestId('attempt-result')).toContainText('3 of 3 points (100%)');
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('4. sign-up without JavaScript: the time zone is picked from the list; a profile without one says UTC and asks', async ({ page }) => {
    await page.goto('/signup');
    await expect(page.locator('[data-tz-note]')).toBeHidden();
    await page.getByLabel('Time zone').selectOption('America/Denver');
    const email = `nojs-zone-${crypto.randomUUID().slice(0, 8)}@e2e.test`;
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('molar canine incisor');
    await page.getByLabel('Full name').fill('Noah Script');
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(page.getByTestId('signup-sent')).toBeVisible();
    expect(e2eDb().select().from(users).where(eq(users.email, email)).get()!.timeZone).toBe('America/Denver');

    // No zone on file: times say UTC, and the profile invites the learner to set one.
    const user = await makeUser();
    e2eDb().update(users).set({ timeZone: null }).where(eq(users.id, user.id)).run();
    const at = Date.UTC(2026, 10, 29, 14, 0);
    completeLessons(user.id, 'sample-course', SAMPLE);
    e2eDb().insert(quizAttempts).values({ userId: user.id, course: 'sample-course', questions: [], startedAt: at, passMark: 70, submittedAt: at + 60_000, score: 0, maxScore: 3, passed: false }).run();
    await signInAs(page, user);
    await page.goto('/courses/sample-course/test');
    await expect(page.getByTestId('attempt-history')).toContainText('Nov 29, 2026, 2:00 PM UTC');
    await page.goto('/me/profile');
    await expect(page.getByTestId('zone-unset')).toContainText('dates and times are shown in UTC');
    await page.getByTestId('zone-unset').getByRole('link', { name: 'Choose your time zone' }).click();
    await page.getByLabel('Time zone').selectOption('America/Phoenix');
    await page.getByRole('button', { name: 'Save profile' }).click();
    await expect(page.getByTestId('zone-unset')).toHaveCount(0);
    expect(e2eDb().select().from(users).where(eq(users.id, user.id)).get()!.timeZone).toBe('America/Phoenix');
  });

  test('5. "Save and finish later" keeps the answers on the server', async ({ page }) => {
    const { attempt } = await startSampleAttempt(page);
    await answer(page, attempt.questions, true);
    await page.getByTestId('save-later').click();
    await expect(page.getByTestId('form-success')).toContainText('Your answers are saved');
    await page.goto(page.url().replace(/\?.*$/, ''));
    await page.getByTestId('submit-attempt').click();
    await expect(page.getByTestId('attempt-result')).toContainText('3 of 3 points (100%)');
  });

  test('6 and 7. the case played to its ending keeps it; restarting asks first; the run is reread from the course page', async ({ page }) => {
    test.setTimeout(360_000);
    const { scenario, best, maxScore } = loadScenario('upset-caller');
    const user = await makeUser();
    await signInAs(page, user);
    await page.goto('/simulations/upset-caller');
    // Restarting mid-run asks first: the confirming button is inside a closed disclosure.
    await decideByKeyboard(page, scenario, best[0]!);
    const confirm = page.getByTestId('sim-restart-confirm');
    await expect(confirm.getByRole('button', { name: 'Yes, restart the case' })).toBeHidden();
    await confirm.getByText('Restart the case…').click();
    await expect(confirm.getByRole('button', { name: 'Yes, restart the case' })).toBeVisible();
    await page.goto('/simulations/upset-caller');
    for (const d of best.slice(1)) await decideByKeyboard(page, scenario, d);

    const end = page.getByTestId('sim-end');
    await expect(end).toBeVisible();
    await expect(page.getByTestId('sim-score')).toContainText(`Score: ${maxScore} of ${maxScore} points (100%). Passed.`);
    await expect(page.getByText(/^0% through the case$/)).toHaveCount(0);
    // The ending offers to play again at once, without a reload; the mid-run disclosure is gone.
    await expect(page.getByRole('button', { name: 'Play the case again' })).toBeVisible();
    await expect(page.getByTestId('sim-restart-confirm')).toHaveCount(0);
    const runs = e2eDb().select().from(simulationRuns).where(eq(simulationRuns.userId, user.id)).all();
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ passed: true });
    // A reload keeps the ending, and offers the next step of the course.
    await page.reload();
    await expect(page.getByTestId('sim-end')).toBeVisible();
    // The learner played the case before opening a lesson: the lessons come next.
    await expect(page.getByTestId('next-step')).toHaveText('Start the course');

    // The course page links to the run, to reread its path and each decision's feedback.
    await page.goto('/courses/customer-service');
    await page.getByTestId('reread-upset-caller').click();
    await expect(page.getByTestId('sim-end')).toContainText('Outcome:');
    await expect(page.locator('.sim-history li').first()).toBeVisible();
    // One entry with its feedback for every decision of the path (scenes aside).
    const decisions = best.filter((d) => d.kind !== 'continue').length;
    await expect(page.locator('.sim-history .sim-h:not(.sim-h-scene)')).toHaveCount(decisions);
    await expect(page.locator('.sim-history .sim-h:not(.sim-h-scene) .sim-feedback').first()).toBeVisible();

    // Playing again starts a new run at the beginning; the passed run keeps its pass.
    await page.goto('/simulations/upset-caller');
    await page.getByRole('button', { name: 'Play the case again' }).click();
    await expect(page.getByText(/^0% through the case$/)).toBeVisible();
    expect(e2eDb().select().from(simulationRuns).where(eq(simulationRuns.userId, user.id)).all().filter((r) => r.passed)).toHaveLength(1);
  });

  test('6. restarting a case mid-run happens only after the confirmation', async ({ page }) => {
    const { scenario, best } = loadScenario('upset-caller');
    const user = await makeUser();
    await signInAs(page, user);
    await page.goto('/simulations/upset-caller');
    await decideByKeyboard(page, scenario, best[0]!);
    await page.getByText('Restart the case…').click();
    await page.getByRole('button', { name: 'Yes, restart the case' }).click();
    await expect(page.getByTestId('sim-step')).toHaveAttribute('data-node', best[0]!.node);
    const runs = e2eDb().select().from(simulationRuns).where(eq(simulationRuns.userId, user.id)).all();
    expect(runs.sort((a, b) => a.id - b.id).map((r) => r.outcome)).toEqual(['abandoned', null]);
  });
});

test('6. removing an outside CE record asks first (a disclosure, so it works without JavaScript too)', async ({ page }) => {
  const user = await makeUser({ member: true });
  e2eDb().insert(externalCe).values({ userId: user.id, provider: 'State society', title: 'Infection control update', completedOn: '2026-03-02', hoursCenti: 200 }).run();
  await signInAs(page, user);
  await page.goto('/me/ce');
  const remove = page.getByTestId('remove-external');
  await expect(remove.getByRole('button', { name: 'Yes, remove it' })).toBeHidden();
  await remove.getByText('Remove', { exact: false }).first().click();
  await expect(remove).toContainText('Remove “Infection control update” and its file from your record?');
  expect(e2eDb().select().from(externalCe).where(eq(externalCe.userId, user.id)).all()).toHaveLength(1);
  await expectNoAxeViolations(page);
  await remove.getByRole('button', { name: 'Yes, remove it' }).click();
  await expect(page.getByTestId('remove-external')).toHaveCount(0);
  expect(e2eDb().select().from(externalCe).where(eq(externalCe.userId, user.id)).all()).toHaveLength(0);
});

test('7. a finished run and its reread page pass axe (axe needs JavaScript)', async ({ page }) => {
  const { scenario, best, maxScore } = loadScenario('upset-caller');
  const user = await makeUser();
  // The run is played through the server's own module, as the action would.
  const { runId } = openRun(e2eDb(), user.id, 'upset-caller', scenario);
  for (const decision of best) expect(decide(e2eDb(), { userId: user.id, runId, scenarioId: 'upset-caller', scenario, maxScore, decision })).toMatchObject({ ok: true });
  await signInAs(page, user);
  for (const path of ['/simulations/upset-caller/review', '/simulations/upset-caller']) {
    await page.goto(path);
    await expect(page.getByTestId('sim-end')).toBeVisible();
    await expectNoAxeViolations(page);
  }
});

test('8. a non-member sees how to join a members-only course and no start button that cannot work', async ({ page }) => {
  await signInAs(page, await makeUser());
  await page.goto('/courses/medical-cross-coding');
  await expect(page.getByTestId('join-club')).toContainText('Members only');
  await expect(page.getByTestId('join-club')).toContainText('Club membership opens every members-only course');
  await expect(page.getByTestId('start-course')).toHaveCount(0);
  await expectNoAxeViolations(page);
  // A member gets the start button.
  await page.context().clearCookies();
  await signInAs(page, await makeUser({ member: true }));
  await page.goto('/courses/medical-cross-coding');
  await expect(page.getByTestId('join-club')).toHaveCount(0);
  await expect(page.getByTestId('start-course')).toHaveText('Start the course');
});

test('9. the evaluation accepts "2 hours" as the time taken', async ({ page }) => {
  const user = await makeUser();
  finishCourse(user.id, 'sample-course', { lessons: SAMPLE });
  // finishCourse records an evaluation: remove it so the form is offered.
  e2eDb().$client.prepare('DELETE FROM evaluations WHERE user_id = ?').run(user.id);
  await signInAs(page, user);
  await page.goto('/courses/sample-course/evaluation');
  await expectNoAxeViolations(page);
  const form = page.getByTestId('evaluation-form');
  for (const group of await form.locator('fieldset').all()) {
    const yesNo = (await group.getByLabel('No', { exact: true }).count()) > 0;
    await group.getByLabel(yesNo ? 'No' : '4 · Agree', { exact: true }).check();
  }
  await form.getByLabel(/how many minutes|how long/i).fill('2 hours');
  await page.getByTestId('submit-evaluation').click();
  await expect(page).toHaveURL(/\/me\/certificates\/[2-9A-Z]{13}$/);
  const stored = e2eDb().$client.prepare('SELECT minutes_reported AS m FROM evaluations WHERE user_id = ?').get(user.id) as { m: number };
  expect(stored.m).toBe(120);
});

test('10. a certificate prints on one landscape page', async ({ page }) => {
  await openCustomerServiceCertificate(page, 'Alexandra Montgomery-Vasquez');
  await page.emulateMedia({ media: 'print' });
  const pdf = await page.pdf({ preferCSSPageSize: true });
  const text = pdf.toString('latin1');
  const pages = text.match(/\/Type\s*\/Page[^s]/g) ?? [];
  expect(pages).toHaveLength(1);
  // Landscape letter: 792 x 612 points.
  expect(text).toMatch(/\/MediaBox\s*\[\s*0\s+0\s+792(\.\d+)?\s+612(\.\d+)?\s*\]/);
});
