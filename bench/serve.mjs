// Serves a build made by the bench exactly as `npm start` serves dist/: Astro's standalone
// handler inside our front door (scripts/front-door.mjs). The bench builds into bench/out/ so
// that it never replaces the dist/ another process may be serving.
//   BENCH_DIST=<outDir> HOST=127.0.0.1 PORT=... DATABASE_PATH=... node bench/serve.mjs
import { createServer } from 'node:http';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { applyServerLimits, createFrontDoor } from '../scripts/front-door.mjs';

const dist = resolve(process.env.BENCH_DIST ?? 'dist');
const host = process.env.HOST || '127.0.0.1';
const port = Number(process.env.PORT || 4321);
process.env.ASTRO_NODE_AUTOSTART = 'disabled';
const { handler } = await import(pathToFileURL(join(dist, 'server', 'entry.mjs')).href);
// BENCH_COMPRESS=0 turns the front door's compression and cache headers off, for an A/B comparison.
const compress = process.env.BENCH_COMPRESS !== '0';
const server = applyServerLimits(createServer(createFrontDoor(handler, { trustProxy: Number(process.env.TRUST_PROXY ?? 0), compress })));
server.listen(port, host, () => console.log(`Serving on http://${host}:${port}`));
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 2000).unref();
  });
}
