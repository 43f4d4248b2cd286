/**
 * Driving the browser editor as an instructor would, shared by the editor's specs (run with
 * playwright.author.config.ts over a temporary copy of content/, AUTHOR_DIR).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Locator, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

export const root = join(process.env.AUTHOR_DIR!, 'content');
export const fixture = (name: string) => readFileSync(join('test/fixtures/authoring', name), 'utf8');
export const written = (path: string) => readFileSync(join(root, path), 'utf8');
export const field = (scope: Page | Locator, label: string) => scope.getByRole('textbox', { name: new RegExp(`^${label}`) }).first();
export const shot = (page: Page, name: string) => page.screenshot({ path: `docs/images/authoring-${name}.png` });

/** Fills one item of a list field: the list's Add opens a dialog with the item's form. */
export async function addItem(page: Page, scope: Page | Locator, value: string) {
  const before = await page.getByRole('dialog').count();
  await scope.getByRole('button', { name: 'Add', exact: true }).first().click();
  const dialog = page.getByRole('dialog').nth(before);
  await dialog.getByRole('textbox').fill(value);
  await dialog.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(page.getByRole('dialog')).toHaveCount(before);
}

/** Inserts a lesson component from the editor's "/" menu at the cursor. */
export async function insert(page: Page, name: string, hint: string) {
  // On two busy cores the menu sometimes misses the first keystrokes: type again until it shows.
  await expect(async () => {
    await page.keyboard.type(`/${name}`, { delay: 30 });
    try {
      await expect(page.getByText(hint)).toBeVisible({ timeout: 5_000 });
    } catch (e) {
      for (let i = 0; i <= name.length; i++) await page.keyboard.press('Backspace');
      throw e;
    }
  }).toPass({ timeout: 60_000 });
  await page.keyboard.press('Enter');
  await expect(page.getByText(hint)).toHaveCount(0);
}

export async function save(page: Page, button: 'Create' | 'Save') {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().includes('/api/keystatic/update')),
    page.getByRole('button', { name: button, exact: true }).click(),
  ]);
  return response;
}


/** The lesson written by editor.spec's lesson test, as a learner's page shows it: its Figure and its Checkpoint. */
export async function expectLessonPlays(page: Page) {
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('A front-desk checklist');
  await expect(page.getByRole('img', { name: 'Lessons, then a case, then the post-test, then the evaluation, then the certificate.' })).toBeVisible();
  await expect(page.getByText('The path to a certificate.')).toBeVisible();
  const checkpoint = page.getByRole('group', { name: 'What does Resume open?' });
  await checkpoint.getByRole('radio', { name: 'The first unfinished lesson' }).check();
  await expect(checkpoint.getByText('Right.')).toBeVisible();
}

/**
 * axe over an editor page: no finding but one. Keystatic's sidebar resize handle (a focusable
 * separator) sits between its two panes, outside any landmark (a moderate best-practice rule, not
 * WCAG). It is Keystatic's own and cannot be fixed from our page: its only container also holds
 * Keystatic's <main>, and a landmark around that would nest main in a landmark (another finding);
 * hiding or re-roling a focusable handle would break it for keyboard users. Everything else our page
 * wrapper fixes (pages/editor.astro), and the finding marks (finding-marks.ts) add nothing to it.
 */
export async function expectAxeButKeystaticSplitter(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  const found = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  // With a dialog open the page behind it is hidden from assistive technology, the handle too.
  expect(found.filter((f) => !/^region: #resize-handle-[^,]+$/.test(f))).toEqual([]);
  return found;
}
