/**
 * `npm run bench`: what learners feel, measured on this machine, each page next to a baseline that
 * serves the very same bytes from memory. See bench/README.md for how to read the results.
 *
 * 1. Builds the site into bench/out/site (a copy of the project, so dist/ and .astro/ of the
 *    working tree are never touched) and times it. The copy also gets the "Astro floor" page:
 *    static text, no session, no database, no middleware work (floorPage below).
 * 2. Seeds a database in a temp folder: 10,000 learners with history (bench/fixture.ts).
 * 3. Load phases, each on a fresh server process run under `node --cpu-prof` (bench/serve.mjs, the
 *    same front door as `npm start`), driven by autocannon with worker threads: the signed-in
 *    lesson page, a page with no database work (/verify), the Astro floor, the same page in a bare
 *    Astro project (bareProject below), a static asset through the server, post-test submits and case decisions (both writing to the growing database). Each
 *    read phase is followed by its baseline: bench/baseline-server.mjs answering the bytes the app
 *    sent for that request (same status, headers and encoding) from memory.
 *    Every phase records the server's and the load generator's CPU, and the top functions of the
 *    server's CPU profile over the measured seconds.
 * 4. Certificate PDF: first downloads (a render each) against cached downloads, over HTTP.
 * 5. Measures the JavaScript and CSS each kind of page ships (bench/page-weight.ts).
 * 6. Times builds with 100 and 1,000 generated lessons.
 * Writes bench/results.md and bench/results.json. Timings are reported, never asserted.
 *
 * Options: --quick (3 s phases, no 1,000-lesson build), --no-scaling, --duration=<s>,
 * --connections=<n>, --workers=<n>, --phases=<keys> (only those load phases, e.g.
 * `--phases=lesson,noDb,submit`: no PDF, page weight or scaling builds, and the figures go to
 * bench/out/phases.json and the console, never to results.md: for before-and-after comparisons
 * while working, where a full run would take minutes from a shared machine).
 */
import { autocannon, type Request, type Result } from './autocannon';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { hashPassword } from '../src/lib/server/password';
import { freePort } from '../test/fixtures/free-port';
import { decisionFields } from '../test/fixtures/sim-candidates';
import { SCENARIO_ID, SUBMIT_COURSE, seedFixture, type Fixture } from './fixture';
import { pageWeight } from './page-weight';
import { monotonicMicros, processCpuSeconds, summarizeProfile, type ProfileSummary } from './profile';
import { ratiosOf, writeReport, type PdfTiming, type Phase, type RunFacts } from './report';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'bench', 'out');
const args = new Set(process.argv.slice(2));
const argValue = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const quick = args.has('--quick');
const DURATION = Number(argValue('duration') ?? (quick ? 3 : 10));
const WARMUP = quick ? 1 : 2;
const CONNECTIONS = Number(argValue('connections') ?? 50);
const WORKERS = Number(argValue('workers') ?? 2);
/** `--phases=lesson,noDb,floor,bare,asset,submit,decide`: a partial run (see the header). */
const ONLY = argValue('phases')?.split(',').map((k) => k.trim()).filter(Boolean);
const PHASE_KEYS = ['lesson', 'noDb', 'floor', 'bare', 'asset', 'submit', 'decide'];
const unknownPhase = ONLY?.find((k) => !PHASE_KEYS.includes(k));
if (unknownPhase) throw new Error(`--phases: no phase "${unknownPhase}" (phases: ${PHASE_KEYS.join(', ')})`);
const runs = (key: string) => !ONLY || ONLY.includes(key);
const SCALES = ONLY || args.has('--no-scaling') ? [] : quick ? [100] : [100, 1000];
const HOST = '127.0.0.1';
export const FLOOR_PATH = '/bench-floor';

const t0 = performance.now();
const elapsed = () => `${((performance.now() - t0) / 1000).toFixed(0).padStart(3)} s`;
const log = (msg: string) => console.log(`[bench ${elapsed()}] ${msg}`);

// ---------- processes ----------

