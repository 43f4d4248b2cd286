import { defineConfig } from '@playwright/test';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumProject, FRESH_SERVER, ONE_AT_A_TIME } from './test/fixtures/chromium';
import { freePort } from './test/fixtures/free-port';

/**
 * Browser tests of the editor (issue 22), which lives only in `npm run dev`: `astro dev` on a free
 * port over a temporary copy of content/ (tests never write into the repository's content/) and a
 * temporary database. `npm run test:e2e` runs this after the main suite (playwright.config.ts).
 * Like the main config, the first evaluation picks the port and folder and hands them to workers.
 */
process.env.AUTHOR_PORT ??= String(await freePort());
if (!process.env.AUTHOR_DIR) {
  process.env.AUTHOR_DIR = mkdtempSync(join(tmpdir(), 'dental-ce-author-'));
  cpSync('content', join(process.env.AUTHOR_DIR, 'content'), { recursive: true });
}
const port = Number(process.env.AUTHOR_PORT);
const dir = process.env.AUTHOR_DIR;
// test/fixtures/browser.ts writes users and sessions into E2E_DATA_DIR/e2e.sqlite: the server's database.
process.env.E2E_DATA_DIR = dir;

export default defineConfig({
  testDir: 'test/authoring',
  ...ONE_AT_A_TIME,
  // The first visit makes Vite bundle the editor's dependencies: slow once, on two shared cores.
  timeout: 180_000,
  expect: { timeout: 30_000 },
  reporter: [['list']],
  use: { baseURL: `http://localhost:${port}`, trace: 'retain-on-failure' },
  projects: [chromiumProject('editor')],
  webServer: {
    command: `npx tsx scripts/setup.ts && npx astro dev --port ${port}`,
    url: `http://localhost:${port}/healthz`,
    ...FRESH_SERVER,
    env: {
      HOST: 'localhost',
      PORT: String(port),
      CONTENT_DIR: join(dir, 'content'),
      DATABASE_PATH: join(dir, 'e2e.sqlite'),
      DATA_DIR: dir,
      ADMIN_EMAIL: 'admin@author.test',
      ADMIN_PASSWORD: `author-${Math.random().toString(36).slice(2)}-${Date.now()}`,
    },
  },
});
