/**
 * `npm run bench`: what learners feel, measured on this machine, next to a static-file baseline.
 *
 * 1. Builds the site into bench/out/site (a copy of the project, so dist/ and .astro/ of the
 *    working tree are never touched) and times it.
 * 2. Seeds a database in a temp folder: 10,000 learners with history (bench/fixture.ts).
 * 3. Serves the build on loopback through the same front door as `npm start` (bench/serve.mjs)
 *    and loads it with autocannon: the signed-in lesson page, the same HTML from a minimal static
 *    server, post-test submits and simulation decisions (both writing to the growing database).
 * 4. Measures the JavaScript and CSS each kind of page ships (bench/page-weight.ts), and the
 *    certificate PDF render time.
 * 5. Times builds with 100 and 1,000 generated lessons.
 * Prints a Markdown table and writes it to bench/results.md. Timings are reported, never asserted.
 *
 * Options: --quick (3 s phases, no 1,000-lesson build), --no-scaling, --duration=<s>, --connections=<n>.
 * BENCH_PROFILE=1 also writes a CPU profile of the server to bench/out/profiles; BENCH_COMPRESS=0 serves
 * without the front door's compression and cache headers (for an A/B comparison). See bench/README.md.
 */
import { autocannon, type Request, type Result } from './autocannon';
import Database from 'better-sqlite3';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { hashPassword } from '../src/lib/server/password';
import { freePort } from '../test/fixtures/free-port';
import { SCENARIO_ID, SUBMIT_COURSE, seedFixture, type Fixture } from './fixture';
import { BUDGETS, fmtKB, pageWeight, type PageWeight } from './page-weight';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'bench', 'out');
const args = new Set(process.argv.slice(2));
const argValue = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const quick = args.has('--quick');
const DURATION = Number(argValue('duration') ?? (quick ? 3 : 10));
const WARMUP = quick ? 1 : 2;
const CONNECTIONS = Number(argValue('connections') ?? 50);
const SCALES = args.has('--no-scaling') ? [] : quick ? [100] : [100, 1000];
const HOST = '127.0.0.1';

const t0 = performance.now();
const elapsed = () => `${((performance.now() - t0) / 1000).toFixed(0).padStart(3)} s`;
const log = (msg: string) => console.log(`[bench ${elapsed()}] ${msg}`);

// ---------- helpers ----------

const children: ChildProcess[] = [];
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
const stopping = new Set<ChildProcess>();
async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  stopping.add(child);
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
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
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
}

// ---------- building ----------

