import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { makeUser, signInAs } from '../fixtures/browser';
import { decideByKeyboard, expectNoUntakenFeedback, findPath, loadScenario } from './sim-helpers';

const { scenario, maxScore, best } = loadScenario('broken-tooth-10');

test('broken-tooth-10 is played to the best outcome with the keyboard alone, and no untaken feedback reaches the page', async ({ page }) => {
  test.setTimeout(180_000);
  await signInAs(page, await makeUser({ member: true }));
  await page.goto('/simulations/broken-tooth-10');
  await expect(page.getByTestId('simulation')).toHaveAttribute('data-hydrated', 'true');
  await expectNoAxeViolations(page);
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
  await expectNoAxeViolations(page);
  // The scan can fail: the story so far now shows the chosen options' feedback, which it must find
  // when told that nothing was chosen.
  await expect(expectNoUntakenFeedback(page, scenario, new Set())).rejects.toThrow();
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
});

test('an unfinished run resumes after a reload, with the story so far', async ({ page, browser }) => {
  const user = await makeUser({ member: true });
  await signInAs(page, user);
  await page.goto('/simulations/broken-tooth-10');
  await expect(page.getByTestId('simulation')).toHaveAttribute('data-hydrated', 'true');
  for (const d of best.slice(0, 4)) await decideByKeyboard(page, scenario, d);
  const node = await page.getByTestId('sim-step').getAttribute('data-node');
  await page.reload();
  await expect(page.getByTestId('sim-step')).toHaveAttribute('data-node', node!);
  await expect(page.locator('.sim-history summary')).toContainText('The story so far');

  // The same run on another device.
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await signInAs(otherPage, user);
  await otherPage.goto('/simulations/broken-tooth-10');
  await expect(otherPage.getByTestId('sim-step')).toHaveAttribute('data-node', node!);
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

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });
  test('the case is playable as plain forms', async ({ page }) => {
    await signInAs(page, await makeUser({ member: true }));
    await page.goto('/simulations/upset-caller');
    const first = await page.getByTestId('sim-step').getAttribute('data-node');
    await page.getByTestId('sim-step').getByRole('button').first().click();
    await expect(page).toHaveURL(/\/simulations\/upset-caller#case$/);
    await expect(page.getByTestId('sim-step')).not.toHaveAttribute('data-node', first!);
  });
});

test('a non-member cannot play a members-only case', async ({ page }) => {
  await signInAs(page, await makeUser());
  expect((await page.goto('/simulations/broken-tooth-10'))?.status()).toBe(403);
  await expect(page.getByTestId('members-only')).toBeVisible();
});