const children: ChildProcess[] = [];
const stopping = new Set<ChildProcess>();
function startProcess(cmd: string, argv: string[], env: NodeJS.ProcessEnv, cwd = root): ChildProcess {
  const child = spawn(cmd, argv, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let tail = '';
  const keep = (d: Buffer) => (tail = (tail + d.toString()).slice(-4000));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  child.on('exit', (code) => {
    if (code && code !== 0 && !stopping.has(child)) console.error(`[bench] ${argv.join(' ')} exited with ${code}:\n${tail}`);
  });
  children.push(child);
  return child;
}
async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  stopping.add(child);
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 8000))]);
  if (child.exitCode === null) child.kill('SIGKILL');
}
process.on('exit', () => children.forEach((c) => c.exitCode === null && c.kill('SIGKILL')));
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(130));

async function waitFor(url: string, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
}

// ---------- building ----------

/** A copy of the project (no node_modules, no data) in which a build cannot disturb the working tree. */
function scratchProject(name: string, contentDir: string): string {
  const dir = join(out, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const entry of ['src', 'public', 'db', 'scripts', 'astro.config.mjs', 'tsconfig.json', 'package.json']) {
    cpSync(join(root, entry), join(dir, entry), { recursive: true, filter: (src) => !src.includes(`${join(root, 'db', 'data')}`) });
  }
  return dir;
}

/** Runs `astro build` (programmatic, with its cache inside the scratch folder) and returns wall seconds. */
function timedBuild(project: string, contentDir: string): number {
  const script = [
    "import { build } from 'astro';",
    `await build({ root: ${JSON.stringify(project)}, cacheDir: ${JSON.stringify(join(project, '.cache'))}, logLevel: 'warn' });`,
  ].join('\n');
  const started = performance.now();
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: project,
    env: { ...process.env, CONTENT_DIR: contentDir, ASTRO_TELEMETRY_DISABLED: '1', NODE_ENV: 'production' },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const seconds = (performance.now() - started) / 1000;
  if (r.status !== 0) throw new Error(`astro build failed in ${project}:\n${(r.stdout + r.stderr).slice(-4000)}`);
  return seconds;
}

/**
 * content/ with both minimum-time shares of the provider set to 0, so benchmark clients may finish
 * lessons at machine speed. The shipped content/provider.yaml keeps its defaults.
 */
function contentWithoutMinimumTime(): string {
  const dir = join(out, 'content-bench');
  rmSync(dir, { recursive: true, force: true });
  cpSync(join(root, 'content'), dir, { recursive: true });
  const provider = join(dir, 'provider.yaml');
  writeFileSync(provider, stringifyYaml({ ...parseYaml(readFileSync(provider, 'utf8')), minimumTime: { lessonShare: 0, courseShare: 0 } }));
  return dir;
}

/** content/ plus a generated, published course of `n` lessons made from the real lessons' bodies. */
function generatedContent(n: number): string {
  const dir = join(out, `content-${n}`);
  rmSync(dir, { recursive: true, force: true });
  cpSync(join(root, 'content'), dir, { recursive: true });
  const bodies: string[] = [];
  const courses = join(root, 'content', 'courses');
  for (const course of readdirSync(courses).sort()) {
    const lessons = join(courses, course, 'lessons');
    for (const file of readdirSync(lessons).sort()) {
      const source = readFileSync(join(lessons, file), 'utf8');
      const body = source.replace(/^---\r?\n[\s\S]*?\r?\n---\r?\n?/, '');
      // Cases belong to their own course; everything else an author may write stays.
      bodies.push(body.replace(/^<Simulation\b.*$/gm, ''));
    }
  }
  const course = join(dir, 'courses', 'generated-course');
  mkdirSync(join(course, 'lessons'), { recursive: true });
  writeFileSync(
    join(course, 'course.yaml'),
    `title: Generated course with ${n} lessons
summary: A course the bench generates to see how the build grows with content.
description: >-
  Generated by bench/run.ts from the bodies of the real lessons. Not part of the site.
ceHours: 2
format: self-instruction-online
agd:
  - code: '550'
    hours: 2
instructors: [sample-instructor]
objectives:
  - id: first-objective
    text: Do the first thing.
  - id: second-objective
    text: Do the second thing.
  - id: third-objective
    text: Do the third thing.
disclosure: No commercial support was received for this activity.
access: open
published: true
releaseDate: 2026-01-05
reviewDate: 2029-01-05
prerequisites: None
references: []
hoursBasis: content-estimate
credit: false
publicity:
  cost: free
  level: introductory
  hardware: A computer or tablet and an internet connection.
  software: A current web browser.
  creditExpires: 2029-01-05
`,
  );
  const objectives = ['first-objective', 'second-objective', 'third-objective'];
  for (let i = 1; i <= n; i++) {
    writeFileSync(
      join(course, 'lessons', `${String(i).padStart(4, '0')}-generated-lesson-${i}.mdx`),
      `---\ntitle: Generated lesson ${i}\norder: ${i}\nobjectives: [${objectives[(i - 1) % 3]}]\n---\n${bodies[(i - 1) % bodies.length]}`,
    );
  }
  return dir;
}


