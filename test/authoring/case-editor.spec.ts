/**
 * The case editor in `npm run dev` (issue 22 item 3), driven as an instructor would, without
 * JavaScript tricks: a plain form whose Add and Remove buttons post and redraw it. A new three-step
 * case is byte for byte the hand-written test/fixtures/authoring/chart-the-molar.yaml and passes the
 * content check, and its page then draws the saved case; a save that leaves a step leading nowhere
 * shows the finding beside that option and writes nothing. Screenshots for docs/authoring.md are
 * taken on the way (docs/images/authoring-case-*.png). Runs with playwright.author.config.ts over a
 * temporary copy of content/.
 */
import { copyFileSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { checkContent } from '~/lib/content/checks';
import { expectNoAxeViolations } from '../e2e/axe';

const root = join(process.env.AUTHOR_DIR!, 'content');
const fixturePath = 'test/fixtures/authoring/chart-the-molar.yaml';
const casePath = (id: string) => join(root, 'simulations', `${id}.yaml`);

/** Presses a form button (Add, Remove, Save) and waits for the page it posts to. */
async function press(page: Page, scope: Page | Locator, name: string | RegExp) {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST'),
    scope.getByRole('button', { name, exact: typeof name === 'string' }).first().click(),
  ]);
  await page.waitForLoadState('domcontentloaded');
  return response;
}

/**
 * Opens a copy of the hand-written case under its own id, runs `body` with the file's text before
 * anything happened, and removes the copy afterwards, so each test starts from its own case.
 */
async function withCaseCopy(page: Page, id: string, body: (before: string) => Promise<void>) {
  copyFileSync(fixturePath, casePath(id));
  try {
    await page.goto(`/author/cases/${id}`);
    await body(readFileSync(casePath(id), 'utf8'));
  } finally {
    rmSync(casePath(id), { force: true });
  }
}

/** A screenshot for the guide, without the dev server's toolbar floating over the form. */
async function shot(page: Page, of: Locator, name: string) {
  await page.evaluate(() => document.querySelector('astro-dev-toolbar')?.remove());
  await of.screenshot({ path: `docs/images/authoring-case-${name}.png` });
}

const step = (page: Page, n: number) => page.getByRole('group', { name: new RegExp(`^Step ${n}\\b`) });
const option = (scope: Locator, n: number) => scope.getByRole('group', { name: new RegExp(`^Option ${n}\\b`) });

async function fillOption(scope: Locator, o: { id: string; text: string; points: string; feedback: string; next: string }) {
  await scope.getByLabel('Id', { exact: true }).fill(o.id);
  await scope.getByLabel('Text', { exact: true }).fill(o.text);
  await scope.getByLabel('Points', { exact: true }).fill(o.points);
  await scope.getByLabel('Feedback', { exact: true }).fill(o.feedback);
  await scope.getByLabel('Next step', { exact: true }).selectOption(o.next);
}

