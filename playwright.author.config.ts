import { defineConfig, devices } from '@playwright/test';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

export default defineConfig({
  testDir: 'test/authoring',
  fullyParallel: false,
  workers: 1,
  forbidOnly: true,
  retries: 0,
  // The first visit makes Vite bundle the editor's dependencies: slow once, on two shared cores.
  timeout: 180_000,
  expect: { timeout: 30_000 },
  reporter: [['list']],
  use: { baseURL: `http://localhost:${port}`, trace: 'retain-on-failure' },
  projects: [
    {
      name: 'editor',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
          args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
        },
      },
    },
  ],
  webServer: {
    command: `npx tsx scripts/setup.ts && npx astro dev --port ${port}`,
    url: `http://localhost:${port}/healthz`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
    env: {
      HOST: 'localhost',
      PORT: String(port),
      CONTENT_DIR: join(dir, 'content'),
      DATABASE_PATH: join(dir, 'author.sqlite'),
      DATA_DIR: dir,
      ADMIN_EMAIL: 'admin@author.test',
      ADMIN_PASSWORD: `author-${Math.random().toString(36).slice(2)}-${Date.now()}`,
    },
  },
});
