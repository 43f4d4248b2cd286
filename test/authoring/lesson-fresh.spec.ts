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
    // The page as the server answers it, fetched with the learner's cookies but outside the open
    // tab: Vite's client in that tab reloads it when the file changes, which would abort a goto
    // made at the same moment (net::ERR_ABORTED) without saying anything about what was served.
    const served = async () => {
      const res = await page.request.get(lessonPath);
      expect(res.status()).toBe(200);
      return res.text();
    };
    // The dev server picks the file up when its watcher fires: ask until it has, then every later
    // answer must carry the change.
    await expect(async () => expect(await served()).toContain(marker)).toPass({ timeout: 90_000 });
    for (let i = 0; i < 3; i++) expect(await served()).toContain(marker);

    // And back: the text as it was before the change, not the changed one.
    writeFileSync(lessonFile, original);
    await expect(async () => expect(await served()).not.toContain(marker)).toPass({ timeout: 90_000 });
    expect(await served()).toContain(OLD);
    // The open tab too. Vite's client may still reload it for the write just made, which aborts a
    // goto under way (net::ERR_ABORTED, seen in CI): the navigation is tried again until one lands.
    await expect(async () => {
      await page.goto(lessonPath);
      await expect(page.locator('article.lesson-body')).toContainText(OLD, { timeout: 2_000 });
    }).toPass({ timeout: 30_000 });
    await expect(page.locator('article.lesson-body')).not.toContainText(marker);
  } finally {
    writeFileSync(lessonFile, original);
  }
});