test.describe('the case editor', () => {
  // The dev server reloads every open page when a file in content/ changes (a test's own set-up
  // or an earlier save); a reload in the middle of a form post would cancel it. The pages here are
  // plain forms and need no live reload: its socket is answered by Playwright, not the server.
  test.beforeEach(async ({ page }) => page.routeWebSocket(/./, () => {}));

  test('a new three-step case is the file an author would write, passes the content check and is drawn on its page', async ({ page }) => {
    rmSync(casePath('chart-the-molar'), { force: true });
    await page.goto('/author/new-case');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('New case');
    await page.getByLabel('Case id').fill('chart-the-molar');
    await page.getByLabel('Title', { exact: true }).fill('Chart the molar');
    await page.getByLabel('Course', { exact: true }).fill('sample-course');
    await page.getByLabel('Summary', { exact: true }).fill('A patient points to a sore upper tooth. Chart it by its Universal and its FDI number.');
    await page.getByLabel('Minutes', { exact: true }).fill('3');
    await page.getByLabel('Pass threshold', { exact: true }).fill('75');
    await page.getByLabel('Role', { exact: true }).fill('You are the dental assistant charting at chairside.');
    await press(page, page, 'Add an objective');
    await page.getByLabel('Objective 1', { exact: true }).fill('numbering');
    for (let i = 0; i < 3; i++) await press(page, page, 'Add a step');

    // The steps' ids first: every "Next step" offers the ids the form held when it was drawn.
    await step(page, 1).getByLabel('Step id').fill('name-tooth');
    await step(page, 2).getByLabel('Step id').fill('fdi-check');
    await step(page, 3).getByLabel('Step id').fill('charted');
    await step(page, 3).getByLabel('Kind of step').selectOption('end');
    await press(page, step(page, 3), "Show this kind's fields");
    await step(page, 3).getByLabel('Outcome', { exact: true }).fill('charted');
    await step(page, 3).getByLabel('Label', { exact: true }).fill('Charted in both systems');
    await step(page, 3).getByLabel('Good ending').check();
    await step(page, 3).getByLabel('Debrief', { exact: true }).fill('Universal 3 and FDI 16 name the same tooth, the upper right first molar.');

    await step(page, 1).getByLabel('Prompt', { exact: true }).fill('The patient points to her upper right first molar. Which Universal number goes in the chart for this tooth?');
    await step(page, 2).getByLabel('Prompt', { exact: true }).fill('A referral letter uses FDI numbers. Which FDI number is the same tooth?');
    for (const n of [1, 1, 2, 2]) await press(page, step(page, n), 'Add an option');
    await page.getByLabel('Start step').selectOption('name-tooth');
    await fillOption(option(step(page, 1), 1), { id: 'three', text: 'Tooth 3', points: '2', feedback: 'Right. The Universal count starts at the upper right third molar, so this is 3.', next: 'fdi-check' });
    await fillOption(option(step(page, 1), 2), { id: 'fourteen', text: 'Tooth 14', points: '0', feedback: 'Tooth 14 is the upper left first molar. The Universal count starts at the upper right third molar.', next: 'fdi-check' });
    await fillOption(option(step(page, 2), 1), { id: 'sixteen', text: '16', points: '2', feedback: 'Right. Quadrant 1 is the upper right, and the first molar is its sixth tooth.', next: 'charted' });
    await fillOption(option(step(page, 2), 2), { id: 'three-again', text: '3', points: '0', feedback: 'An FDI number has two digits, the quadrant and then the tooth.', next: 'charted' });
    await shot(page, step(page, 1), 'step');
    await expectNoAxeViolations(page);

    const response = await press(page, page, 'Save case');
    expect(response.status()).toBe(303);
    await expect(page).toHaveURL(/\/author\/cases\/chart-the-molar\?saved$/);
    expect(readFileSync(casePath('chart-the-molar'), 'utf8')).toBe(readFileSync(fixturePath, 'utf8'));
    expect(checkContent(root, { publicDir: 'public' }).errors).toEqual([]);

    // The page draws the saved case: its best path takes the two right options, 2 + 2 points.
    await expect(page.getByRole('status')).toContainText('Saved content/simulations/chart-the-molar.yaml');
    await expect(page.getByText('Maximum score: 4.')).toBeVisible();
    await expect(page.getByText('Best path: name-tooth → fdi-check → charted.')).toBeVisible();
    await expect(page.getByText('The build check finds nothing wrong with this case.')).toBeVisible();
    await expect(page.getByRole('table', { name: 'Every step, its options and where each leads' }).getByRole('row')).toHaveCount(4);
    await expect(page.getByRole('group', { name: /^Diagram of Chart the molar/ }).locator('svg')).toBeVisible();
    await shot(page, page.getByRole('region', { name: 'Diagram' }), 'diagram');
    await expectNoAxeViolations(page);
  });

  test('a save that leaves a step leading nowhere shows the finding beside it and writes nothing', async ({ page }) => {
    const id = 'dead-end-demo';
    await withCaseCopy(page, id, async (before) => {
      const sixteen = option(step(page, 2), 1);
      await sixteen.getByLabel('Next step', { exact: true }).selectOption('');
      const response = await press(page, page, 'Save case');
      expect(response.status()).toBe(422);
      await expect(page.getByRole('heading', { name: 'Not saved: fix these first' })).toBeVisible();
      const finding = `${id}: node "fdi-check": option "sixteen": next: required: every node except an end needs a next (a node id or a list of rules).`;
      await expect(page.getByRole('region', { name: 'Not saved: fix these first' })).toContainText(finding);
      await expect(option(step(page, 2), 1)).toContainText(finding);
      // The form keeps what was posted; the file and the diagram are as they were.
      await expect(option(step(page, 2), 1).getByLabel('Next step', { exact: true })).toHaveValue('');
      expect(readFileSync(casePath(id), 'utf8')).toBe(before);
      await expect(page.getByText('Maximum score: 4.')).toBeVisible();
      await shot(page, option(step(page, 2), 1), 'finding');
      await expectNoAxeViolations(page);
    });
    expect(existsSync(casePath(id))).toBe(false);
  });

  test('Add and Remove change the form only; nothing is written until Save', async ({ page }) => {
    await withCaseCopy(page, 'form-only-demo', async (before) => {
      await press(page, page, 'Add a step');
      await expect(step(page, 4)).toBeVisible();
      await press(page, step(page, 1), 'Remove option 2');
      await expect(option(step(page, 1), 2)).toHaveCount(0);
      await expect(option(step(page, 1), 1).getByLabel('Id', { exact: true })).toHaveValue('three');
      expect(readFileSync(casePath('form-only-demo'), 'utf8')).toBe(before);
    });
  });
});
