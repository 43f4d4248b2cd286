#!/usr/bin/env node
// `npm start`: build when the sources are newer than the last build, prepare the database
// (migrate, first admin, session sweep), then serve the built site: the front door
// (scripts/front-door.mjs) with the static files in memory and Astro's handler for the pages.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { applyServerLimits, siteHandler } from './front-door.mjs';
import { readServerSettings } from './server-settings.mjs';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
process.chdir(root);
// A .env file in the project folder, when there is one, fills in what the shell did not set.
if (existsSync(join(root, '.env')) && typeof process.loadEnvFile === 'function') process.loadEnvFile(join(root, '.env'));
// Settings are parsed (and a bad value refused, naming the variable) before anything is built or
// served, in a child process: the server process never loads tsx (scripts/server-settings.ts).
const { settings, headers } = readServerSettings();
const stamp = join(root, 'dist', '.build-stamp');
const inputs = ['src', 'content', 'db', 'public', 'astro.config.mjs', 'scripts/static-files.mjs', 'package.json', 'package-lock.json'];

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) {
    if (entry === 'data' || entry === 'node_modules') continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

function run(cmd, args) {
  const result = spawnSync(cmd, args, { stdio: 'inherit', env: process.env });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

// Settings that are fixed into the build: a change to them needs a rebuild too.
const buildSettings = JSON.stringify({
  allowedHosts: settings.ALLOWED_HOSTS.join(','),
  contentDir: settings.CONTENT_DIR,
});
const builtAt = existsSync(stamp) ? statSync(stamp).mtimeMs : 0;
const builtWith = existsSync(stamp) ? readFileSync(stamp, 'utf8') : '';
const changedAt = Math.max(...inputs.map((p) => newestMtime(join(root, p))));
if (!settings.SKIP_BUILD && (builtAt === 0 || changedAt > builtAt || builtWith !== buildSettings)) {
  console.log('Building the site...');
  // Astro keeps its content store between runs (node_modules/.astro, .astro). A store left by an
  // `astro sync` over another CONTENT_DIR (the content tests make one) has been seen to give a build
  // with an empty lessons collection, so a real build always starts from the files themselves.
  for (const dir of [join(root, 'node_modules', '.astro'), join(root, '.astro')]) rmSync(dir, { recursive: true, force: true });
  run(process.execPath, [join(root, 'node_modules', 'astro', 'astro.js'), 'build']);
  writeFileSync(stamp, buildSettings);
}

run(process.execPath, ['--import', 'tsx', join(root, 'scripts', 'setup.ts')]);

const host = settings.HOST;
const port = settings.PORT;
// Astro's handler renders the pages; the front door serves the static files and wraps it.
const frontDoor = await siteHandler(join(root, 'dist'), { trustProxy: settings.TRUST_PROXY, headers });
const server = applyServerLimits(createServer(frontDoor), { maxConnections: settings.MAX_CONNECTIONS });
server.listen(port, host, () => {
  console.log(`Serving on http://${host}:${port}`);
  // The mail sender and the daily jobs start with the first request: make one now, so mail
  // queued before a restart goes out without waiting for a visitor.
  const local = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  fetch(`http://${local.includes(':') ? `[${local}]` : local}:${port}/healthz`).catch(() => {});
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    // Keep-alive connections would hold close() open; give them a moment, then leave.
    setTimeout(() => process.exit(0), 3000).unref();
  });
}
