import { defineConfig } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumProject, FRESH_SERVER, ONE_AT_A_TIME } from './test/fixtures/chromium';
import { freePort } from './test/fixtures/free-port';

// The config is evaluated in the runner and again in every worker; the environment carries the
// first choice of port and database to the workers so they all talk to the same server.
process.env.E2E_PORT ??= String(await freePort());
process.env.E2E_DATA_DIR ??= mkdtempSync(join(tmpdir(), 'dental-ce-e2e-'));
process.env.E2E_ADMIN_EMAIL ??= 'admin@e2e.test';
process.env.E2E_ADMIN_PASSWORD ??= `e2e-${Math.random().toString(36).slice(2)}-${Date.now()}`;

const port = Number(process.env.E2E_PORT);
const baseURL = `http://localhost:${port}`;

export default defineConfig({
  testDir: 'test/e2e',
  ...ONE_AT_A_TIME,
  timeout: 60_000,
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    baseURL,
    trace: 'retain-on-failure',
  },
  projects: [chromiumProject('chromium')],
  webServer: {
    command: 'node scripts/start.mjs',
    url: `${baseURL}/healthz`,
    ...FRESH_SERVER,
    env: {
      HOST: 'localhost',
      PORT: String(port),
      DATABASE_PATH: join(process.env.E2E_DATA_DIR, 'e2e.sqlite'),
      DATA_DIR: process.env.E2E_DATA_DIR,
      ADMIN_EMAIL: process.env.E2E_ADMIN_EMAIL,
      ADMIN_PASSWORD: process.env.E2E_ADMIN_PASSWORD,
      E2E: '1',
    },
  },
});
