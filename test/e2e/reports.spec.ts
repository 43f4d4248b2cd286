import { expect, test, type Page } from '@playwright/test';
import { eq } from 'drizzle-orm';
import { users } from '../../db/schema';
import { hashPassword } from '~/lib/server/password';
import { seedDemo } from '../../scripts/demo-data';
import { expectNoAxeViolations } from './axe';
import { e2eDb, signInAs } from '../fixtures/browser';

async function signInByEmail(page: Page, email: string) {
  const u = e2eDb().select().from(users).where(eq(users.email, email)).get()!;
  await signInAs(page, { id: u.id, email, password: '', fullName: u.fullName });
}

test.beforeAll(async () => {
  await seedDemo(e2eDb(), hashPassword);
});

test('an instructor reads the reports of the demo course, sorts the item analysis and downloads the roster', async ({ page }) => {
  await signInByEmail(page, 'instructor@demo.test');
  await page.goto('/instructor');
  await expectNoAxeViolations(page);
  // The range's days are the reader's, and the form says in which zone.
  await expect(page.getByTestId('range-zone')).toContainText(/Days run from midnight to midnight(, [A-Za-z_/]+ time| UTC)/);
  const list = page.getByTestId('instructor-courses');
  await expect(list).toContainText('Getting started with online CE (sample course)');
  await expect(list).not.toContainText('Medical cross-coding');
  await list.getByRole('link', { name: 'Getting started with online CE (sample course)' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('report');
  await expect(page.getByRole('img', { name: /Learners at each step/ })).toBeVisible();
  await expect(page.getByRole('img', { name: /Score distribution/ })).toBeVisible();
  await expectNoAxeViolations(page);

  // Sort by difficulty, ascending then descending (links work without JavaScript).
  await page.getByTestId('sort-difficulty').click();
  const values = async () => (await page.getByTestId('item-row').evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-difficulty')))));
  const up = await values();
  expect(up.length).toBeGreaterThan(2);
  expect(up).toEqual([...up].sort((a, b) => a - b));
  await page.getByTestId('sort-difficulty').click();
  const down = await values();
  expect(down).toEqual([...down].sort((a, b) => b - a));
  await expect(page.getByRole('columnheader', { name: 'Difficulty' })).toHaveAttribute('aria-sort', 'descending');

  // The page shows the roster's size (the demo course fits on one page); the CSV holds every row.
  const rosterRows = await page.getByTestId('roster').locator('tbody tr').count();
  await expect(page.getByTestId('roster-count')).toContainText(`${rosterRows} certificate`);
  await expect(page.getByTestId('roster-count')).toContainText('newest first');

  const download = page.waitForEvent('download');
  await page.getByTestId('roster-csv').click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^roster-sample-course-.*\.csv$/);
  const csv = await (await import('node:fs/promises')).readFile((await file.path())!, 'utf8');
  expect(csv.split('\r\n')[0]).toBe('\uFEFFparticipant,email,profession,licence_state,licence_number,agd_id,completed_on,ce_hours,agd_codes,certificate_code');
  expect(csv.split('\r\n').length).toBeGreaterThan(5);
  // Header, one line per certificate, and the final line break.
  expect(csv.split('\r\n').length).toBe(rosterRows + 2);

  // The item CSV is plain text: the bank's **bold** prompts lose their marks.
  const items = await (await page.request.get('/instructor/sample-course/items.csv')).text();
  expect(items).toContain('question_id');
  expect(items).not.toContain('**');

  await page.goto('/instructor/sample-course/preview');
  await expect(page.getByTestId('preview-questions')).toContainText('Resume opens the first lesson you have not marked complete');
  await expectNoAxeViolations(page);
});

test("an instructor cannot open another instructor's course reports or downloads", async ({ page }) => {
  await signInByEmail(page, 'courses@demo.test');
  expect((await page.goto('/instructor/sample-course'))?.status()).toBe(403);
  expect((await page.request.get('/instructor/sample-course/roster.csv')).status()).toBe(403);
  expect((await page.goto('/instructor/customer-service'))?.status()).toBe(200);
  await expect(page.getByText('How runs of “The upset caller”', { exact: false }).first()).toBeVisible();
  await expectNoAxeViolations(page);
});

for (const width of [1280, 320]) {
  test(`the decision map is drawn as a diagram with shares and a text alternative at ${width} px`, async ({ page }) => {
    await page.setViewportSize({ width, height: 900 });
    await signInByEmail(page, 'courses@demo.test');
    await page.goto('/instructor/customer-service#cases');
    const diagram = page.getByTestId('diagram-upset-caller');
    await expect(diagram.getByRole('img', { name: /Decision map of “The upset caller”/ })).toBeVisible();
    // Shares of one step add up to about 100 (whole percents), and the words name the bad endings.
    const words = diagram.locator('details li');
    await diagram.locator('summary').click();
    const start = (await words.first().textContent())!;
    const shares = [...start.matchAll(/(\d+)% \(/g)].map((m) => Number(m[1]));
    expect(shares.length).toBeGreaterThan(0);
    expect(Math.abs(shares.reduce((a, b) => a + b, 0) - 100)).toBeLessThanOrEqual(shares.length);
    await expect(words.filter({ hasText: /^Bad ending/ }).first()).toBeVisible();
    // The picture scrolls inside its own box; the page itself never scrolls sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    await expectNoAxeViolations(page);
  });
}

test('chart labels stay inside their charts and clear of each other; matching answers and the roster read as people wrote them', async ({ page }) => {
  await signInByEmail(page, 'courses@demo.test');
  await page.goto('/instructor/customer-service');
  const problems = await page.locator('figure.chart svg').evaluateAll((svgs) =>
    svgs.flatMap((svg) => {
      // Screen boxes, so the groups' transforms are applied; the svg's own box is what is drawn.
      const view = svg.getBoundingClientRect();
      const boxes = [...svg.querySelectorAll('text')].map((t) => ({ text: t.textContent ?? '', b: t.getBoundingClientRect() }));
      const out: string[] = [];
      for (const { text, b } of boxes) if (b.x < view.x - 0.5 || b.y < view.y - 0.5 || b.x + b.width > view.x + view.width + 0.5 || b.y + b.height > view.y + view.height + 0.5) out.push(`clipped: ${text}`);
      boxes.forEach((p, i) =>
        boxes.slice(i + 1).forEach((q) => {
          const overlap = Math.min(p.b.x + p.b.width, q.b.x + q.b.width) - Math.max(p.b.x, q.b.x) > 1 && Math.min(p.b.y + p.b.height, q.b.y + q.b.height) - Math.max(p.b.y, q.b.y) > 1;
          if (overlap) out.push(`overlap: ${p.text} / ${q.text}`);
        }),
      );
      return out;
    }),
  );
  expect(problems).toEqual([]);
  // The full labels stay in the tables under the charts.
  await expect(page.locator('figure.chart table').first()).toBeAttached();

  // Matching questions: the most-chosen wrong answer names both texts, not position ids.
  const wrong = await page.getByTestId('item-row').locator('td:nth-child(5)').allTextContents();
  expect(wrong.some((w) => w.includes(' → '))).toBe(true);
  expect(wrong.join(' ')).not.toMatch(/\b[a-h]→r\d/);

  // The roster shows each learner's email next to the name.
  // Earlier specs may have enrolled their own learners, so look for a demo learner's row
  // rather than assuming which row comes first.
  const emails = await page.getByTestId('roster').locator('td.email').allTextContents();
  expect(emails.length).toBeGreaterThan(0);
  for (const email of emails) expect(email.trim()).toMatch(/^[^@\s]+@[^@\s]+\.[a-z]+$/);
  expect(emails.some((email) => /^learner\d\d@demo\.test$/.test(email.trim()))).toBe(true);
  const roster = await (await page.request.get('/instructor/customer-service/roster.csv')).text();
  expect(roster.split('\r\n').slice(1).some((line) => /^[^,]+,learner\d\d@demo\.test,/.test(line))).toBe(true);

  // Certified counts agree between the course list and the funnel.
  const funnelCertified = await page.locator('#funnel figure.chart table tr', { hasText: 'Certified' }).locator('td').textContent();
  await page.goto('/instructor');
  const listRow = page.getByTestId('instructor-courses').locator('tr', { hasText: 'customer service' });
  await expect(listRow.locator('td').nth(2)).toHaveText(funnelCertified!.split(' ')[0]!);
});

test('admin certificate and audit pages pass axe', async ({ page }) => {
  const admin = e2eDb().select().from(users).where(eq(users.role, 'admin')).get()!;
  await signInAs(page, { id: admin.id, email: admin.email, password: '', fullName: admin.fullName });
  await page.goto('/admin/certificates');
  await expect(page.getByRole('heading', { level: 1, name: 'Certificates' })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.goto('/admin/audit?action=certificate');
  await expectNoAxeViolations(page);
});
