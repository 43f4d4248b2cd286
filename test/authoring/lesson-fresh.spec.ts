/**
 * Issue 21: lesson bodies are rendered once per process in a build (lib/server/lesson-html.ts), and
 * never kept under `astro dev`. Here, under the editor suite's `astro dev` over a temporary copy of
 * content/: a lesson changed on disk is served changed, and the old text is not served again.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { makeUser, signInAs } from '../fixtures/browser';

const lessonFile = join(process.env.AUTHOR_DIR!, 'content', 'courses', 'sample-course', 'lessons', '01-welcome.mdx');
const lessonPath = '/courses/sample-course/welcome';
const OLD = 'Each course on this platform is a short series of lessons';

test('a lesson changed under astro dev is served changed, never as it was', async ({ page }) => {
  await signInAs(page, await makeUser({ fullName: 'Fresh Reader' }));

  const original = readFileSync(lessonFile, 'utf8');
  expect(original).toContain(OLD);
  const marker = `Changed while the dev server ran ${Date.now().toString(36)}.`;
  try {
    await page.goto(lessonPath);
    await expect(page.locator('article.lesson-body')).toContainText(OLD);

    writeFileSync(lessonFile, original.replace(OLD, `${marker} ${OLD}`));
    // The dev server picks the file up when its watcher fires: ask until it has, then every later
    // answer must carry the change.
    await expect(async () => {
      await page.goto(lessonPath);
      await expect(page.locator('article.lesson-body')).toContainText(marker, { timeout: 1_000 });
    }).toPass({ timeout: 90_000 });
    for (let i = 0; i < 3; i++) {
      await page.goto(lessonPath);
      await expect(page.locator('article.lesson-body')).toContainText(marker);
    }

    // And back: the text as it was before the change, not the changed one.
    writeFileSync(lessonFile, original);
    await expect(async () => {
      await page.goto(lessonPath);
      await expect(page.locator('article.lesson-body')).not.toContainText(marker, { timeout: 1_000 });
    }).toPass({ timeout: 90_000 });
    await expect(page.locator('article.lesson-body')).toContainText(OLD);
  } finally {
    writeFileSync(lessonFile, original);
  }
});
