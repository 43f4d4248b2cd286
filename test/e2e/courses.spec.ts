import { expect, test } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { keyTermsIn } from '~/lib/content/keyterms';
import { expectNoAxeViolations } from './axe';
import { makeUser, openedMinutesAgo, signInAs } from '../fixtures/browser';

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('a learner starts the sample course, completes two lessons, leaves, and Resume opens lesson three', async ({ page }) => {
    const user = await makeUser();
    await signInAs(page, user);
    await page.goto('/');
    const card = page.getByTestId('course-card-sample-course');
    await expect(card.getByRole('progressbar')).toHaveAttribute('value', '0');
    await card.getByRole('link', { name: /Getting started with online CE/ }).click();
    await expect(page).toHaveURL(/\/courses\/sample-course$/);
    await page.getByTestId('start-course').click();
    await expect(page).toHaveURL(/\/courses\/sample-course\/welcome$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome to self-paced CE');

    // Each lesson has been open long enough to be completed.
    openedMinutesAgo(user.id, 'sample-course', 30, 'welcome');
    await page.getByRole('button', { name: 'Mark complete and continue' }).click();
    await expect(page).toHaveURL(/\/courses\/sample-course\/tooth-numbers$/);
    await expect(page.getByRole('progressbar')).toHaveAttribute('value', '1');
    openedMinutesAgo(user.id, 'sample-course', 30, 'tooth-numbers');
    await page.getByRole('button', { name: 'Mark complete and continue' }).click();
    await expect(page).toHaveURL(/\/courses\/sample-course\/earning-credit$/);

    await page.goto('/');
    await expect(page.getByTestId('course-card-sample-course').getByRole('progressbar')).toHaveAttribute('value', '2');
    await page.goto('/courses/sample-course');
    await expect(page.getByTestId('done-welcome')).toBeVisible();
    await expect(page.getByTestId('done-tooth-numbers')).toBeVisible();
    await expect(page.getByTestId('done-earning-credit')).toHaveCount(0);
    await expect(page.getByTestId('start-course')).toHaveText('Resume');
    await page.getByTestId('start-course').click();
    await expect(page).toHaveURL(/\/courses\/sample-course\/earning-credit$/);
  });

  test('the self-check works with CSS alone', async ({ page }) => {
    await signInAs(page, await makeUser());
    await page.goto('/courses/sample-course/tooth-numbers');
    const checkpoint = page.locator('.checkpoint');
    await expect(checkpoint.getByText('Right.')).toBeHidden();
    await checkpoint.getByLabel('22').check();
    await expect(checkpoint.getByText('Right.')).toBeVisible();
  });
});

test('lesson pages need an account, and come back after sign-in', async ({ page }) => {
  const response = await page.goto('/courses/sample-course/welcome');
  expect(response?.url()).toMatch(/\/login\?next=%2Fcourses%2Fsample-course%2Fwelcome$/);
});

test('course, lesson and glossary pages pass axe, and a plain lesson ships no script', async ({ page }) => {
  await signInAs(page, await makeUser());
  await page.goto('/');
  await expectNoAxeViolations(page);
  await page.goto('/courses/sample-course');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Getting started with online CE (sample course)');
  await expectNoAxeViolations(page);
  await page.goto('/courses/sample-course/tooth-numbers');
  await expect(page.getByRole('img', { name: /Tooth chart/ })).toBeVisible();
  await expectNoAxeViolations(page);
  expect(await page.locator('script').count()).toBe(0);
  await page.goto('/courses/sample-course/glossary');
  const glossary = page.getByTestId('glossary');
  await expect(glossary.locator('dt')).toHaveText(['FDI numbering', 'Self-paced course', 'Universal numbering', 'Verification code']);
  await expectNoAxeViolations(page);
});

