import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { completeLessons, makeUser, signInAs } from '../fixtures/browser';
import { decideByKeyboard, expectNoUntakenFeedback, findPath, loadScenario } from './sim-helpers';
import type { Decision } from '~/lib/shared/schemas/simulation';

const { scenario, maxScore, best } = loadScenario('broken-tooth-10');

test('broken-tooth-10 is played to the best outcome with the keyboard alone, and no untaken feedback reaches the page', async ({ page }) => {
  test.setTimeout(180_000);
  const user = await makeUser({ member: true });
  // Every lesson read: once the case is passed, the next required step is the post-test.
  completeLessons(user.id, 'medical-cross-coding', ['when-medical-pays', 'dental-benefits-in-one-page', 'tooth-numbering', 'icd-10-cm-for-dental-injuries', 'from-cdt-to-cpt', 'cms-1500-accident-claim', 'medical-necessity', 'case-broken-tooth-10', 'after-the-claim']);
  await signInAs(page, user);
  await page.goto('/simulations/broken-tooth-10');
  await expect(page.getByTestId('simulation')).toHaveAttribute('data-hydrated', 'true');
  await expectNoAxeViolations(page);
  await expect(page.getByTestId('next-step')).toHaveCount(0);
  const taken = new Set<string>();
  for (const [i, d] of best.entries()) {
    await expectNoUntakenFeedback(page, scenario, taken);
    await decideByKeyboard(page, scenario, d);
    if (d.kind === 'choice') taken.add(`${d.node}:${d.choice}`);
    // Focus moves to each new step so keyboard and screen-reader users land on it.
    if (i < best.length - 1) await expect(page.getByTestId('sim-step')).toBeFocused();
  }
  const end = page.getByTestId('sim-end');
  await expect(end).toHaveAttribute('data-outcome', 'claim-paid');
  await expect(page.getByTestId('sim-score')).toContainText(`Score: ${maxScore} of ${maxScore} points (100%). Passed.`);
  // The ending leads on at once, without a reload: the server's next step came with the decision.
  await expect(page.getByTestId('next-step')).toHaveText('Take the post-test');
  await expect(page.getByTestId('next-step')).toHaveAttribute('href', '/courses/medical-cross-coding/test');
  await expectNoAxeViolations(page);
  await page.setViewportSize({ width: 320, height: 800 });
  await expectNoAxeViolations(page);
  await page.setViewportSize({ width: 1280, height: 800 });
  // The scan can fail: the story so far now shows the chosen options' feedback, which it must find
  // when told that nothing was chosen.
  await expect(expectNoUntakenFeedback(page, scenario, new Set())).rejects.toThrow();
  // The player built the story from one entry per answer; a reload rebuilds it from the run's log.
  const story = () => page.locator('.sim-history .sim-h').allTextContents();
  const played = await story();
  expect(played.length).toBe(best.length); // one entry per decision, scenes included
  // A reload keeps the ending, the same story, and the same one link.
  await page.reload();
  expect(await story()).toEqual(played);
  await expect(page.getByTestId('next-step')).toHaveCount(1);
  await expect(page.getByTestId('next-step')).toHaveText('Take the post-test');
  await expect(page.getByTestId('next-step')).toHaveAttribute('href', '/courses/medical-cross-coding/test');
});

test('a wrong path ends in a denial, which does not pass', async ({ page }) => {
  test.setTimeout(180_000);
  const path = findPath(scenario, (s) => s.outcome === 'claim-denied');
  await signInAs(page, await makeUser({ member: true }));
  await page.goto('/simulations/broken-tooth-10');
  await expect(page.getByTestId('simulation')).toHaveAttribute('data-hydrated', 'true');
  for (const d of path) await decideByKeyboard(page, scenario, d);
  await expect(page.getByTestId('sim-end')).toHaveAttribute('data-outcome', 'claim-denied');
  await expect(page.getByTestId('sim-score')).toContainText('Not passed');
  // A failed ending offers no next step: the case is still the step to do.
  await expect(page.getByTestId('next-step')).toHaveCount(0);
});

test('promising that medical will pay is critical: the case ends badly and does not pass, however well it started', async ({ page }) => {
  test.setTimeout(180_000);
  const upTo = best.findIndex((d) => d.node === 'medical-decision');
  expect(upTo).toBeGreaterThan(0);
  const path: Decision[] = [
    ...best.slice(0, upTo),
    { node: 'medical-decision', kind: 'choice', choice: 'promise-medical' },
    { node: 'promise-made', kind: 'continue' },
  ];
  await signInAs(page, await makeUser({ member: true }));
  await page.goto('/simulations/broken-tooth-10');
  await expect(page.getByTestId('simulation')).toHaveAttribute('data-hydrated', 'true');
  for (const d of path) await decideByKeyboard(page, scenario, d);
  await expect(page.getByTestId('sim-end')).toHaveAttribute('data-outcome', 'promise-broken');
  await expect(page.getByTestId('sim-score')).toContainText('Not passed');
});

test('discussing the account within earshot of the waiting room is critical in upset-caller', async ({ page }) => {
  const { scenario: caller } = loadScenario('upset-caller');
  const path: Decision[] = [
    { node: 'call-opens', kind: 'continue' },
    { node: 'first-response', kind: 'choice', choice: 'listen' },
    { node: 'privacy-move', kind: 'choice', choice: 'read-back' },
    { node: 'overheard', kind: 'continue' },
  ];
  await signInAs(page, await makeUser());
  await page.goto('/simulations/upset-caller');
  await expect(page.getByTestId('simulation')).toHaveAttribute('data-hydrated', 'true');
  for (const d of path) await decideByKeyboard(page, caller, d);
  await expect(page.getByTestId('sim-end')).toHaveAttribute('data-outcome', 'privacy-complaint');
  await expect(page.getByTestId('sim-score')).toContainText('Not passed');
});

