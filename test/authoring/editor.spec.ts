/**
 * The browser editor in `npm run dev` (issue 22), driven as an instructor would: it writes the
 * files an author would write by hand (byte for byte the fixtures in test/fixtures/authoring),
 * keeps the rest of a file as it was, and refuses a save the content check rejects without
 * writing anything. Runs with playwright.author.config.ts over a temporary copy of content/.
 * Screenshots for docs/authoring.md are taken on the way (docs/images/authoring-*.png).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { checkContent } from '~/lib/content/checks';
import { expectNoAxeViolations } from '../e2e/axe';
import { addItem, expectAxeButKeystaticSplitter, expectLessonPlays, field, fixture, insert, root, save, shot, written } from './editor-helpers';
import { makeUser, signInAs } from '../fixtures/browser';

test.describe('the browser editor', () => {
  test('lists every kind of file it edits', async ({ page }) => {
    await page.goto('/keystatic');
    for (const name of ['Courses', 'Lessons', 'Question banks', 'Evaluations', 'Instructor profiles']) {
      await expect(page.getByRole('list', { name: 'Collections' }).getByRole('link', { name })).toBeVisible();
    }
    await shot(page, 'dashboard');
  });

  test('a new instructor profile is the file an author would write', async ({ page }) => {
    await page.goto('/keystatic/collection/instructors/create');
    await field(page, 'Instructor id').fill('pat-lee');
    await field(page, 'Name').fill('Pat Lee');
    await field(page, 'Credentials').fill('CDA');
    await field(page, 'Bio').fill('A certified dental assistant who has trained new front-desk staff in three practices since 2015.');
    await field(page, 'Disclosure').fill('Pat Lee reports no financial relationship with any commercial interest.');
    await addItem(page, page, 'pat@example.test');
    expect((await save(page, 'Create')).status()).toBe(200);
    await expect(page).toHaveURL(/\/instructors\/item\/pat-lee$/);
    expect(written('instructors/pat-lee.yaml')).toBe(fixture('pat-lee.yaml'));
  });

  test('a lesson with a Figure and a Checkpoint is the file an author would write, and passes the content check', async ({ page }) => {
    await page.goto('/keystatic/collection/lessons/create');
    await field(page, 'Lesson file').fill('sample-course/lessons/04-front-desk-checklist');
    await field(page, 'Title').fill('A front-desk checklist');
    await field(page, 'Order').fill('4');
    await addItem(page, page, 'navigate');
    await page.locator('.ProseMirror').click();
    await page.keyboard.type('Before the first patient arrives, walk through the day with the team.');
    await page.keyboard.press('Enter');
    // An inserted block takes the selection: insert the last one first, then go back up.
    await insert(page, 'Checkpoint', 'A self-check question');
    await page.getByText('Before the first patient arrives').click();
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await insert(page, 'Figure', 'An image from public/');

    await page.getByRole('button', { name: 'Edit' }).first().click();
    let dialog = page.getByRole('dialog').first();
    await field(dialog, 'Src').fill('/images/sample-course/course-path.svg');
    await field(dialog, 'Alt').fill('Lessons, then a case, then the post-test, then the evaluation, then the certificate.');
    await field(dialog, 'Caption').fill('The path to a certificate.');
    await shot(page, 'figure');
    await dialog.getByRole('button', { name: 'Done' }).click();
    await expect(page.getByRole('dialog')).toHaveCount(0);

    await page.getByRole('button', { name: 'Edit' }).last().click();
    dialog = page.getByRole('dialog').first();
    await field(dialog, 'Question').fill('What does Resume open?');
    for (const option of ['The first lesson', 'The first unfinished lesson']) await addItem(page, dialog, option);
    await field(dialog, 'Answer').fill('1');
    await field(dialog, 'Explanation').fill('Resume opens the first lesson you have not finished.');
    await shot(page, 'checkpoint');
    await dialog.getByRole('button', { name: 'Done' }).click();
    await expect(page.getByRole('dialog')).toHaveCount(0);

    expect((await save(page, 'Create')).status()).toBe(200);
    expect(written('courses/sample-course/lessons/04-front-desk-checklist.mdx')).toBe(fixture('04-front-desk-checklist.mdx'));
    expect(checkContent(root, { publicDir: 'public' }).errors).toEqual([]);

    // The editor links the lesson's learner preview; a learner then opens it at its own address.
    const link = page.getByRole('navigation', { name: 'Lesson preview' }).getByRole('link', { name: 'Preview as a learner (new tab)' });
    await expect(link).toHaveAttribute('href', '/author/preview/sample-course/front-desk-checklist');
    const preview = await page.context().newPage();
    await preview.goto('/author/preview/sample-course/front-desk-checklist');
    await expectLessonPlays(preview);
    await preview.evaluate(() => window.scrollTo(0, 0));
    await shot(preview, 'preview');
    await expectNoAxeViolations(preview);
    await signInAs(preview, await makeUser());
    await preview.goto('/courses/sample-course/front-desk-checklist');
    await expectLessonPlays(preview);
    await expect(preview.getByTestId('complete-lesson')).toBeVisible();
  });

  test('a save the content check rejects shows the finding and writes nothing', async ({ page }) => {
    const path = 'courses/sample-course/lessons/02-tooth-numbers.mdx';
    const before = written(path);
    await page.goto(`/keystatic/collection/lessons/item/${encodeURIComponent('sample-course/lessons/02-tooth-numbers')}`);
    await page.getByText('Checkpoint', { exact: true }).first().scrollIntoViewIfNeeded();
    const checkpoint = page.getByRole('button', { name: 'Edit' }).last();
    await checkpoint.click();
    const dialog = page.getByRole('dialog').first();
    await field(dialog, 'Answer').fill('5');
    await dialog.getByRole('button', { name: 'Done' }).click();
    const response = await save(page, 'Save');
    expect(response.status()).toBe(422);
    const alert = page.getByText(/Not saved: the content check found/);
    await expect(alert).toContainText('<Checkpoint> answer: must be the 0-based index of the right option: 0 to 2 for 3 options, not 5');
    // Next to the field: the lesson's only Checkpoint block says what is wrong, and so does its Answer field.
    const message = 'must be the 0-based index of the right option: 0 to 2 for 3 options, not 5';
    await expect(page.locator('.finding-note')).toHaveText([`Checkpoint: Answer: ${message} (press Edit to fix it)`]);
    await expect(checkpoint).toHaveAccessibleDescription(`Checkpoint: Answer: ${message} (press Edit to fix it)`);
    await page.locator('.finding-note').evaluate((note) => note.scrollIntoView({ block: 'center' }));
    await shot(page, 'finding');
    await checkpoint.click();
    const answer = field(page.getByRole('dialog').first(), 'Answer');
    await expect(answer).toHaveAttribute('aria-invalid', 'true');
    await expect(answer).toHaveAccessibleDescription(`Answer: ${message}`);
    await shot(page, 'finding-field');
    expect(written(path)).toBe(before);
    expect(checkContent(root, { publicDir: 'public' }).errors).toEqual([]);
  });

  test('an existing course saved with one change differs in that line only', async ({ page }) => {
    const path = 'courses/sample-course/course.yaml';
    const before = written(path);
    await page.goto('/keystatic/collection/courses/item/sample-course');
    await field(page, 'Title').fill('Getting started with online CE (a sample course)');
    expect((await save(page, 'Save')).status()).toBe(200);
    const after = written(path);
    expect(after).toBe(before.replace('title: Getting started with online CE (sample course)\n', 'title: Getting started with online CE (a sample course)\n'));
    expect(existsSync(join(root, 'courses/sample-course/course.yaml'))).toBe(true);
  });
});

test.describe('the case page', () => {
  test('shows a case as steps and a diagram with the best path and maximum score, and passes axe', async ({ page }) => {
    await page.goto('/author/cases/upset-caller');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Case: The upset caller');
    await expect(page.getByText('Maximum score: 35.')).toBeVisible();
    await expect(page.getByRole('table', { name: 'Every step, its options and where each leads' })).toBeVisible();
    await expect(page.locator('svg').first()).toBeVisible();
    await shot(page, 'case');
    await expectNoAxeViolations(page);
  });

  test('a step nobody reaches is reported as the build reports it', async ({ page }) => {
    const path = join(root, 'simulations', 'upset-caller.yaml');
    const before = readFileSync(path, 'utf8');
    try {
      writeFileSync(path, `${before.trimEnd()}\n  orphan: { type: end, outcome: orphan, label: Nobody gets here, good: false, debrief: Unused. }\n`);
      await page.goto('/author/cases/upset-caller');
      await expect(page.getByRole('heading', { name: 'What the build check reports' })).toBeVisible();
      await expect(page.getByRole('region', { name: 'What the build check reports' })).toContainText('orphan');
    } finally {
      writeFileSync(path, before);
    }
  });
});

test('the editor passes axe on a form with lists, but for the sidebar splitter outside any landmark', async ({ page }) => {
  await page.goto('/keystatic/collection/courses/item/sample-course');
  await expect(page.getByRole('textbox', { name: /^Title/ })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Remove this item' }).first()).toBeAttached();
  // The one allowed finding is still there: when a Keystatic release fixes it, drop the allowance.
  expect(await expectAxeButKeystaticSplitter(page)).toHaveLength(1);
});
