/**
 * A question bank written in the browser editor (issue 22): one question of each of the six types,
 * with options, correct answers, explanations and objectives, is byte for byte the bank an author
 * writes by hand (test/fixtures/authoring/draft-example-bank.yaml), and the content check passes.
 * A bad value in a bank question is refused and shown on that question and its field. The
 * screenshots are the ones docs/authoring.md walks through ("A question bank").
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { checkContent } from '~/lib/content/checks';
import { addItem, expectAxeButKeystaticSplitter, field, fixture, root, save, shot, written } from './editor-helpers';

/**
 * Picks a value in one of Keystatic's select fields (a button named by its value and label). The
 * option is taken from that field's own list, and the list must close before the next pick: a
 * closing list is still in the page for a moment, with the same options as the next one.
 */
async function pick(page: Page, scope: Page | Locator, label: string, value: string) {
  await scope.getByRole('button', { name: new RegExp(` ${label}$`) }).click();
  const list = page.getByRole('listbox', { name: label, exact: true });
  await list.getByRole('option', { name: value, exact: true }).click();
  await expect(list).toHaveCount(0);
}

/** Adds one item to a list of objects: the list's Add opens a dialog, filled field by field. */
async function addObject(page: Page, scope: Locator, list: string, values: Record<string, string | boolean>) {
  const before = await page.getByRole('dialog').count();
  await scope.getByRole('group', { name: list }).getByRole('button', { name: 'Add', exact: true }).first().click();
  const dialog = page.getByRole('dialog').nth(before);
  for (const [label, value] of Object.entries(values)) {
    if (typeof value === 'boolean') await dialog.getByRole('checkbox', { name: label }).setChecked(value);
    else await field(dialog, label).fill(value);
  }
  await dialog.getByRole('button', { name: 'Add', exact: true }).last().click();
  await expect(page.getByRole('dialog')).toHaveCount(before);
}

interface Question {
  type: string;
  common: Record<string, string>;
  fill: (page: Page, dialog: Locator) => Promise<void>;
}

const common = (id: string, objective: string, prompt: string, points: string, explanation: string) => ({ Id: id, Objective: objective, Prompt: prompt, Points: points, Explanation: explanation });

const questions: Question[] = [
  {
    type: 'single',
    common: common('q1', 'draft-one', 'An instructor opens a course that is still a draft. What is on its page?', '1', 'Staff see a draft course with a Draft banner above its lessons.'),
    fill: async (page, dialog) => {
      await addObject(page, dialog, 'Options', { Id: 'a', Text: 'A Draft banner', Correct: true });
      await addObject(page, dialog, 'Options', { Id: 'b', Text: 'The same page a learner sees, with no sign of the draft' });
      await addObject(page, dialog, 'Options', { Id: 'c', Text: 'A sign-in form' });
      await shot(page, 'bank-question');
    },
  },
  {
    type: 'multiple',
    common: common('q2', 'draft-one', 'Who can open the lessons of a course that is not published?', '1', 'Instructors and admins see drafts; learners do not.'),
    fill: async (page, dialog) => {
      await addObject(page, dialog, 'Options', { Id: 'a', Text: 'Instructors', Correct: true });
      await addObject(page, dialog, 'Options', { Id: 'b', Text: 'Admins', Correct: true });
      await addObject(page, dialog, 'Options', { Id: 'c', Text: 'Learners' });
      await pick(page, dialog, 'Scoring', 'partial');
    },
  },
  {
    type: 'true-false',
    common: common('q3', 'draft-two', 'A learner who has the address of a draft lesson can read it.', '1', 'Every page of a draft course answers page-not-found to learners.'),
    // The answer is false: its box stays unticked.
    fill: async (_page, dialog) => expect(dialog.getByRole('checkbox', { name: 'Answer' })).not.toBeChecked(),
  },
  {
    type: 'numeric',
    common: common('q4', 'draft-two', 'How many lessons of a draft course can a learner open?', '1', 'None, until the course is published.'),
    fill: async (_page, dialog) => {
      await field(dialog, 'Answer').fill('0');
      await field(dialog, 'Unit').fill('lessons');
    },
  },
  {
    type: 'matching',
    common: common('q5', 'draft-three', 'Match each line of course.yaml with what it does.', '2', 'published shows the course; releaseDate is when it is first offered.'),
    fill: async (page, dialog) => {
      await addObject(page, dialog, 'Pairs', { Id: 'p1', Left: 'published: true', Right: 'Shows the course to learners' });
      await addObject(page, dialog, 'Pairs', { Id: 'p2', Left: 'releaseDate: 2027-01-04', Right: 'The day the course is first offered' });
      await addItem(page, dialog.getByRole('group', { name: 'Distractors' }), 'Prints the certificates');
    },
  },
  {
    type: 'code',
    common: common('q6', 'draft-three', 'Type the AGD subject code of the draft example course.', '1', 'The draft example is filed under AGD subject code 550.'),
    fill: async (page, dialog) => {
      await addItem(page, dialog.getByRole('group', { name: 'Accepted' }), '550');
      await field(dialog, 'Placeholder').fill('000');
    },
  },
];