/**
 * The "Astro floor": a page of the same app that renders static text, with no session, no database
 * and no middleware work, so the report can tell the framework's cost from ours. Only the bench's
 * copy of the project gets it: the app's middleware is wrapped to step aside for that one path, and
 * the page says `Cache-Control: no-transform` so that the front door's compression (ours too,
 * scripts/compress-answers.mjs) steps aside as well: the floor is sent as Astro renders it.
 */
function floorPage(): string {
  const paragraph = 'Read each part of the lesson, answer the self-check, then move on to the next lesson when you are ready. ';
  const body = Array.from({ length: 40 }, (_, i) => `    <p>Paragraph ${i + 1}. ${paragraph.repeat(3)}</p>`).join('\n');
  return `---\n// Bench only (bench/run.ts): static text, no layout, no data, not compressed by the front door.\nAstro.response.headers.set('cache-control', 'no-transform');\n---\n<html lang="en">\n  <head><meta charset="utf-8" /><title>Astro floor</title></head>\n  <body>\n    <h1>Astro floor</h1>\n${body}\n  </body>\n</html>\n`;
}

function addFloorPage(project: string): void {
  writeFileSync(join(project, 'src', 'pages', `${FLOOR_PATH.slice(1)}.astro`), floorPage());
  renameSync(join(project, 'src', 'middleware.ts'), join(project, 'src', 'app-middleware.ts'));
  writeFileSync(
    join(project, 'src', 'middleware.ts'),
    `import { defineMiddleware } from 'astro:middleware';\nimport { onRequest as app } from './app-middleware';\nexport const onRequest = defineMiddleware((context, next) => (context.url.pathname === '${FLOOR_PATH}' ? next() : app(context, next)));\n`,
  );
}

/**
 * The floor page again, in a new Astro project of its own: that page alone, `output: 'server'` and
 * the Node adapter in standalone mode, served by the adapter's own server. Nothing of ours: no
 * front door, middleware, settings, integrations or CSP. Same astro and @astrojs/node as the app
 * (resolved from this repository's node_modules). Its row shows whether the app's setup adds
 * anything to the framework's own floor.
 */