test('an unfinished run resumes after a reload, with the story so far', async ({ page, browser }) => {
  const user = await makeUser({ member: true });
  await signInAs(page, user);
  await page.goto('/simulations/broken-tooth-10');
  await expect(page.getByTestId('simulation')).toHaveAttribute('data-hydrated', 'true');
  // Up to the first choice step, whose options come in this run's shuffled order.
  const firstChoice = best.findIndex((d) => d.kind === 'choice');
  for (const d of best.slice(0, firstChoice)) await decideByKeyboard(page, scenario, d);
  const node = await page.getByTestId('sim-step').getAttribute('data-node');
  const order = () => page.getByTestId('sim-step').locator('button[name="choice"]').evaluateAll((els) => els.map((e) => (e as HTMLButtonElement).value));
  const shown = await order();
  expect(shown.length).toBeGreaterThan(1);
  await page.reload();
  await expect(page.getByTestId('sim-step')).toHaveAttribute('data-node', node!);
  await expect(page.locator('.sim-history summary')).toContainText('The story so far');
  expect(await order()).toEqual(shown);

  // The same run on another device.
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await signInAs(otherPage, user);
  await otherPage.goto('/simulations/broken-tooth-10');
  await expect(otherPage.getByTestId('sim-step')).toHaveAttribute('data-node', node!);
  expect(await otherPage.getByTestId('sim-step').locator('button[name="choice"]').evaluateAll((els) => els.map((e) => (e as HTMLButtonElement).value))).toEqual(shown);
  await other.close();
});

test('a network failure mid-case shows a message and leaves the player usable', async ({ page }) => {
  await signInAs(page, await makeUser({ member: true }));
  await page.goto('/simulations/upset-caller');
  await expect(page.getByTestId('simulation')).toHaveAttribute('data-hydrated', 'true');
  const step = page.getByTestId('sim-step');
  const first = await step.getAttribute('data-node');
  await page.route('**/_actions/simulation.decide**', (route) => route.abort('internetdisconnected'));
  await step.getByRole('button').first().click();
  await expect(page.getByTestId('sim-error')).toHaveText('The server did not answer. Check your connection and try again.');
  // Still on the same step, and not stuck busy: the buttons work again once the network is back.
  await expect(step).toHaveAttribute('data-node', first!);
  await expect(step.getByRole('button').first()).toBeEnabled();
  await page.unroute('**/_actions/simulation.decide**');
  await step.getByRole('button').first().click();
  await expect(step).not.toHaveAttribute('data-node', first!);
  await expect(page.getByTestId('sim-error')).toHaveCount(0);
});

test('a wrong choice gets red feedback, shown once', async ({ page }) => {
  await signInAs(page, await makeUser({ member: true }));
  await page.goto('/simulations/upset-caller');
  await expect(page.getByTestId('simulation')).toHaveAttribute('data-hydrated', 'true');
  const { scenario: caller } = loadScenario('upset-caller');
  // Walk to the first choice, then take its lowest-scoring option.
  const start = caller.nodes[caller.start]!;
  if (start.type === 'scene') await decideByKeyboard(page, caller, { node: caller.start, kind: 'continue' });
  const nodeId = (await page.getByTestId('sim-step').getAttribute('data-node'))!;
  const choice = caller.nodes[nodeId]!;
  if (choice.type !== 'choice') throw new Error(`expected a choice at ${nodeId}`);
  const worst = [...choice.options].sort((a, b) => a.points - b.points)[0]!;
  await decideByKeyboard(page, caller, { node: nodeId, kind: 'choice', choice: worst.id });
  const box = page.getByTestId('sim-feedback');
  await expect(box).toHaveAttribute('data-verdict', 'wrong');
  await expect(box).toHaveClass(/\bbad\b/);
  await expect(box).not.toHaveClass(/\bok\b/);
  const needle = worst.feedback.replace(/[*`]/g, '').slice(0, 40);
  // Once on the page; the visually hidden live region that announces it to screen readers aside.
  await expect(page.getByText(needle).and(page.locator(':not(.sim-live)'))).toHaveCount(1);
  await expectNoAxeViolations(page);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });
  test('the case is playable as plain forms', async ({ page }) => {
    await signInAs(page, await makeUser({ member: true }));
    await page.goto('/simulations/upset-caller');
    const first = await page.getByTestId('sim-step').getAttribute('data-node');
    await page.getByTestId('sim-step').getByRole('button').first().click();
    await expect(page).toHaveURL(/\/simulations\/upset-caller#case$/);
    await expect(page.getByTestId('sim-step')).not.toHaveAttribute('data-node', first!);
    // Play on by the first button until a decision has been made: its feedback is on the page, once.
    for (let i = 0; i < 6 && (await page.getByTestId('sim-feedback').count()) === 0; i++)
      await page.getByTestId('sim-step').getByRole('button').first().click();
    await expect(page.getByTestId('sim-feedback')).toHaveCount(1);
    await expect(page.getByTestId('sim-feedback')).toHaveAttribute('data-verdict', /right|partly|wrong/);
  });
});

test('a non-member cannot play a members-only case', async ({ page }) => {
  await signInAs(page, await makeUser());
  expect((await page.goto('/simulations/broken-tooth-10'))?.status()).toBe(403);
  await expect(page.getByTestId('members-only')).toBeVisible();
});