test('a draft course is 404 for a learner and shows a Draft banner to an instructor', async ({ page, browser }) => {
  await signInAs(page, await makeUser());
  expect((await page.goto('/courses/draft-example'))?.status()).toBe(404);
  expect((await page.goto('/courses/draft-example/about-drafts'))?.status()).toBe(404);
  await page.goto('/');
  await expect(page.getByTestId('course-card-draft-example')).toHaveCount(0);

  const staff = await browser.newContext();
  const staffPage = await staff.newPage();
  await signInAs(staffPage, await makeUser({ role: 'instructor' }));
  expect((await staffPage.goto('/courses/draft-example'))?.status()).toBe(200);
  await expect(staffPage.getByTestId('draft-banner')).toBeVisible();
  await staffPage.goto('/courses/draft-example/about-drafts');
  await expect(staffPage.getByTestId('draft-banner')).toBeVisible();
  await staff.close();
});

test('a non-member gets the membership page on a members-only lesson; a member reads it', async ({ page, browser }) => {
  await signInAs(page, await makeUser());
  await page.goto('/courses/medical-cross-coding');
  await expect(page.getByTestId('join-club')).toContainText('are for club members');
  // No start button that cannot work: the first lesson is still linked from the syllabus.
  await expect(page.getByTestId('start-course')).toHaveCount(0);
  const first = await page.locator('.syllabus a').first().getAttribute('href');
  const response = await page.goto(first!);
  expect(response?.status()).toBe(403);
  await expect(page.getByTestId('members-only')).toBeVisible();
  await expectNoAxeViolations(page);

  const member = await browser.newContext();
  const memberPage = await member.newPage();
  await signInAs(memberPage, await makeUser({ member: true }));
  expect((await memberPage.goto(first!))?.status()).toBe(200);
  await expect(memberPage.getByTestId('complete-lesson')).toBeVisible();
  await member.close();
});

test("a members course's glossary keeps its definitions from non-members, as its lessons do", async ({ page, request, browser }) => {
  // The definitions as the lessons write them, read from the course's own files.
  const dir = join(process.cwd(), 'content/courses/medical-cross-coding/lessons');
  const definitions = readdirSync(dir).flatMap((f) => keyTermsIn(readFileSync(join(dir, f), 'utf8')).map((k) => k.definition));
  expect(definitions.length).toBeGreaterThan(0);
  const leaked = (text: string) => definitions.filter((d) => text.includes(d));

  const anon = await request.get('/courses/medical-cross-coding/glossary', { maxRedirects: 0 });
  expect(anon.status()).toBe(302);
  expect(anon.headers().location).toBe('/login?next=%2Fcourses%2Fmedical-cross-coding%2Fglossary');
  expect(leaked(await anon.text())).toEqual([]);

  await signInAs(page, await makeUser());
  const learner = await page.goto('/courses/medical-cross-coding/glossary');
  expect(learner?.status()).toBe(403);
  await expect(page.getByTestId('members-only')).toBeVisible();
  await expect(page.getByTestId('glossary')).toHaveCount(0);
  expect(leaked(await page.locator('body').innerText())).toEqual([]);
  await expectNoAxeViolations(page);

  const member = await browser.newContext();
  const memberPage = await member.newPage();
  await signInAs(memberPage, await makeUser({ member: true }));
  expect((await memberPage.goto('/courses/medical-cross-coding/glossary'))?.status()).toBe(200);
  // A term defined in two lessons shows its first definition (lessons are read in file order).
  const first = new Map<string, string>();
  for (const f of readdirSync(dir).sort()) for (const k of keyTermsIn(readFileSync(join(dir, f), 'utf8'))) if (!first.has(k.term.toLowerCase())) first.set(k.term.toLowerCase(), k.definition);
  const shown = await memberPage.getByTestId('glossary').innerText();
  expect([...first.values()].filter((d) => !shown.includes(d))).toEqual([]);
  await member.close();
});

test("an open course's glossary stays public", async ({ request }) => {
  const res = await request.get('/courses/sample-course/glossary');
  expect(res.status()).toBe(200);
  expect(await res.text()).toContain('data-testid="glossary"');
});