function bareProject(): { dir: string; versions: string } {
  const dir = join(out, 'bare');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'src', 'pages'), { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'bench-bare-astro', private: true, type: 'module' }, null, 2));
  writeFileSync(
    join(dir, 'astro.config.mjs'),
    "import { defineConfig } from 'astro/config';\nimport node from '@astrojs/node';\n\nexport default defineConfig({ output: 'server', adapter: node({ mode: 'standalone' }) });\n",
  );
  writeFileSync(join(dir, 'src', 'pages', `${FLOOR_PATH.slice(1)}.astro`), floorPage());
  // The adapter's standalone server sets no signal handlers, and `node --cpu-prof` writes its profile
  // only when the process exits normally: the bench's stop (SIGTERM) must end it with exit().
  writeFileSync(join(dir, 'start.mjs'), "for (const s of ['SIGINT', 'SIGTERM']) process.on(s, () => process.exit(0));\nawait import('./dist/server/entry.mjs');\n");
  const r = spawnSync(process.execPath, [join(root, 'node_modules', 'astro', 'astro.js'), 'build'], {
    cwd: dir,
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', NODE_ENV: 'production' },
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`astro build failed in ${dir}:\n${(r.stdout + r.stderr).slice(-4000)}`);
  const version = (pkg: string) => (JSON.parse(readFileSync(join(root, 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string }).version;
  return { dir, versions: `astro ${version('astro')}, @astrojs/node ${version('@astrojs/node')}` };
}

// ---------- load ----------

const browserHeaders = {
  accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
  'accept-encoding': 'gzip, deflate, br',
  'accept-language': 'en-US,en;q=0.9',
  'user-agent': 'dental-ce-bench (autocannon)',
};
const ENCODING_SENT = browserHeaders['accept-encoding'];
const REQUESTS_MODULE = join(root, 'bench', 'load-requests.cjs');

/** A request definition filled in per request by bench/load-requests.cjs, inside autocannon's workers. */
function pooled(kind: 'session' | 'submit' | 'decide', pool: unknown[], extra: Record<string, unknown> = {}): Request {
  return { method: 'GET', setupRequest: REQUESTS_MODULE, kind, pool, slices: WORKERS, claimDir: mkdtempSync(join(tmpdir(), 'bench-claim-')), ...extra };
}

interface Running {
  name: string;
  child: ChildProcess;
  origin: string;
  profileDir: string;
}

/**
 * One fresh process per phase, under `node --cpu-prof`, so each phase has a profile of its own.
 * Each start takes a new free port and waits for `readyPath`; a process that dies first (another
 * program took the port in between) is started again on another.
 */
async function startServer(name: string, script: (port: number) => string[], env: NodeJS.ProcessEnv, readyPath: string): Promise<Running> {
  const profileDir = join(out, 'profiles', name);
  for (let attempt = 1; ; attempt++) {
    rmSync(profileDir, { recursive: true, force: true });
    mkdirSync(profileDir, { recursive: true });
    const port = await freePort();
    const child = startProcess(process.execPath, ['--cpu-prof', '--cpu-prof-dir', profileDir, ...script(port)], { ...env, HOST, PORT: String(port) });
    const origin = `http://${HOST}:${port}`;
    const died = new Promise<'died'>((r) => child.once('exit', () => r('died')));
    const ready = await Promise.race([waitFor(`${origin}${readyPath}`).then(() => 'ready' as const), died]);
    if (ready === 'ready') return { name, child, origin, profileDir };
    if (attempt === 3) throw new Error(`${name}: the server would not start`);
    log(`  ${name}: the server exited before it answered; starting it again on another port`);
  }
}

interface Captured {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}
/** One request with the load's own headers, the body kept exactly as sent (still compressed). */
function capture(origin: string, path: string, headers: Record<string, string>): Promise<Captured> {
  return new Promise((resolvePromise, reject) => {
    const req = httpRequest(`${origin}${path}`, { headers: { ...browserHeaders, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const kept: Record<string, string> = {};
        for (const [k, v] of Object.entries(res.headers)) {
          if (v === undefined || ['date', 'connection', 'keep-alive', 'transfer-encoding', 'content-length', 'set-cookie'].includes(k)) continue;
          kept[k] = Array.isArray(v) ? v.join(', ') : v;
        }
        resolvePromise({ status: res.statusCode ?? 0, headers: kept, body: Buffer.concat(chunks) });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/**
 * Warm-up, then the measured run. Records requests per second and latency, the server's and the
 * generator's CPU over the measured seconds, and (once the server has stopped) its profile summary.
 */
async function measure(
  key: string,
  label: string,
  server: Running,
  requests: { warmup: Request[]; measured: Request[] },
  facts: { what: string; encoding: string; baselineOf?: string },
): Promise<Phase> {
  const settings = { url: server.origin, connections: CONNECTIONS, workers: WORKERS, headers: browserHeaders, timeout: 30 };
  await autocannon({ ...settings, duration: WARMUP, requests: requests.warmup });
  log(`${label}: ${CONNECTIONS} connections, ${WORKERS} workers, ${DURATION} s...`);
  const genBefore = process.cpuUsage();
  const serverBefore = processCpuSeconds(server.child.pid);
  const from = monotonicMicros();
  const wallStart = performance.now();
  const result: Result = await autocannon({ ...settings, duration: DURATION, requests: requests.measured });
  const wall = (performance.now() - wallStart) / 1000;
  const to = monotonicMicros();
  const gen = process.cpuUsage(genBefore);
  const serverAfter = processCpuSeconds(server.child.pid);
  const total = result.requests.total || 1;
  const phase: Phase = {
    key,
    label,
    what: facts.what,
    encoding: facts.encoding,
    baselineOf: facts.baselineOf,
    connections: CONNECTIONS,
    workers: WORKERS,
    durationS: DURATION,
    warmupS: WARMUP,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    total: result.requests.total,
    bytesPerResponse: result.throughput.total / total,
    statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([c, s]) => [c, s.count])),
    errors: result.errors,
    timeouts: result.timeouts,
    serverCpuPct: serverBefore === null || serverAfter === null ? null : (100 * (serverAfter - serverBefore)) / wall,
    generatorCpuPct: (100 * (gen.user + gen.system)) / 1e6 / wall,
    window: { from, to },
  };
  const codes = Object.entries(phase.statusCodes).map(([c, n]) => `${c}×${n}`).join(' ');
  log(`  ${phase.rps.toFixed(0)} req/s, p50 ${phase.p50} ms, p99 ${phase.p99} ms (${codes}; errors ${phase.errors}); server CPU ${phase.serverCpuPct?.toFixed(0)} %, generator CPU ${phase.generatorCpuPct.toFixed(0)} %`);
  return phase;
}

/** Stops the server (which writes its profile on exit) and adds the profile's summary to its phases. */
async function finish(server: Running, phases: Phase[]): Promise<void> {
  await stopProcess(server.child);
  for (const phase of phases) {
    let summary: ProfileSummary | null = null;
    try {
      summary = summarizeProfile(server.profileDir, phase.window, root, ONLY ? 20 : 8);
    } catch (e) {
      log(`  no profile for ${server.name}: ${(e as Error).message}`);
    }
    phase.profile = summary ?? undefined;
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

// ---------- main ----------

async function main() {
  mkdirSync(out, { recursive: true });
  const git = (...a: string[]) => spawnSync('git', a, { cwd: root, encoding: 'utf8' }).stdout?.trim() ?? '';
  const facts: RunFacts = {
    date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
    node: process.version,
    cpu: `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'unknown CPU'}`,
    load: loadavg().map((l) => l.toFixed(2)).join(', '),
    commit: git('rev-parse', 'HEAD') || 'unknown',
    dirty: git('status', '--porcelain', '--', '.', ':!bench/results.md', ':!bench/results.json') !== '',
    connections: CONNECTIONS,
    workers: WORKERS,
    durationS: DURATION,
    warmupS: WARMUP,
    encodingSent: ENCODING_SENT,
  };
  log(`node ${facts.node}, ${facts.cpu}, load ${facts.load}, commit ${facts.commit.slice(0, 10)}${facts.dirty ? ' (with uncommitted changes)' : ''}`);

  // 1. Build.
  log('building the site (content as it is)...');
  const benchContent = contentWithoutMinimumTime();
  const site = scratchProject('site', benchContent);
  addFloorPage(site);
  const buildAsIs = timedBuild(site, benchContent);
  const lessonCount = readdirSync(join(root, 'content', 'courses')).reduce((s, c) => s + readdirSync(join(root, 'content', 'courses', c, 'lessons')).filter((f) => f.endsWith('.mdx')).length, 0);
  log(`  built in ${buildAsIs.toFixed(1)} s (${lessonCount} lessons)`);

  // 2. Seed.
  const tmp = mkdtempSync(join(tmpdir(), 'dental-ce-bench-'));
  const databasePath = join(tmp, 'bench.sqlite');
  log('seeding 10,000 learners...');
  const fixture: Fixture = seedFixture({ contentDir: join(root, 'content'), databasePath, passwordHash: await hashPassword('bench-password-not-secret'), openAttempts: 30_000 });
  log(`  seeded in ${fixture.seconds.toFixed(1)} s: ${Object.entries(fixture.rows).map(([t, n]) => `${t} ${n}`).join(', ')}`);
  const pdfCodes = await issueBenchCertificates(databasePath, fixture);

  const appEnv: NodeJS.ProcessEnv = {
    BENCH_DIST: join(site, 'dist'),
    DATABASE_PATH: databasePath,
    DATA_DIR: tmp,
    MIGRATIONS_DIR: join(root, 'db', 'migrations'),
    NODE_ENV: 'production',
  };
  const startApp = (name: string) => startServer(name, () => [join(root, 'bench', 'serve.mjs')], appEnv, '/healthz');
  const cookie = (token: string) => ({ cookie: `session=${token}` });

  // 3. Read phases, each with its baseline right after it.
  const lessonPath = `/courses/${SUBMIT_COURSE}/welcome`;
  const bare = runs('bare') ? bareProject() : null;
  const reads: Array<{ key: string; label: string; path: string; what: string; signedIn: boolean; start?: () => Promise<Running> }> = [
    { key: 'lesson', label: 'Lesson page, signed in', path: lessonPath, what: `\`GET ${lessonPath}\`, ${fixture.pageSessions.length} learners' sessions in turn`, signedIn: true },
    { key: 'noDb', label: 'Page with no database work', path: '/verify', what: '`GET /verify` (the verification form), signed out: no session, no database', signedIn: false },
    { key: 'floor', label: 'Astro floor', path: FLOOR_PATH, what: `\`GET ${FLOOR_PATH}\`: static text, no layout, no session, no database; the middleware and the front door's compression step aside`, signedIn: false },
    {
      key: 'bare',
      label: 'Bare Astro project, same page',
      path: FLOOR_PATH,
      what: `\`GET ${FLOOR_PATH}\`, the floor's page in a new project of its own (${bare?.versions ?? 'not built'}, standalone), served by the adapter's own server: none of our code`,
      signedIn: false,
      start: () => startServer('bare', () => [join(bare!.dir, 'start.mjs')], { NODE_ENV: 'production' }, FLOOR_PATH),
    },
    { key: 'asset', label: 'Static asset through the server', path: '/favicon.svg', what: '`GET /favicon.svg` through the front door', signedIn: false },
  ];
  const phases: Phase[] = [];
  const manifest: Record<string, { status: number; headers: Record<string, string>; body: string }> = {};
  const sessionTokens = fixture.pageSessions.map((s) => s.token);
  for (const read of reads.filter((r) => runs(r.key))) {
    const app = await (read.start ?? (() => startApp(read.key)))();
    const sample = await capture(app.origin, read.path, read.signedIn ? cookie(sessionTokens[0]!) : {});
    if (sample.status !== 200) throw new Error(`GET ${read.path} answered ${sample.status}`);
    manifest[read.path] = { status: sample.status, headers: sample.headers, body: sample.body.toString('base64') };
    const encoding = `${sample.headers['content-encoding'] ?? 'none'}; ${sample.body.length.toLocaleString('en-US')} body bytes`;
    const reqs = read.signedIn ? [pooled('session', sessionTokens, { path: read.path })] : [{ method: 'GET', path: read.path }];
    const phase = await measure(read.key, read.label, app, { warmup: reqs, measured: reqs }, { what: read.what, encoding });
    await finish(app, [phase]);
    phases.push(phase);

    const manifestPath = join(tmp, `baseline-${read.key}.json`);
    writeFileSync(manifestPath, JSON.stringify({ [read.path]: manifest[read.path] }));
    const base = await startServer(`${read.key}-baseline`, (port) => [join(root, 'bench', 'baseline-server.mjs'), manifestPath, String(port), HOST], {}, read.path);
    const plain = [{ method: 'GET', path: read.path }];
    const basePhase = await measure(`${read.key}Baseline`, `Baseline for: ${read.label.toLowerCase()}`, base, { warmup: plain, measured: plain }, {
      what: 'the same status, headers and body bytes from memory (bench/baseline-server.mjs)',
      encoding,
      baselineOf: read.key,
    });
    await finish(base, [basePhase]);
    phases.push(basePhase);
  }

  // 4. Write phases.
  const count = (table: string) => {
    const db = new Database(databasePath, { readonly: true, fileMustExist: true });
    try {
      return (db.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
    } finally {
      db.close();
    }
  };
  const growth: Record<string, [number, number]> = {};
  if (runs('submit')) {
    const app = await startApp('submit');
    const warmPool = fixture.submitPool.slice(0, 6_000);
    const pool = fixture.submitPool.slice(6_000);
    const before = count('quiz_responses');
    const origin = { origin: app.origin };
    const phase = await measure(
      'submit',
      'Post-test submit',
      app,
      { warmup: [pooled('submit', warmPool, { method: 'POST', course: SUBMIT_COURSE, headers: origin })], measured: [pooled('submit', pool, { method: 'POST', course: SUBMIT_COURSE, headers: origin })] },
      { what: `each request submits a different open attempt (\`POST /courses/${SUBMIT_COURSE}/test/<id>?_action=quiz.submit\`, 303 = success; ${pool.length.toLocaleString('en-US')} prepared)`, encoding: 'none (303, no body)' },
    );
    await finish(app, [phase]);
    growth.quiz_responses = [before, count('quiz_responses')];
    phases.push(phase);
  }
  if (runs('decide')) {
    const app = await startApp('decide');
    const before = count('simulation_decisions');
    const runs = (pool: Fixture['runPool']) =>
      fixture.simulationPath.map((decision, step) => pooled('decide', pool, { method: 'POST', path: '/_actions/simulation.decide', scenario: SCENARIO_ID, step, decisionFields: decisionFields(decision).toString(), headers: { origin: app.origin } }));
    const phase = await measure('decide', 'Case decision', app, { warmup: runs(fixture.runPool.slice(0, 2_000)), measured: runs(fixture.runPool.slice(2_000)) }, {
      what: `\`POST /_actions/simulation.decide\` (JSON), each connection plays runs of ${SCENARIO_ID} along its best path (${fixture.simulationPath.length} decisions a run)`,
      encoding: 'as the server chose for a small JSON body',
    });
    await finish(app, [phase]);
    growth.simulation_decisions = [before, count('simulation_decisions')];
    phases.push(phase);
  }

  if (ONLY) {
    // A partial run: figures for comparison while working, never the report.
    const ratios = ratiosOf(phases);
    writeFileSync(join(out, 'phases.json'), JSON.stringify({ facts, phases, growth, ratios }, null, 2));
    for (const p of phases) console.log(`${p.label.padEnd(48)} ${p.rps.toFixed(0).padStart(7)} req/s  p50 ${p.p50} ms  server CPU ${p.serverCpuPct?.toFixed(0)} %`);
    for (const [k, r] of Object.entries(ratios)) if (Number.isFinite(r)) console.log(`ratios.${k} ${r.toFixed(3)}`);
    for (const p of phases) if (p.profile) console.log(`${p.label}: ${p.profile.top.map((t) => `${t.fn} ${t.selfPct.toFixed(1)} %`).join('; ')}`);
    for (const p of phases) if (p.profile && !p.baselineOf) console.log(`${p.label} by part: ${Object.entries(p.profile.parts).map(([k, v]) => `${k} ${v.toFixed(1)} %`).join('; ')}`);
    rmSync(tmp, { recursive: true, force: true });
    log('done; written to bench/out/phases.json (partial run: results.md untouched)');
    return;
  }

  // 5. Certificate PDF and page weight, on one more server.
  const app = await startApp('pdf');
  log('timing certificate PDF downloads...');
  const pdf = await timePdf(app.origin, pdfCodes);
  log(`  first render ${pdf.firstMs.toFixed(1)} ms (median), cached ${pdf.cachedMs.toFixed(2)} ms (median)`);
  log('measuring JavaScript and CSS per page...');
  const viewer = cookie(fixture.viewer.token);
  const getPage = async (path: string) => {
    const r = await fetch(`${app.origin}${path}`, { headers: viewer, redirect: 'manual' });
    if (r.status !== 200) throw new Error(`GET ${path} answered ${r.status}`);
    return r.text();
  };
  const loader = async (path: string) => {
    const r = await fetch(`${app.origin}${path}`);
    return r.ok ? Buffer.from(await r.arrayBuffer()) : undefined;
  };
  const pages = [
    { label: 'plain lesson', path: lessonPath, budget: 'plainLessonJs' as const },
    { label: 'lesson with a simulation', path: `/courses/customer-service/when-it-goes-wrong`, budget: 'simulationPageJs' as const },
    { label: 'post-test (open attempt)', path: `/courses/${SUBMIT_COURSE}/test/${fixture.viewer.attemptId}` },
    { label: 'catalog', path: '/' },
  ];
  const weights = [];
  for (const p of pages) weights.push({ ...p, weight: await pageWeight(await getPage(p.path), loader, p.path) });
  await stopProcess(app.child);

  // 6. Build time as content grows.
  const builds: Array<{ label: string; lessons: number; seconds: number; note?: string }> = [{ label: 'content as it is', lessons: lessonCount, seconds: buildAsIs }];
  for (const n of SCALES) {
    log(`building with ${n} generated lessons...`);
    const contentDir = generatedContent(n);
    const project = scratchProject(`site-${n}`, contentDir);
    const seconds = timedBuild(project, contentDir);
    builds.push({ label: `+ ${n.toLocaleString('en-US')} generated lessons`, lessons: lessonCount + n, seconds, note: 'measured once' });
    log(`  built in ${seconds.toFixed(1)} s`);
    rmSync(project, { recursive: true, force: true });
    rmSync(contentDir, { recursive: true, force: true });
  }
  rmSync(tmp, { recursive: true, force: true });

  const md = writeReport(root, { facts, phases, growth, weights, pdf, builds, fixture });
  console.log(`\n${md}`);
  log(`done; written to bench/results.md and bench/results.json (total ${elapsed().trim()})`);
}

/** Certificates for the first learners with sessions, one each, so the PDF route has codes to render. */
async function issueBenchCertificates(databasePath: string, fixture: Fixture): Promise<Array<{ code: string; token: string }>> {
  const { openDatabase } = await import('../db/client');
  const { issueCertificate } = await import('../src/lib/server/certificates');
  const db = openDatabase(databasePath);
  const statement = (who: string) =>
    `Example Provider is an ${who} recognized provider. ${who} is a service of a national dental association to assist dental professionals in identifying quality providers of continuing dental education. ${who} does not approve or endorse individual courses or instructors, nor does it imply acceptance of credit hours by boards of dentistry.`;
  const codes: Array<{ code: string; token: string }> = [];
  try {
    for (const s of fixture.pageSessions.slice(0, 11)) {
      const { certificate } = issueCertificate(db, {
        userId: s.userId,
        course: SUBMIT_COURSE,
        verifyBase: 'https://ce.example.org',
        snapshot: {
          participant: { fullName: `Bench Learner ${s.userId}`, profession: 'hygienist', licenceState: 'CA', licenceNumber: `RDH ${100000 + s.userId}`, agdId: '123456' },
          course: { id: SUBMIT_COURSE, title: 'Sample course', ceHours: 2, format: 'self-instruction-online', agd: [{ code: '550', hours: 2 }] },
          provider: { name: 'Example Dental CE Provider', adaCerpId: '123456', agdPaceId: '654321', adaCerpStatement: statement('ADA CERP'), agdPaceStatement: statement('AGD PACE') },
          instructors: ['Dana Reyes, RDH, MS'],
          completedOn: '2026-03-14',
        },
      });
      codes.push({ code: certificate.code, token: s.token });
    }
  } finally {
    db.$client.close();
  }
  return codes;
}

/**
 * The certificate route over HTTP: one download in the fresh process (it also loads the fonts),
 * then a first download of each of ten other certificates (each a render), then three more
 * downloads of each (served from the cache). Medians.
 */
async function timePdf(origin: string, codes: Array<{ code: string; token: string }>): Promise<PdfTiming> {
  const download = async ({ code, token }: { code: string; token: string }) => {
    const started = performance.now();
    const r = await fetch(`${origin}/me/certificates/${code}.pdf`, { headers: { cookie: `session=${token}` } });
    const bytes = (await r.arrayBuffer()).byteLength;
    if (r.status !== 200) throw new Error(`certificate ${code} answered ${r.status}`);
    return { ms: performance.now() - started, bytes };
  };
  const [cold, ...rest] = codes;
  const coldRun = await download(cold!);
  const first: number[] = [];
  for (const c of rest) first.push((await download(c)).ms);
  const cached: number[] = [];
  for (let round = 0; round < 3; round++) for (const c of rest) cached.push((await download(c)).ms);
  return { coldMs: coldRun.ms, firstMs: median(first), firstRuns: first.length, cachedMs: median(cached), cachedRuns: cached.length, bytes: coldRun.bytes };
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
