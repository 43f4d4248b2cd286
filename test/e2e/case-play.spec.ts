/** Issue 18, item 17: an instructor plays a case as a learner would, with points and feedback, and nothing is recorded. */
import { expect, test, type Page } from '@playwright/test';
import { count } from 'drizzle-orm';
import { expectNoAxeViolations } from './axe';
import { e2eDb, makeUser, signInAs } from '../fixtures/browser';
import { simulationDecisions, simulationRuns } from '../../db/schema';

const records = () => ({
  runs: e2eDb().select({ n: count() }).from(simulationRuns).get()!.n,
  decisions: e2eDb().select({ n: count() }).from(simulationDecisions).get()!.n,
});

/** Takes the best-scoring option or the first accepted answer at each step until an ending. */
async function playToEnd(page: Page) {
  const step = page.getByTestId('play-step');
  for (let i = 0; i < 60; i++) {
    if (await page.getByTestId('play-result').count()) return;
    const options = step.locator('.play-options li');
    if (await options.count()) {
      const texts = await options.allTextContents();
      const points = texts.map((t) => Number(/\((\d+(?:\.\d+)?) pt/.exec(t)?.[1] ?? 0));
      await options.nth(points.indexOf(Math.max(...points))).getByRole('link').click();
    } else if (await step.getByRole('link', { name: 'Continue' }).count()) {
      await step.getByRole('link', { name: 'Continue' }).click();
    } else if (await step.getByRole('button', { name: 'Answer' }).count()) {
      const accepted = /Accepted: (.+?) \(/.exec((await step.locator('.meta').textContent())!)![1]!;
      await step.getByRole('textbox').fill(accepted);
      await step.getByRole('button', { name: 'Answer' }).click();
    } else if (await step.getByRole('button', { name: 'Submit the form' }).count()) {
      for (const field of await step.locator('[data-accepted]').all()) {
        const accepted = (await field.getAttribute('data-accepted'))!;
        if ((await field.evaluate((e) => e.tagName)) === 'SELECT') await field.selectOption(accepted);
        else await field.fill(accepted);
      }
      await step.getByRole('button', { name: 'Submit the form' }).click();
    } else throw new Error(`no way forward at step ${i}: ${await step.textContent()}`);
  }
  throw new Error('no ending after 60 steps');
}

for (const width of [1280, 320]) {
  test(`an instructor plays "The upset caller" to its ending with points and feedback, and no run is stored (${width} px)`, async ({ page }) => {
    await page.setViewportSize({ width, height: 900 });
    await signInAs(page, await makeUser({ role: 'admin' }));
    const before = records();
    await page.goto('/instructor/customer-service/preview');
    await page.getByTestId('play-upset-caller').click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Play “The upset caller”');
    await expect(page.getByTestId('play-score')).toContainText('Score so far: 0 of');
    await expectNoAxeViolations(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);

    await playToEnd(page);
    await expect(page.getByRole('heading', { level: 2, name: /Good ending/ })).toBeVisible();
    await expect(page.getByTestId('play-result')).toContainText('a learner would pass');
    // Every decision is listed with its points; choices show the feedback the learner would read.
    const history = page.getByTestId('play-history').locator('li');
    expect(await history.count()).toBeGreaterThan(3);
    for (const line of await history.allTextContents()) expect(line).toMatch(/— \d+(\.\d+)? pt/);
    await expect(history.locator('em').first()).not.toBeEmpty();
    await expectNoAxeViolations(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    expect(records()).toEqual(before);

    // Undo goes back one step; a forged address starts over instead of failing.
    await page.getByRole('link', { name: 'Undo the last step' }).click();
    await expect(page.getByTestId('play-result')).toHaveCount(0);
    expect((await page.goto('/instructor/customer-service/play/upset-caller?d=bm9uc2Vuc2U'))?.status()).toBe(200);
    await expect(page.getByTestId('play-score')).toContainText('Score so far: 0 of');
  });
}

test('the case player is for the course’s instructors and admins only, and only for its own cases', async ({ page }) => {
  await signInAs(page, await makeUser());
  expect((await page.goto('/instructor/customer-service/play/upset-caller'))?.status()).toBe(403);
  await signInAs(page, await makeUser({ role: 'admin' }));
  expect((await page.goto('/instructor/customer-service/play/broken-tooth-10'))?.status()).toBe(404);
});