/** A copy of the project (no node_modules, no data) in which a build cannot disturb the working tree. */
function scratchProject(name: string, contentDir: string): string {
  const dir = join(out, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const entry of ['src', 'public', 'db', 'astro.config.mjs', 'tsconfig.json', 'package.json']) {
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

// ---------- load ----------

interface Phase {
  label: string;
  result: Result;
  bytesPerResponse: number;
  note?: string;
}

const browserHeaders = {
  accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
  'accept-encoding': 'gzip, deflate, br',
  'accept-language': 'en-US,en;q=0.9',
  'user-agent': 'dental-ce-bench (autocannon)',
};

async function load(label: string, url: string, requests: Request[], opts: { warmup?: boolean } = {}): Promise<Phase> {
  const settings = { url, connections: CONNECTIONS, headers: browserHeaders, timeout: 30 };
  if (opts.warmup !== false) await autocannon({ ...settings, duration: WARMUP, requests });
  log(`${label}: ${CONNECTIONS} connections for ${DURATION} s...`);
  const result = await autocannon({ ...settings, duration: DURATION, requests });
  const total = result.requests.total || 1;
  const phase = { label, result, bytesPerResponse: result.throughput.total / total };
  const codes = Object.entries(result.statusCodeStats ?? {}).map(([c, s]) => `${c}×${s.count}`).join(' ');
  log(`  ${result.requests.average.toFixed(0)} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms (${codes}; errors ${result.errors}, timeouts ${result.timeouts})`);
  return phase;
}

const form = (fields: Record<string, string | number>) =>
  Object.entries(fields)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
    .join('&');

// ---------- main ----------

async function main() {
  mkdirSync(out, { recursive: true });
  const facts = {
    date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
    node: process.version,
    cpu: `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'unknown CPU'}`,
    load: loadavg().map((l) => l.toFixed(2)).join(', '),
    commit: spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).stdout?.trim() || 'unknown',
    dirty: (spawnSync('git', ['status', '--porcelain'], { cwd: root, encoding: 'utf8' }).stdout ?? '').trim() !== '',
  };
  log(`node ${facts.node}, ${facts.cpu}, load ${facts.load}`);

  // 1. Build.
  log('building the site (content as it is)...');
  const benchContent = contentWithoutMinimumTime();
  const site = scratchProject('site', benchContent);
  const buildAsIs = timedBuild(site, benchContent);
  const lessonCount = readdirSync(join(root, 'content', 'courses')).reduce((s, c) => s + readdirSync(join(root, 'content', 'courses', c, 'lessons')).filter((f) => f.endsWith('.mdx')).length, 0);
  log(`  built in ${buildAsIs.toFixed(1)} s (${lessonCount} lessons)`);

  // 2. Seed.
  const tmp = mkdtempSync(join(tmpdir(), 'dental-ce-bench-'));
  const databasePath = join(tmp, 'bench.sqlite');
  log('seeding 10,000 learners...');
  const fixture: Fixture = seedFixture({ contentDir: join(root, 'content'), databasePath, passwordHash: await hashPassword('bench-password-not-secret'), openAttempts: 20_000 });
  log(`  seeded in ${fixture.seconds.toFixed(1)} s: ${Object.entries(fixture.rows).map(([t, n]) => `${t} ${n}`).join(', ')}`);

  // 3. Serve.
  const port = await freePort();
  const origin = `http://${HOST}:${port}`;
  // BENCH_PROFILE=1 writes a CPU profile of the server to bench/out/profiles (open it in Chrome DevTools).
  const profile = process.env.BENCH_PROFILE === '1' ? ['--cpu-prof', '--cpu-prof-dir', join(out, 'profiles')] : [];
  const server = startProcess(process.execPath, [...profile, join(root, 'bench', 'serve.mjs')], {
    BENCH_DIST: join(site, 'dist'),
    HOST,
    PORT: String(port),
    DATABASE_PATH: databasePath,
    DATA_DIR: tmp,
    MIGRATIONS_DIR: join(root, 'db', 'migrations'),
    NODE_ENV: 'production',
  });
  await waitFor(`${origin}/healthz`);
  log(`server up at ${origin}`);

  const cookieOf = (token: string) => `session=${token}`;
  const viewerCookie = cookieOf(fixture.viewer.token);
  const getPage = async (path: string, cookie = viewerCookie) => {
    const r = await fetch(`${origin}${path}`, { headers: { cookie }, redirect: 'manual' });
    if (r.status !== 200) throw new Error(`GET ${path} answered ${r.status}`);
    return r.text();
  };

  // 3a. The signed-in lesson page, and the same HTML as a static file.
  const lessonPath = `/courses/${SUBMIT_COURSE}/welcome`;
  const lessonHtml = await getPage(lessonPath);
  let next = 0;
  const lessonRequests: Request[] = [
    {
      method: 'GET',
      path: lessonPath,
      setupRequest: (req) => ({ ...req, headers: { ...req.headers, cookie: cookieOf(fixture.pageSessions[next++ % fixture.pageSessions.length]!.token) } }),
    },
  ];
  const lesson = await load('lesson page, signed in', origin, lessonRequests);

  const staticRoot = join(tmp, 'static');
  mkdirSync(join(staticRoot, 'courses', SUBMIT_COURSE), { recursive: true });
  writeFileSync(join(staticRoot, 'courses', SUBMIT_COURSE, 'welcome.html'), lessonHtml);
  const staticPort = await freePort();
  const staticServer = startProcess(process.execPath, ['--import', 'tsx', join(root, 'bench', 'static-server.ts'), staticRoot, String(staticPort), HOST], {});
  await waitFor(`http://${HOST}:${staticPort}${lessonPath}`);
  const stat = await load('same HTML, static file', `http://${HOST}:${staticPort}`, lessonRequests);
  await stopProcess(staticServer);

  // 3b. Post-test submits: each request submits a different open attempt (blank answers are allowed).
  const count = (table: string) => {
    const db = new Database(databasePath, { readonly: true, fileMustExist: true });
    try {
      return (db.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
    } finally {
      db.close();
    }
  };
  const responsesBefore = count('quiz_responses');
  let nextAttempt = 0;
  let submitExhausted = false;
  const submitRequests: Request[] = [
    {
      method: 'POST',
      setupRequest: (req) => {
        const item = fixture.submitPool[nextAttempt++];
        if (!item) submitExhausted = true;
        const { token, attemptId } = item ?? fixture.submitPool.at(-1)!;
        const path = `/courses/${SUBMIT_COURSE}/test/${attemptId}`;
        return {
          ...req,
          path: `${path}?_action=quiz.submit`,
          headers: { ...req.headers, cookie: cookieOf(token), origin, 'content-type': 'application/x-www-form-urlencoded' },
          body: form({ attempt: attemptId }),
        };
      },
    },
  ];
  const submit = await load('post-test submit', origin, submitRequests);
  const responsesAfter = count('quiz_responses');
  if (submitExhausted) submit.note = 'the prepared attempts ran out: some requests re-submitted the last one';

  // 3c. Simulation decisions: each connection plays runs along the best path, one decision per request.
  const decisionsBefore = count('simulation_decisions');
  let nextRun = 0;
  let runsExhausted = false;
  const decisionRequests: Request[] = fixture.simulationPath.map((d, i) => ({
    method: 'POST',
    path: '/_actions/simulation.decide',
    setupRequest: (req, ctx) => {
      if (i === 0 || !ctx.run) {
        const run = fixture.runPool[nextRun++];
        if (!run) runsExhausted = true;
        ctx.run = run ?? fixture.runPool.at(-1);
      }
      const run = ctx.run as Fixture['runPool'][number];
      const fields: Record<string, string | number> = { scenario: SCENARIO_ID, run: run.runId, node: d.node, kind: d.kind };
      if (d.kind === 'choice') fields.choice = d.choice;
      if (d.kind === 'input') fields.value = d.value;
      if (d.kind === 'form') for (const [k, v] of Object.entries(d.fields)) fields[`field:${k}`] = v;
      return {
        ...req,
        headers: { ...req.headers, accept: 'application/json', cookie: cookieOf(run.token), origin, 'content-type': 'application/x-www-form-urlencoded' },
        body: form(fields),
      };
    },
  }));
  const decide = await load('simulation decision', origin, decisionRequests);
  const decisionsAfter = count('simulation_decisions');
  if (runsExhausted) decide.note = 'the prepared runs ran out: later decisions were refused';

  // 4. Page weight, signed in as a member enrolled in both courses.
  log('measuring JavaScript and CSS per page...');
  const loader = async (path: string) => {
    const r = await fetch(`${origin}${path}`);
    return r.ok ? Buffer.from(await r.arrayBuffer()) : undefined;
  };
  const pages: Array<{ label: string; path: string; budgetJs?: number }> = [
    { label: 'plain lesson', path: lessonPath, budgetJs: BUDGETS.plainLessonJs },
    { label: 'lesson with a simulation', path: `/courses/customer-service/when-it-goes-wrong`, budgetJs: BUDGETS.simulationPageJs },
    { label: 'post-test (open attempt)', path: `/courses/${SUBMIT_COURSE}/test/${fixture.viewer.attemptId}` },
    { label: 'catalog', path: '/' },
  ];
  const weights: Array<{ label: string; path: string; budgetJs?: number; weight: PageWeight }> = [];
  for (const p of pages) weights.push({ ...p, weight: await pageWeight(await getPage(p.path), loader, p.path) });

  // 4b. Certificate PDF.
  log('timing the certificate PDF...');
  const pdf = await timePdf();

  await stopProcess(server);
  log('server stopped');

  // 5. Build time as content grows.
  const builds: Array<{ label: string; lessons: number; seconds: number | null; note?: string }> = [
    { label: 'content as it is', lessons: lessonCount, seconds: buildAsIs },
  ];
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

  // 6. Report.
  const ratio = lesson.result.requests.average / stat.result.requests.average;
  const md = report({ facts, lesson, stat, ratio, submit, decide, growth: { responsesBefore, responsesAfter, decisionsBefore, decisionsAfter }, weights, pdf, builds, fixture });
  writeFileSync(join(root, 'bench', 'results.md'), md);
  writeFileSync(
    join(out, 'results.json'),
    JSON.stringify({ facts, ratio, phases: [lesson, stat, submit, decide].map((p) => ({ label: p.label, rps: p.result.requests.average, p50: p.result.latency.p50, p99: p.result.latency.p99, statusCodes: p.result.statusCodeStats, bytesPerResponse: p.bytesPerResponse })), weights, pdf, builds }, null, 2),
  );
  console.log(`\n${md}`);
  log(`done; written to bench/results.md (total ${elapsed().trim()})`);
}

async function timePdf(): Promise<{ medianMs: number; coldMs: number; runs: number; bytes: number } | { reason: string }> {
  const modulePath = join(root, 'src', 'lib', 'server', 'pdf', 'certificate.ts');
  if (!existsSync(modulePath)) return { reason: 'src/lib/server/pdf/certificate.ts does not exist yet' };
  try {
    const mod = (await import(modulePath)) as { renderCertificatePdf?: (snapshot: unknown) => Promise<Uint8Array> };
    if (typeof mod.renderCertificatePdf !== 'function') return { reason: 'the PDF module has no renderCertificatePdf export' };
    const statement = (who: string) =>
      `Example Provider is an ${who} recognized provider. ${who} is a service of a national dental association to assist dental professionals in identifying quality providers of continuing dental education. ${who} does not approve or endorse individual courses or instructors, nor does it imply acceptance of credit hours by boards of dentistry. Concerns or complaints about a CE provider may be directed to the provider or to the commission.`;
    const snapshot = {
      participant: { fullName: 'Maya Nguyen-Alvarez', profession: 'hygienist', licenceState: 'CA', licenceNumber: 'RDH 123456', agdId: '123456' },
      course: { id: 'customer-service', title: 'Customer service that keeps patients', ceHours: 2, format: 'self-instruction-online', agd: [{ code: '550', hours: 2 }] },
      provider: { name: 'Example Dental CE Provider', adaCerpId: '123456', agdPaceId: '654321', adaCerpStatement: statement('ADA CERP'), agdPaceStatement: statement('AGD PACE') },
      instructors: ['Dana Reyes, RDH, MS'],
      completedOn: '2026-03-14',
      code: 'K7M2Q9X4T8ZC5',
      verifyUrl: 'https://ce.example.org/verify/K7M2-Q9X4-T8ZC-5',
    };
    let started = performance.now();
    const first = await mod.renderCertificatePdf(snapshot);
    const coldMs = performance.now() - started;
    const times: number[] = [];
    for (let i = 0; i < 30; i++) {
      started = performance.now();
      await mod.renderCertificatePdf(snapshot);
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    return { medianMs: (times[14]! + times[15]!) / 2, coldMs, runs: times.length, bytes: first.length };
  } catch (e) {
    return { reason: `rendering failed: ${(e as Error).message.split('\n')[0]}` };
  }
}

function report(r: {
  facts: { date: string; node: string; cpu: string; load: string; commit: string; dirty: boolean };
  lesson: Phase;
  stat: Phase;
  ratio: number;
  submit: Phase;
  decide: Phase;
  growth: { responsesBefore: number; responsesAfter: number; decisionsBefore: number; decisionsAfter: number };
  weights: Array<{ label: string; path: string; budgetJs?: number; weight: PageWeight }>;
  pdf: Awaited<ReturnType<typeof timePdf>>;
  builds: Array<{ label: string; lessons: number; seconds: number | null; note?: string }>;
  fixture: Fixture;
}): string {
  const n = (x: number) => Math.round(x).toLocaleString('en-US');
  const codes = (p: Phase) => Object.entries(p.result.statusCodeStats ?? {}).map(([c, s]) => `${c}: ${n(s.count)}`).join(', ') + (p.result.errors ? `; ${p.result.errors} errors` : '');
  const row = (what: string, p: Phase, notes: string) =>
    `| ${what} | ${n(p.result.requests.average)} | ${p.result.latency.p50} | ${p.result.latency.p99} | ${codes(p)} | ${notes}${p.note ? `; ${p.note}` : ''} |`;
  const kb = (b: number) => `${(b / 1000).toFixed(1)} KB`;
  const lines = [
    `# Bench results`,
    ``,
    `${r.facts.date}, commit ${r.facts.commit}${r.facts.dirty ? ' (with uncommitted changes)' : ''}, Node ${r.facts.node}, ${r.facts.cpu}, load average at start ${r.facts.load}.`,
    `Server and load generator share the machine, on loopback. Each load phase: autocannon, ${CONNECTIONS} connections, ${DURATION} s after a ${WARMUP} s warm-up, browser-like headers (\`Accept-Encoding: gzip, deflate, br\`)${process.env.BENCH_COMPRESS === '0' ? '; **front door compression and cache headers off (BENCH_COMPRESS=0)**' : ''}.`,
    `Database: ${n(r.fixture.learners)} learners with history (${Object.entries(r.fixture.rows).map(([t, c]) => `${t} ${n(c)}`).join(', ')}; these include the ${n(r.fixture.submitPool.length)} open attempts and ${n(r.fixture.runPool.length)} fresh runs prepared for the load). Timings are measurements on a shared, noisy machine; only the byte budgets are enforced (test/e2e/budgets.spec.ts).`,
    ``,
    `## Load`,
    ``,
    `| what | req/s | p50 ms | p99 ms | responses | notes |`,
    `|---|---:|---:|---:|---|---|`,
    row('Lesson page, signed in', r.lesson, `\`GET /courses/${SUBMIT_COURSE}/welcome\`, 50 learners' sessions; ${kb(r.lesson.bytesPerResponse)} per response on the wire, headers included`),
    row('Same HTML, static file', r.stat, `minimal node:http server (stat + stream, no compression) in its own process; ${kb(r.stat.bytesPerResponse)} per response; at this rate the single-threaded load generator is close to its own limit`),
    `| **Ratio, our page / static file** | **${r.ratio.toFixed(2)}** | ${(r.lesson.result.latency.p50 / Math.max(r.stat.result.latency.p50, 1)).toFixed(1)}× | ${(r.lesson.result.latency.p99 / Math.max(r.stat.result.latency.p99, 1)).toFixed(1)}× | | req/s ratio (1.00 = as fast as a static file); latency columns: how many times slower |`,
    row('Post-test submit', r.submit, `each request submits a different open attempt (\`?_action=quiz.submit\`, 303 = success); quiz_responses grew ${n(r.growth.responsesBefore)} → ${n(r.growth.responsesAfter)}`),
    row('Simulation decision', r.decide, `\`POST /_actions/simulation.decide\`, each connection plays runs of ${SCENARIO_ID} along the best path (${r.fixture.simulationPath.length} decisions per run); simulation_decisions grew ${n(r.growth.decisionsBefore)} → ${n(r.growth.decisionsAfter)}`),
    ``,
    `## Certificate PDF`,
    ``,
    `| what | result |`,
    `|---|---|`,
    'reason' in r.pdf
      ? `| median time to generate | not measured (${r.pdf.reason}) |`
      : `| median time to generate | **${r.pdf.medianMs.toFixed(1)} ms** (median of ${r.pdf.runs} renders in one process after a first, cold render of ${r.pdf.coldMs.toFixed(0)} ms that loads the fonts; ${kb(r.pdf.bytes)} PDF) |`,
    ``,
    `## JavaScript and CSS shipped (gzip, zlib default level 6; 1 KB = 1,000 bytes)`,
    ``,
    `| page | JS files | JS gzip | CSS gzip | JS budget | CSS budget |`,
    `|---|---:|---:|---:|---|---|`,
    ...r.weights.map(({ label, path, budgetJs, weight: w }) => {
      const jsBudget = budgetJs === undefined ? '—' : `${budgetJs === 0 ? '0 bytes' : fmtKB(budgetJs)}: ${w.jsGzip <= budgetJs ? 'met' : '**over**'}`;
      const cssBudget = `${fmtKB(BUDGETS.cssPerPage)}: ${w.cssGzip <= BUDGETS.cssPerPage ? 'met' : '**over**'}`;
      return `| ${label} (\`${path.replace(/\/test\/\d+$/, '/test/<attempt>')}\`) | ${w.scripts.length} | ${w.jsGzip ? kb(w.jsGzip) : '0'} | ${kb(w.cssGzip)} | ${jsBudget} | ${cssBudget} |`;
    }),
    ``,
    `Counted per page, each file once: external and inline scripts, each island's component and renderer modules, modulepreloads, and every module those import (statically or dynamically), followed recursively; linked stylesheets and inline \`<style>\`.`,
    ``,
    `## Build time as content grows`,
    ``,
    `| content | lessons | astro build |`,
    `|---|---:|---:|`,
    ...r.builds.map((b) => `| ${b.label} | ${n(b.lessons)} | ${b.seconds === null ? `not measured (${b.note})` : `${b.seconds.toFixed(1)} s`}${b.note && b.seconds !== null ? ` (${b.note})` : ''} |`),
    ``,
    `Generated lessons go into one new published course and reuse the real lessons' bodies (callouts, key terms, figures, checkpoints, tables), so each is a realistic MDX file.`,
    ``,
  ];
  return lines.join('\n');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
