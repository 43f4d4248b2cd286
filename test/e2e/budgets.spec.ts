/**
 * Performance budgets, in bytes of the built output (never in time: machines are noisy).
 * For each kind of page, the HTML the server sends decides what the browser downloads: every
 * script (inline, external, island component and renderer modules, and everything they import,
 * followed recursively) and every stylesheet, read from dist/client and gzipped with zlib's
 * default level. bench/page-weight.ts does the counting, the same way `npm run bench` reports it.
 *
 * - A plain lesson ships no JavaScript at all.
 * - A lesson with a case simulation ships at most 80 KB of JavaScript, gzip, in total.
 * - No page ships more than 20 KB of CSS, gzip.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import type { Page } from '@playwright/test';
import { BUDGETS, fmtKB, pageWeight, type PageWeight } from '../../bench/page-weight';
import { completeLessons, expect, makeUser, signInAs, test } from '../fixtures/browser';

const clientDir = resolve('dist', 'client');

/** Assets come from the build the e2e server serves, never from the network. */
async function fromDist(path: string): Promise<Buffer | undefined> {
  const file = resolve(join(clientDir, decodeURIComponent(path)));
  if (!file.startsWith(clientDir + sep) || !existsSync(file)) return undefined;
  return readFileSync(file);
}

/** The HTML as the server sent it (not the DOM after scripts ran), and what it makes the browser load. */
async function weigh(page: Page, path: string): Promise<PageWeight> {
  const response = await page.goto(path);
  expect(response?.status(), `GET ${path}`).toBe(200);
  const weight = await pageWeight(await response!.text(), fromDist, new URL(page.url()).pathname);
  expect(weight.missing, `assets of ${path} missing from dist/client`).toEqual([]);
  return weight;
}

const describe = (w: PageWeight) =>
  `JS ${fmtKB(w.jsGzip)} gzip in ${w.scripts.length} file(s): ${w.scripts.map((s) => `${s.name} ${fmtKB(s.gzip)}`).join(', ') || 'none'}; ` +
  `CSS ${fmtKB(w.cssGzip)} gzip: ${w.styles.map((s) => `${s.name} ${fmtKB(s.gzip)}`).join(', ') || 'none'}`;

function expectCssWithinBudget(label: string, w: PageWeight) {
  // A page with no stylesheet at all would mean the counting is broken, not that the page is light.
  expect(w.styles.length, `${label}: no stylesheet found`).toBeGreaterThan(0);
  expect(w.cssGzip, `${label}: ${describe(w)}`).toBeLessThanOrEqual(BUDGETS.cssPerPage);
}

test.describe('performance budgets (bytes of the built output)', () => {
  test.beforeAll(() => {
    expect(existsSync(clientDir), 'dist/client exists (the e2e server builds it)').toBe(true);
  });

  test('a plain lesson ships no JavaScript, and at most 20 KB of CSS', async ({ page }) => {
    await signInAs(page, await makeUser());
    const w = await weigh(page, '/courses/sample-course/welcome');
    expect(w.scripts, describe(w)).toEqual([]);
    expect(w.jsGzip).toBe(0);
    expectCssWithinBudget('plain lesson', w);
  });

  test('a lesson with a case simulation ships at most 80 KB of JavaScript, and at most 20 KB of CSS', async ({ page }) => {
    await signInAs(page, await makeUser());
    const w = await weigh(page, '/courses/customer-service/when-it-goes-wrong');
    // The island must be found, or the budget would pass for the wrong reason.
    expect(w.scripts.some((s) => /SimulationPlayer/.test(s.name)), describe(w)).toBe(true);
    expect(w.jsGzip, describe(w)).toBeLessThanOrEqual(BUDGETS.simulationPageJs);
    expectCssWithinBudget('lesson with a simulation', w);
  });

  test('the post-test attempt page ships at most 20 KB of CSS', async ({ page }) => {
    const user = await makeUser();
    completeLessons(user.id, 'sample-course', ['welcome', 'tooth-numbers', 'earning-credit']);
    await signInAs(page, user);
    await page.goto('/courses/sample-course/test');
    await page.getByTestId('start-attempt').click();
    await page.waitForURL(/\/courses\/sample-course\/test\/\d+$/);
    const w = await weigh(page, new URL(page.url()).pathname);
    expectCssWithinBudget('post-test attempt', w);
  });

  test('the catalog ships at most 20 KB of CSS', async ({ page }) => {
    await signInAs(page, await makeUser());
    const w = await weigh(page, '/');
    expectCssWithinBudget('catalog', w);
  });
});