test('a bank with one question of each type is the file an author would write, and passes the content check', async ({ page }) => {
  // Tall enough for the guide's screenshots to show a whole question.
  await page.setViewportSize({ width: 1280, height: 1000 });
  await page.goto('/keystatic/collection/quizzes/create');
  await field(page, 'Bank id').fill('draft-example');
  await field(page, 'Course').fill('draft-example');
  const settings = page.getByRole('group', { name: 'Settings' });
  for (const [label, value] of [['Questions Per Attempt', '5'], ['Pass Mark', '80'], ['Max Attempts', '3'], ['Cooldown Minutes', '0'], ['Expected Minutes', '5']] as const) {
    await field(settings, label).fill(value);
  }
  for (const box of ['Shuffle Questions', 'Shuffle Options', 'Require Lessons']) await settings.getByRole('checkbox', { name: box }).check();
  await pick(page, settings, 'Before Pass', 'feedback');
  await pick(page, settings, 'After Pass', 'full');
  await shot(page, 'bank-settings');

  for (const q of questions) {
    await page.getByRole('group', { name: 'Questions' }).getByRole('button', { name: 'Add', exact: true }).first().click();
    const dialog = page.getByRole('dialog').first();
    await pick(page, dialog, 'Type', q.type);
    for (const [label, value] of Object.entries(q.common)) await field(dialog, label).fill(value);
    await q.fill(page, dialog);
    await dialog.getByRole('button', { name: 'Add', exact: true }).last().click();
    await expect(page.getByRole('dialog')).toHaveCount(0);
  }
  await expect(page.getByRole('grid', { name: 'Questions' }).getByRole('row')).toHaveCount(6);
  await page.getByRole('group', { name: 'Questions' }).scrollIntoViewIfNeeded();
  await shot(page, 'bank');

  expect((await save(page, 'Create')).status()).toBe(200);
  expect(written('quizzes/draft-example.yaml')).toBe(fixture('draft-example-bank.yaml'));
  expect(checkContent(root, { publicDir: 'public' }).errors).toEqual([]);
});

test('a bad value in a bank question is refused and shown on that question and its field', async ({ page }) => {
  const path = 'quizzes/sample-course.yaml';
  const before = written(path);
  await page.goto('/keystatic/collection/quizzes/item/sample-course');
  const list = page.getByRole('grid', { name: 'Questions' });
  // The second question (progress-saved, true-false) is given 0 points.
  await list.getByRole('row').nth(1).click();
  let dialog = page.getByRole('dialog').first();
  await field(dialog, 'Points').fill('0');
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  expect((await save(page, 'Save')).status()).toBe(422);
  const message = 'points must be greater than 0';
  await expect(page.getByText(/Not saved: the content check found/)).toContainText(`content/quizzes/sample-course.yaml: questions[1].points: ${message}`);
  await expect(page.locator('.finding-note')).toHaveText([`Item 2 of Questions: Points: ${message}`]);
  await expect(list.getByRole('row').nth(1)).toHaveAccessibleDescription(`Item 2 of Questions: Points: ${message}`);
  await expectAxeButKeystaticSplitter(page);
  await list.getByRole('row').nth(1).click();
  dialog = page.getByRole('dialog').first();
  await expect(field(dialog, 'Points')).toHaveAttribute('aria-invalid', 'true');
  await expect(field(dialog, 'Points')).toHaveAccessibleDescription(`Points: ${message}`);
  await shot(page, 'bank-finding');
  await expectAxeButKeystaticSplitter(page);
  expect(written(path)).toBe(before);
});
