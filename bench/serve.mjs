// Serves a build made by the bench exactly as `npm start` serves dist/: the front door
// (scripts/front-door.mjs siteHandler: static files from memory, Astro's handler for pages) with
// the same security headers. The bench builds into bench/out/ so that it never replaces the dist/
// another process may be serving.
//   BENCH_DIST=<outDir> HOST=127.0.0.1 PORT=... DATABASE_PATH=... node bench/serve.mjs
import { createServer } from 'node:http';
import { resolve } from 'node:path';
import { applyServerLimits, siteHandler } from '../scripts/front-door.mjs';
import { readServerSettings } from '../scripts/server-settings.mjs';

const dist = resolve(process.env.BENCH_DIST ?? 'dist');
const host = process.env.HOST || '127.0.0.1';
const port = Number(process.env.PORT || 4321);
// Read in a child process, as npm start does, so this process never loads tsx's module hooks.
const { settings, headers } = readServerSettings();
const handler = await siteHandler(dist, { trustProxy: settings.TRUST_PROXY, headers });
const server = applyServerLimits(createServer(handler), { maxConnections: settings.MAX_CONNECTIONS });
server.listen(port, host, () => console.log(`Serving on http://${host}:${port}`));
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 2000).unref();
  });
}
