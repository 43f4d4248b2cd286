/**
 * Bad input, sent over HTTP to the built server: every action (walked from the built `server` object) and
 * every page and endpoint (found by listing src/pages) gets random and hostile values (very long,
 * control characters, markup, SQL, right-to-left text, emoji), wrong types (files where text is
 * expected), missing and repeated fields, wrong content types, bodies over the limit and
 * cross-site posts. Expected: a 4xx with a message a person can read, nothing written, never a 5xx.
 *
 * Requests go through node:http rather than Playwright's request context, so a test can leave out
 * headers (no Content-Type, no Origin) and send bodies byte for byte. FUZZ_RUNS sets the number of
 * runs per property (default 30); each property runs at least 20 of them (or FUZZ_RUNS, if lower)
 * whatever the machine's speed, and only the runs past that floor stop on a time limit. A failure
 * prints fast-check's seed and smallest counterexample.
 * FUZZ_SEED fixes the seed: .ci/run sets one so that CI is reproducible, while a plain
 * `npm run test:e2e` draws a fresh seed each time and so keeps exploring new inputs.
 */
import { expect, test } from '@playwright/test';
import fc from 'fast-check';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse } from 'parse5';
import { PROFESSIONS, ROLES } from '../../db/schema';
import { createSession, generateSessionToken } from '~/lib/server/session';
import { bodyLimitFor } from '../../scripts/front-door.mjs';
import { completeLessons, e2eDb, emailedLink, makeUser, type TestUser } from '../fixtures/browser';

const RUNS = Number(process.env.FUZZ_RUNS ?? 30);
/** Every property runs at least this many cases, however slow the machine (FUZZ_RUNS may lower it). */
const MIN_RUNS = Math.min(RUNS, 20);
const SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);
if (SEED !== undefined) {
  if (!Number.isInteger(SEED)) throw new Error(`FUZZ_SEED must be an integer, not "${process.env.FUZZ_SEED}"`);
  fc.configureGlobal({ seed: SEED });
}

/**
 * Checks a property on `runs` cases. The first `min` always run, with no time limit: a limit alone
 * would let a property pass after a handful of cases on a slow machine. Cases past the minimum
 * run while `timeLimitMs` (counted from the start) allows, so a slow machine shortens the search
 * but never skips the floor.
 */
async function holds<Ts extends [unknown, ...unknown[]]>(property: fc.IAsyncPropertyWithHooks<Ts>, runs: number, opts: { min?: number; timeLimitMs?: number } = {}): Promise<void> {
  const min = Math.min(opts.min ?? MIN_RUNS, runs);
  const started = performance.now();
  await fc.assert(property, { numRuns: min });
  const left = opts.timeLimitMs === undefined ? Infinity : opts.timeLimitMs - (performance.now() - started);
  if (runs <= min || left <= 0) return;
  // A fixed seed would replay the first `min` cases: the rest start from the next seed.
  await fc.assert(property, {
    numRuns: runs - min,
    ...(SEED === undefined ? {} : { seed: SEED + 1 }),
    ...(Number.isFinite(left) ? { interruptAfterTimeLimit: Math.floor(left), markInterruptAsFailure: false } : {}),
  });
}
const port = Number(process.env.E2E_PORT);
const ORIGIN = `http://localhost:${port}`;
const root = join(import.meta.dirname, '..', '..');

// ---------------------------------------------------------------------------------------------
// What there is to fuzz, read from the source tree so a new action or page is covered at once.

/**
 * Every action as `group.name`, walked from the real `server` object of src/actions/index.ts as the
 * build compiled it (dist/server/entrypoint.mjs), so an action made by a factory counts like one
 * written out. Playwright starts the web server, which builds the app, before it loads this file.
 */
async function discoverActions(): Promise<string[]> {
  const entry = join(root, 'dist', 'server', 'entrypoint.mjs');
  if (!existsSync(entry)) throw new Error('dist/server/entrypoint.mjs is missing: run npm run build (the web server builds it before the tests load).');
  const { server } = (await import(pathToFileURL(entry).href)) as { server: Record<string, unknown> };
  const names: string[] = [];
  const walk = (node: unknown, path: string[]) => {
    // An Astro action is a function that also carries `orThrow`; groups are plain objects.
    if (typeof node === 'function' && 'orThrow' in node) names.push(path.join('.'));
    else if (node && typeof node === 'object') for (const [key, value] of Object.entries(node)) walk(value, [...path, key]);
  };
  walk(server, []);
  return names;
}

interface PageRoute {
  file: string;
  /** URL template with `{param}` for each dynamic segment. */
  template: string;
  params: string[];
}

/** Every page and endpoint under src/pages, as URL templates. */
function discoverPages(): PageRoute[] {
  const dir = join(root, 'src', 'pages');
  const walk = (d: string): string[] =>
    readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(d, e.name)) : [join(d, e.name)]));
  return walk(dir)
    .filter((f) => /\.(astro|ts|md|mdx)$/.test(f))
    .map((file) => {
      const rel = relative(dir, file).replace(/\\/g, '/').replace(/\.(astro|ts|md|mdx)$/, '');
      const template = ('/' + rel).replace(/\/index$/, '') || '/';
      const params = [...template.matchAll(/\[(?:\.\.\.)?(\w+)\]/g)].map((m) => m[1]!);
      return { file: relative(root, file), template: template.replace(/\[(?:\.\.\.)?(\w+)\]/g, '{$1}'), params };
    });
}

const ACTIONS = await discoverActions();
/** /500 is the error page itself: it answers 500 by design. */
const PAGES = discoverPages().filter((p) => p.template !== '/500');

/** The page whose form posts each action without JavaScript (`?_action=`); unknown ones post to the home page. */
function pageFor(action: string, ctx: Fixtures): string {
  const table: Record<string, string> = {
    'auth.login': '/login',
    'auth.signup': '/signup',
    'auth.updateProfile': '/me/profile',
    'auth.changePassword': '/me/profile',
    'auth.logoutAll': '/me/profile',
    'admin.setRole': '/admin/users',
    'admin.setMembership': '/admin/users',
    'admin.revokeCertificate': '/admin/certificates',
    'admin.reissueCertificate': '/admin/certificates',
    'admin.retryMail': '/admin/mail',
    'admin.sendPasswordReset': '/admin/users',
    'admin.grantAttemptException': '/admin/users',
    'admin.signOutUser': '/admin/users',
    'account.requestReset': '/forgot-password',
    'account.resetPassword': '/reset-password',
    'account.confirmEmail': '/verify-email',
    'account.resendConfirmation': '/me/profile',
    'account.setReminders': '/me/profile',
    'account.requestSignInLink': '/sign-in-link',
    'account.useSignInLink': '/sign-in-link',
    'progress.completeLesson': '/courses/sample-course/welcome',
    'quiz.start': '/courses/sample-course/test',
    'quiz.submit': `/courses/sample-course/test/${ctx.attemptId}`,
    'quiz.save': `/courses/sample-course/test/${ctx.attemptId}`,
    'simulation.decide': '/simulations/upset-caller',
    'simulation.restart': '/simulations/upset-caller',
    'evaluation.submit': '/courses/sample-course/evaluation',
    'ce.addExternal': '/me/ce',
    'ce.editExternal': '/me/ce',
    'ce.deleteExternal': '/me/ce',
    'ce.setTracker': '/me/ce',
  };
  return table[action] ?? '/';
}

// ---------------------------------------------------------------------------------------------
// HTTP without a browser.

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** Requests sent so far, so a property can show it really ran. */
let sent = 0;

function send(method: string, path: string, headers: Record<string, string | number> = {}, body?: Buffer): Promise<Reply> {
  sent++;
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: 'localhost', port, method, path, agent: false, headers: body ? { ...headers, 'content-length': body.length } : headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const wellFormed = (s: string) => (s as string & { toWellFormed(): string }).toWellFormed();

type FieldValue = string | { file: Buffer; filename: string; type: string };
type Form = Array<[string, FieldValue]>;

function urlencoded(form: Form): Buffer {
  const p = new URLSearchParams();
  for (const [k, v] of form) p.append(wellFormed(k), typeof v === 'string' ? wellFormed(v) : v.file.toString('latin1'));
  return Buffer.from(p.toString());
}

function multipart(form: Form): { body: Buffer; type: string } {
  const boundary = `----fuzz${randomBytes(12).toString('hex')}`;
  const parts: Buffer[] = [];
  const quote = (s: string) => wellFormed(s).replace(/["\r\n]/g, (c) => encodeURIComponent(c));
  for (const [k, v] of form) {
    if (typeof v === 'string') {
      parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${quote(k)}"\r\n\r\n${wellFormed(v)}\r\n`));
    } else {
      parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${quote(k)}"; filename="${quote(v.filename)}"\r\nContent-Type: ${v.type}\r\n\r\n`));
      parts.push(v.file, Buffer.from('\r\n'));
    }
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), type: `multipart/form-data; boundary=${boundary}` };
}

// ---------------------------------------------------------------------------------------------
// What the answers must look like.

/** The message a person would read in a response: the action error's message, the form error on the page, the text. */
function messageOf(r: Reply): string {
  const type = String(r.headers['content-type'] ?? '');
  if (type.includes('json')) {
    try {
      const j = JSON.parse(r.body) as { message?: string; error?: string; status?: unknown; issues?: Array<{ message?: string }>; fields?: Record<string, string[]> };
      // Action errors carry `message` (or `issues` for input errors); JSON APIs may answer with `error` or a `status` word.
      const status = typeof j.status === 'string' ? j.status : '';
      return [j.message ?? '', j.error ?? '', status, ...(j.issues ?? []).map((i) => i.message ?? ''), ...Object.values(j.fields ?? {}).flat()].join(' ').trim();
    } catch {
      return '';
    }
  }
  if (type.includes('html')) {
    const alert = /data-testid="(?:form-error|sim-error)"[^>]*>([\s\S]*?)<\/div>/.exec(r.body)?.[1];
    const main = /<main\b[^>]*>([\s\S]*?)<\/main>/.exec(r.body)?.[1];
    return (alert ?? main ?? '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
  }
  return r.body.trim();
}

/** Words a person can read: at least two words of letters, not an empty string or a code like UNSUPPORTED_MEDIA_TYPE. */
const human = (message: string) => message.length >= 8 && /\p{L}{2,}[^\p{L}_]+(\p{L}+[^\p{L}_]+)*\p{L}{2,}/u.test(message) && !/^[A-Z_]+$/.test(message.trim());

function expectAnswered(r: Reply, what: string): void {
  expect(r.status, `${what} answered ${r.status}: ${r.body.slice(0, 300)}`).toBeLessThan(500);
  if (r.status >= 400) expect(human(messageOf(r)), `${what} answered ${r.status} without a message a person can read: ${JSON.stringify(r.body.slice(0, 300))}`).toBe(true);
}

/** Row counts of every table but rate_limits (failed attempts count there by design), and a fingerprint of users. */
function dbState(): Record<string, number | string> {
  const sqlite = e2eDb().$client;
  // mail_attempts and job_runs are written by the background sender and the daily jobs, whenever
  // they run, not by the request under test: a delivery of mail queued by an earlier accepted
  // request would otherwise show up as a write (FUZZ_SEED=1682031137 did).
  const tables = sqlite.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not in ('rate_limits', 'mail_attempts', 'job_runs') order by name").pluck().all() as string[];
  const state: Record<string, number | string> = Object.fromEntries(tables.map((t) => [t, sqlite.prepare(`select count(*) from "${t}"`).pluck().get() as number]));
  // Sign-ins and failed sign-ins are written to the audit log on purpose (issue 16.10); nothing else may be.
  state.audit_log = sqlite.prepare("select count(*) from audit_log where action not like 'auth.%'").pluck().get() as number;
  state['users (content)'] = createHash('sha1').update(JSON.stringify(sqlite.prepare('select * from users order by id').all())).digest('hex');
  return state;
}

// ---------------------------------------------------------------------------------------------
// Values.

const HOSTILE = [
  '<img src=x onerror=alert(1)>',
  '"><script>alert(1)</script>',
  "'; DROP TABLE users; --",
  "' OR '1'='1",
  '1; DELETE FROM quiz_attempts',
  '\u202Eevil.exe\u202C',
  'مريم الحداد',
  '👩‍⚕️🦷✨',
  '\u0000\u0001\u0007\u001b[31mred\u007f',
  '../../../../etc/passwd',
  '%00%0d%0a',
  '{{7*7}}${7*7}',
  '__proto__',
  'constructor',
  'null',
  'NaN',
  '-1',
  '1e309',
  '0x7fffffff',
  '9007199254740993',
  ' ',
  '',
  '\r\n\r\n',
  '//evil.example/',
  'javascript:alert(1)',
];
const hostile: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 80 }) },
  // Very long, far beyond every field's limit (but under the 1 MB body limit once encoded).
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('a', '<', 'é', '🦷', ' '), fc.integer({ min: 1_000, max: 50_000 })).map(([c, n]) => c.repeat(n)) },
);
const fileValue: fc.Arbitrary<FieldValue> = fc.record({
  file: fc.oneof(
    fc.uint8Array({ maxLength: 2048 }).map((a) => Buffer.from(a)),
    fc.constant(Buffer.from('%PDF-1.4\n<</Type/Catalog>>\n%%EOF\n')),
    fc.constant(Buffer.from('MZ\x90\x00 not really an exe')),
  ),
  filename: fc.oneof(fc.constantFrom('certificate.pdf', '../../evil.sh', '<b>x</b>.png', 'a\u0000b.pdf'), hostile.map((s) => s.slice(0, 200))),
  type: fc.constantFrom('application/pdf', 'image/png', 'text/html', 'application/x-msdownload'),
});

interface Fixtures {
  learner: TestUser;
  member: TestUser;
  instructor: TestUser;
  admin: TestUser;
  victim: TestUser;
  attemptId: number;
  questionFields: string[];
  runId: number;
}

let counter = 0;
/** Plausible values for the fields the app's forms have, so runs get past the first check too. */
function validValues(ctx: Fixtures): Record<string, fc.Arbitrary<string>> {
  return {
    course: fc.constantFrom('sample-course', 'customer-service', 'medical-cross-coding', 'draft-example', 'no-such-course'),
    lesson: fc.constantFrom('welcome', 'tooth-numbers', 'earning-credit', 'no-such-lesson'),
    scenario: fc.constantFrom('upset-caller', 'broken-tooth-10', 'no-such-case'),
    run: fc.constantFrom(String(ctx.runId), '999999999', '0'),
    attempt: fc.constantFrom(String(ctx.attemptId), '999999999', '0'),
    node: fc.constantFrom('call-opens', 'no-such-node'),
    kind: fc.constantFrom('choice', 'input', 'form', 'continue', 'teleport'),
    choice: fc.constantFrom('a', 'b', 'c'),
    value: fc.constantFrom('D0140', 'K08.1', ''),
    ms: fc.constantFrom('1200', '-5', '1e12', 'soon'),
    // Ids of nothing, of the test's own victim account, and odd numbers: never another test's rows.
    userId: fc.constantFrom(String(ctx.victim.id), '987654321', '0', '-3', '2.5'),
    id: fc.constantFrom('987654321', '0', '-3', '2.5'),
    certificateId: fc.constantFrom('987654321', '0', '-3', '2.5'),
    role: fc.constantFrom(...ROLES, 'superuser'),
    until: fc.constantFrom('2030-06-30', '', '2027-02-30', '30/06/2030'),
    reason: fc.constantFrom('Issued in error', 'x'),
    email: fc.constantFrom(`fuzz${Date.now().toString(36)}${counter++}@fuzz.test`, ctx.learner.email, 'not-an-email', 'A@B'),
    password: fc.constantFrom('correct horse battery staple', ctx.learner.password, 'password', 'short'),
    currentPassword: fc.constantFrom(ctx.learner.password, 'wrong password here'),
    newPassword: fc.constantFrom('another long passphrase 42', 'password123', 'short'),
    fullName: fc.constantFrom('Pat Example', 'Zoë Ångström-Ñúñez', 'A'),
    profession: fc.constantFrom(...PROFESSIONS, 'astronaut'),
    licenceState: fc.constantFrom('CA', 'TX', '', 'ZZ'),
    licenceNumber: fc.constantFrom('RDH-12345', ''),
    licenceType: fc.constantFrom('dentist', 'hygienist', 'dental-assistant', 'pilot'),
    licenceExpiresOn: fc.constantFrom('2027-06-30', '', 'tomorrow'),
    birthMonth: fc.constantFrom('6', '13', ''),
    override: fc.constantFrom('30', '-1', ''),
    agdId: fc.constantFrom('123456', '', 'AGD 12'),
    provider: fc.constantFrom('Dental Academy', ''),
    title: fc.constantFrom('Infection control', ''),
    completedOn: fc.constantFrom('2025-03-14', '2999-01-01', '2025-13-40'),
    hours: fc.constantFrom('1.5', '0', '-2', '1.234', '1e309', 'two'),
    agdCode: fc.constantFrom('550', '', '55'),
    format: fc.constantFrom('live', 'live-online', 'self-study', 'maybe'),
    topics: fc.constantFrom('infection-control', 'bls', 'astrology', ''),
    approvals: fc.constantFrom('state-board', 'ada-cerp', 'bogus', ''),
    next: fc.constantFrom('/', '/me/profile', '//evil.example', 'https://evil.example/', '/\\evil.example', 'javascript:alert(1)'),
    minutes: fc.constantFrom('60', '-1', 'lots'),
  };
}

/** A form for `action`: its fields (some valid, some hostile, some files, some missing or repeated) and stray ones. */
function formFor(ctx: Fixtures, fields: string[]): fc.Arbitrary<Form> {
  const valid = validValues(ctx);
  const value = (name: string): fc.Arbitrary<FieldValue> =>
    fc.oneof(
      { weight: 3, arbitrary: Object.hasOwn(valid, name) ? valid[name]! : hostile },
      { weight: 3, arbitrary: hostile },
      { weight: 1, arbitrary: fileValue },
    );
  const names = fields.length ? fields : Object.keys(valid);
  const field = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...names) },
    { weight: 1, arbitrary: hostile.map((s) => s.slice(0, 100)) },
  );
  // Either every field once, each valid but one replaced, or a random bag of fields (missing and repeated ones).
  const nearlyValid = fc
    .tuple(fc.tuple(...names.map((n) => (Object.hasOwn(valid, n) ? valid[n]! : hostile).map((v): [string, FieldValue] => [n, v]))), fc.nat(names.length - 1), fc.oneof(hostile, fileValue as fc.Arbitrary<FieldValue>))
    .map(([all, i, bad]): Form => all.map(([n, v], j) => [n, j === i ? bad : v]));
  const bag = fc.array(fc.tuple(field, fc.constant(null)), { maxLength: 10 }).chain((keys) =>
    fc.tuple(...keys.map(([k]) => value(k).map((v): [string, FieldValue] => [k, v]))).map((pairs) => pairs as Form),
  );
  return fc.oneof(nearlyValid, bag);
}

/** The form fields of each action, as its page sends them. Actions not listed get every field name the app uses. */
function fieldsOf(action: string, ctx: Fixtures): string[] {
  const table: Record<string, string[]> = {
    'auth.signup': ['email', 'password', 'fullName', 'profession', 'licenceState', 'licenceNumber', 'agdId', 'next'],
    'auth.login': ['email', 'password', 'next'],
    'auth.logoutAll': [],
    'auth.updateProfile': ['fullName', 'profession', 'licenceState', 'licenceNumber', 'agdId'],
    'auth.changePassword': ['currentPassword', 'newPassword'],
    'admin.setRole': ['userId', 'role'],
    'admin.setMembership': ['userId', 'until'],
    'admin.revokeCertificate': ['certificateId', 'reason'],
    'admin.reissueCertificate': ['certificateId', 'reason'],
    'admin.retryMail': ['id'],
    'admin.sendPasswordReset': ['userId'],
    'admin.grantAttemptException': ['userId', 'course', 'kind'],
    'admin.signOutUser': ['userId'],
    'account.requestReset': ['email'],
    'account.resetPassword': ['token', 'newPassword'],
    'account.confirmEmail': ['token', 'next'],
    'account.resendConfirmation': [],
    'account.setReminders': ['reminders'],
    'account.requestSignInLink': ['email'],
    'account.useSignInLink': ['token', 'next'],
    'progress.completeLesson': ['course', 'lesson'],
    'quiz.start': ['course'],
    'quiz.submit': ['attempt', ...ctx.questionFields],
    'quiz.save': ['attempt', ...ctx.questionFields],
    'simulation.decide': ['scenario', 'run', 'node', 'kind', 'choice', 'value', 'field:name', 'field:dob', 'ms'],
    'simulation.restart': ['scenario'],
    'evaluation.submit': ['course', 'minutes', 'q1', 'q2'],
    'ce.addExternal': ['provider', 'title', 'completedOn', 'hours', 'agdCode', 'format', 'topics', 'approvals', 'file'],
    'ce.editExternal': ['id', 'provider', 'title', 'completedOn', 'hours', 'agdCode', 'format', 'topics', 'approvals'],
    'ce.deleteExternal': ['id'],
    'ce.setTracker': ['licenceState', 'licenceType', 'licenceExpiresOn', 'birthMonth', 'override'],
  };
  return table[action] ?? [];
}

// ---------------------------------------------------------------------------------------------
// Accounts and state the properties need.

function cookieFor(user: TestUser): string {
  const token = generateSessionToken();
  createSession(e2eDb(), token, user.id);
  return `session=${token}`;
}

type Who = 'anon' | 'learner' | 'member' | 'instructor' | 'admin';

/**
 * A cookie of a fresh session for each request: a fuzzed auth.logoutAll or auth.changePassword
 * ends the account's sessions, and the next request must still be signed in.
 */
function signedIn(as: Who): string {
  return as === 'anon' ? '' : cookieFor(fx[as]);
}

let fx: Fixtures;
let rateLimitsBefore: unknown[] = [];

test.beforeAll(async () => {
  // Failed sign-ins and sign-ups count against per-address limits shared with every other spec:
  // put the table back as it was when this file is done.
  rateLimitsBefore = e2eDb().$client.prepare('select * from rate_limits').all();
  const learner = await makeUser({ fullName: 'Fuzz Learner' });
  const member = await makeUser({ member: true, fullName: 'Fuzz Member' });
  const instructor = await makeUser({ role: 'instructor', fullName: 'Fuzz Instructor' });
  const admin = await makeUser({ role: 'admin', fullName: 'Fuzz Admin' });
  const victim = await makeUser({ fullName: 'Fuzz Victim' });
  completeLessons(learner.id, 'sample-course', ['welcome', 'tooth-numbers', 'earning-credit']);
  const learnerCookie = cookieFor(learner);
  // An open post-test attempt and a case run of the learner, for the fields that name them.
  const started = await send('POST', '/_actions/quiz.start', { origin: ORIGIN, cookie: learnerCookie, 'content-type': 'application/x-www-form-urlencoded' }, Buffer.from('course=sample-course'));
  expect(started.status, started.body).toBe(200);
  const attemptId = Number(/\/test\/(\d+)/.exec(started.body)?.[1]);
  const attemptPage = await send('GET', `/courses/sample-course/test/${attemptId}`, { cookie: learnerCookie });
  const questionFields = [...new Set([...attemptPage.body.matchAll(/name="(q:[^"]+)"/g)].map((m) => m[1]!))];
  expect(questionFields.length).toBeGreaterThan(0);
  const simPage = await send('GET', '/simulations/upset-caller', { cookie: learnerCookie });
  const runId = Number(/name="run" value="(\d+)"/.exec(simPage.body)?.[1]);
  expect(runId).toBeGreaterThan(0);
  fx = { learner, member, instructor, admin, victim, attemptId, questionFields, runId };
});

test.afterAll(() => {
  const sqlite = e2eDb().$client;
  sqlite.transaction(() => {
    sqlite.prepare('delete from rate_limits').run();
    const insert = sqlite.prepare('insert into rate_limits (key, window, count) values (@key, @window, @count)');
    for (const row of rateLimitsBefore) insert.run(row);
  })();
});

const who = fc.constantFrom<Who>('anon', 'learner', 'member', 'instructor', 'admin');

// ---------------------------------------------------------------------------------------------

test('names with markup are shown as text: the header, the profile and the admin list', async ({ page }) => {
  // Other specs sign up too; this sign-up must not meet their per-address limit.
  e2eDb().$client.prepare("delete from rate_limits where key like 'signup:%'").run();
  const name = '<img src=x onerror=alert(1)>';
  const email = `markup${Date.now().toString(36)}@fuzz.test`;
  const res = await send(
    'POST',
    '/signup?_action=auth.signup',
    { origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' },
    urlencoded([['email', email], ['password', 'a long and unusual passphrase 7'], ['fullName', name], ['profession', 'front-office'], ['next', '/me/profile']]),
  );
  // Sign-up answers "check your inbox" without a session; the emailed confirmation link signs in.
  expect(res.status, messageOf(res)).toBe(200);
  expect(res.headers['set-cookie'] ?? []).toEqual([]);
  const link = new URL(await emailedLink(email, '/verify-email'));
  const confirmed = await send(
    'POST',
    '/verify-email?_action=account.confirmEmail',
    { origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' },
    urlencoded([['token', link.searchParams.get('token')!], ['next', '/me/profile']]),
  );
  expect(confirmed.status, messageOf(confirmed)).toBe(303);
  const token = /session=([^;]+)/.exec(String(confirmed.headers['set-cookie']))?.[1];
  expect(token).toBeTruthy();
  const stored = e2eDb().$client.prepare('select full_name from users where email = ?').pluck().get(email);
  expect(stored).toBe(name);

  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.context().addCookies([{ name: 'session', value: token!, domain: 'localhost', path: '/', httpOnly: true, secure: true, sameSite: 'Lax' }]);
  for (const path of ['/me/profile', '/']) {
    await page.goto(path);
    await expect(page.getByTestId('signed-in-as')).toHaveText(name);
    expect(await page.locator('img[src="x"], img[onerror]').count(), `${path} created an <img> from the name`).toBe(0);
  }
  await page.goto('/me/profile');
  await expect(page.getByLabel('Full name')).toHaveValue(name);
  const html = await (await page.request.get('/me/profile')).text();
  // As text it is escaped; raw, it may only sit inside a quoted attribute value (the form field), where it is inert.
  expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  const raw = html.split(name).length - 1;
  const inAttributes = [...html.matchAll(/="[^"<>]*<img src=x onerror=alert\(1\)>[^"]*"/g)].length;
  expect(raw, 'the name appears unescaped outside an attribute value').toBe(inAttributes);

  const adminList = await send('GET', `/admin/users?q=${encodeURIComponent(email)}`, { cookie: signedIn('admin') });
  expect(adminList.status).toBe(200);
  expect(adminList.body).toContain(email);
  expect(adminList.body).toContain('&lt;img src=x onerror=alert(1)&gt;');
  expect(adminList.body.split(name).length - 1).toBe([...adminList.body.matchAll(/="[^"<>]*<img src=x onerror=alert\(1\)>[^"]*"/g)].length);
  expect(dialogs).toEqual([]);
});

test('a property runs its minimum number of cases even when its time is already up', async () => {
  let ran = 0;
  await holds(fc.asyncProperty(fc.nat(), async () => void ran++), 50, { min: 12, timeLimitMs: 0 });
  expect(ran).toBe(12);
  ran = 0;
  await holds(fc.asyncProperty(fc.nat(), async () => void ran++), 50, { min: 12 });
  expect(ran).toBe(50);
});

test('the actions under test come from the built server object, the pages from the source tree', () => {
  // A discovery that stopped working would silently fuzz nothing: these are the ones known today,
  // including the two email-link actions one factory builds.
  for (const known of ['auth.signup', 'auth.login', 'quiz.submit', 'simulation.decide', 'progress.completeLesson', 'admin.setRole', 'account.requestReset', 'account.requestSignInLink']) {
    expect(ACTIONS).toContain(known);
  }
  // 28 actions on 29 November 2026: auth 5, account 7, admin 6, progress 1, quiz 2, simulation 2, evaluation 1, ce 4.
  expect(ACTIONS.length).toBeGreaterThanOrEqual(28);
  expect(PAGES.map((p) => p.template)).toEqual(expect.arrayContaining(['/', '/login', '/signup', '/logout', '/healthz', '/courses/{course}/{lesson}', '/simulations/{id}']));
});

for (const action of ACTIONS) {
  test(`${action}: hostile values, files for text, missing and repeated fields get a 4xx with a message and write nothing`, async () => {
    const fields = fieldsOf(action, fx);
    const sentBefore = sent;
    await holds(
      fc.asyncProperty(formFor(fx, fields), who, fc.constantFrom('urlencoded', 'multipart'), fc.constantFrom('rpc', 'page'), async (form, as, encoding, via) => {
        const cookie = signedIn(as);
        const path = via === 'rpc' ? `/_actions/${action}` : `${pageFor(action, fx)}?_action=${action}`;
        // The page itself may record a first visit (a lesson view, a case run): let it, before counting.
        if (via === 'page') await send('GET', pageFor(action, fx), cookie ? { cookie } : {});
        const encoded = encoding === 'multipart' ? multipart(form) : { body: urlencoded(form), type: 'application/x-www-form-urlencoded' };
        const before = dbState();
        const r = await send('POST', path, { origin: ORIGIN, 'content-type': encoded.type, ...(cookie ? { cookie } : {}) }, encoded.body);
        const what = `POST ${path} as ${as} (${encoding}) with ${JSON.stringify(form).slice(0, 300)}`;
        expectAnswered(r, what);
        if (r.status >= 400) expect(dbState(), `${what} answered ${r.status} but changed the database`).toEqual(before);
      }),
      RUNS,
      { timeLimitMs: 40_000 },
    );
    expect(sent - sentBefore).toBeGreaterThanOrEqual(Math.min(RUNS, 10));
  });
}

const wrongBody = fc.oneof(
  fc.jsonValue().map((v) => ({ type: 'application/json', body: JSON.stringify(v ?? null) })),
  fc.record({ type: fc.constantFrom('text/plain', 'application/xml', 'application/octet-stream', 'application/x-www-form-urlencoded; charset=utf-16', 'multipart/form-data', 'image/png', ''), body: hostile }),
);

/** Posts a body of the wrong type to an action, the RPC way or as a page form. */
async function postWrongType(action: string, as: Who, via: 'rpc' | 'page', type: string, body: string) {
  const cookie = signedIn(as);
  const path = via === 'rpc' ? `/_actions/${action}` : `${pageFor(action, fx)}?_action=${action}`;
  if (via === 'page') await send('GET', pageFor(action, fx), cookie ? { cookie } : {});
  const before = dbState();
  const r = await send('POST', path, { origin: ORIGIN, ...(type ? { 'content-type': type } : {}), ...(cookie ? { cookie } : {}) }, Buffer.from(wellFormed(body)));
  return { r, before, what: `POST ${path} as ${as} with Content-Type ${JSON.stringify(type)} and body ${JSON.stringify(body.slice(0, 120))}` };
}

test('wrong content types (JSON, text, XML, none, garbage) to any action never get a 5xx and write nothing', async () => {
  // Every action, both ways, signed in, with the bodies most likely to trip a parser; then random ones.
  const problems: string[] = [];
  const bodies = [
    { type: 'multipart/form-data', body: '' },
    { type: 'multipart/form-data; boundary=fuzz', body: 'not a multipart body' },
    { type: 'application/x-www-form-urlencoded', body: '%%%&&&=%' },
    { type: 'text/plain', body: 'course=sample-course' },
    { type: 'application/json', body: '{"course":"sample-course"}' },
    { type: '', body: 'course=sample-course' },
  ];
  for (const action of ACTIONS) {
    for (const via of ['rpc', 'page'] as const) {
      for (const { type, body } of bodies) {
        for (const as of ['learner', 'member', 'admin'] as const) {
          const { r, before, what } = await postWrongType(action, as, via, type, body);
          if (r.status >= 500) problems.push(`${what} answered ${r.status}`);
          else if (r.status >= 400 && JSON.stringify(dbState()) !== JSON.stringify(before)) problems.push(`${what} answered ${r.status} but changed the database`);
        }
      }
    }
  }
  expect(problems, problems.join('\n')).toEqual([]);
  await holds(
    fc.asyncProperty(fc.constantFrom(...ACTIONS), who, fc.constantFrom<'rpc' | 'page'>('rpc', 'page'), wrongBody, async (action, as, via, { type, body }) => {
      const { r, before, what } = await postWrongType(action, as, via, type, body);
      expect(r.status, `${what} answered ${r.status}: ${r.body.slice(0, 300)}`).toBeLessThan(500);
      if (r.status >= 400) expect(dbState(), `${what} answered ${r.status} but changed the database`).toEqual(before);
    }),
    RUNS * 2,
    { timeLimitMs: 40_000 },
  );
});

test('wrong content types to any action are refused with a message a person can read', async () => {
  await holds(
    fc.asyncProperty(fc.constantFrom(...ACTIONS), who, fc.constantFrom<'rpc' | 'page'>('rpc', 'page'), wrongBody, async (action, as, via, { type, body }) => {
      const { r, what } = await postWrongType(action, as, via, type, body);
      expectAnswered(r, what);
    }),
    RUNS * 2,
    { timeLimitMs: 40_000 },
  );
});

test('a body that says it is JSON but is not gets a 4xx, never a 5xx', async () => {
  await holds(
    fc.asyncProperty(fc.constantFrom(...ACTIONS), fc.constantFrom('rpc', 'page'), fc.constantFrom('{', 'email=a&password=b', '{"email":', '<xml/>', 'undefined', "{'a':1}"), async (action, via, body) => {
      const path = via === 'rpc' ? `/_actions/${action}` : `${pageFor(action, fx)}?_action=${action}`;
      const cookie = signedIn('learner');
      const r = await send('POST', path, { origin: ORIGIN, 'content-type': 'application/json', cookie }, Buffer.from(body));
      expectAnswered(r, `POST ${path} with Content-Type application/json and body ${JSON.stringify(body)}`);
    }),
    Math.min(RUNS, 20),
  );
});

/** Posts to an action name that is not one of the app's actions; returns what was wrong with the answer, if anything. */
async function postUnknownAction(name: string, via: 'rpc' | 'page'): Promise<string | null> {
  const path = via === 'rpc' ? `/_actions/${encodeURIComponent(wellFormed(name))}` : `/?_action=${encodeURIComponent(wellFormed(name))}`;
  const cookie = signedIn('learner');
  const before = dbState();
  const r = await send('POST', path, { origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded', cookie }, Buffer.from('course=sample-course'));
  const what = `POST ${path} answered ${r.status}`;
  if (r.status >= 500) return `${what}: ${r.body.slice(0, 120)}`;
  // Through the action endpoint, a name that is no action is a 404 that says so; a page simply renders.
  if (via === 'rpc' && r.status !== 404) return `${what}, not 404: ${r.body.slice(0, 120)}`;
  if (r.status >= 400 && !human(messageOf(r))) return `${what} without a message a person can read: ${r.body.slice(0, 120)}`;
  if (JSON.stringify(dbState()) !== JSON.stringify(before)) return `${what} and changed the database`;
  return null;
}

test('an action name that does not exist gets a 404 with a message, and is never looked up on Object.prototype', async () => {
  // Names that exist on every object: `key in server` finds them, so they must be refused explicitly.
  const problems: string[] = [];
  for (const name of ['nope', 'auth.nope', 'auth', 'auth.login.extra', '__proto__', 'auth.__proto__', 'constructor', 'auth.constructor', 'toString', 'quiz.hasOwnProperty']) {
    for (const via of ['rpc', 'page'] as const) {
      const problem = await postUnknownAction(name, via);
      if (problem) problems.push(problem);
    }
  }
  expect(problems, problems.join('\n')).toEqual([]);
  await holds(
    fc.asyncProperty(hostile.map((s) => s.slice(0, 100)), fc.constantFrom<'rpc' | 'page'>('rpc', 'page'), async (name, via) => {
      fc.pre(!ACTIONS.includes(name));
      const problem = await postUnknownAction(name, via);
      expect(problem).toBeNull();
    }),
    Math.min(RUNS, 20),
  );
});

/** Sends only the first `sent` bytes of a body announced as `declared` bytes, and reads the reply. */
function partialPost(path: string, declared: number, sent: number, extraHeaders = ''): Promise<{ status: number; raw: string; ms: number }> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const socket = net.connect(port, 'localhost');
    let raw = '';
    socket.setTimeout(10_000, () => {
      socket.destroy();
      reject(new Error(`no answer to a ${declared}-byte body within 10 s: the server waits for the whole body`));
    });
    socket.on('data', (c) => {
      raw += c.toString('latin1');
      const status = /^HTTP\/1\.1 (\d{3})/.exec(raw)?.[1];
      if (status && raw.includes('\r\n\r\n')) {
        socket.destroy();
        resolve({ status: Number(status), raw, ms: Date.now() - started });
      }
    });
    socket.on('error', (e) => (raw ? undefined : reject(e)));
    socket.write(
      `POST ${path} HTTP/1.1\r\nHost: localhost:${port}\r\nOrigin: ${ORIGIN}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${declared}\r\n${extraHeaders}\r\n`,
    );
    socket.write(Buffer.alloc(sent, 'a'));
  });
}

test('bodies announced over the limit get 413 from the front door without it reading them', async () => {
  const before = dbState();
  for (const path of ['/_actions/auth.login', '/login?_action=auth.login', '/_actions/quiz.submit', '/signup?_action=auth.signup', '/logout', '/me/ce?_action=ce.addExternal']) {
    const limit = bodyLimitFor(path);
    // Announce more than the limit, send 16 KB, and wait: the answer must come without the rest.
    const r = await partialPost(path, limit + 1, 16 * 1024);
    expect(r.status, `${path}: ${r.raw.slice(0, 200)}`).toBe(413);
    expect(r.raw).toMatch(/The request is too large\. The limit is \d+ KB\./);
  }
  // Just under the limit is read and answered normally (a 4xx about the fields, not about size).
  const big = await send('POST', '/_actions/auth.login', { origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' }, Buffer.from(`email=${'a'.repeat(1000 * 1000)}&password=x`));
  expectAnswered(big, 'a 1 MB login form');
  expect(big.status).not.toBe(413);
  expect(dbState()).toEqual(before);
});

/**
 * A POST with `Transfer-Encoding: chunked` (no Content-Length), written to a raw socket so nothing
 * is buffered or rewritten on the way; resolves with the status line once the server answers.
 */
function chunkedPost(path: string, body: Buffer, chunkSize = 16 * 1024, delayMs = 0): Promise<{ status: number; raw: string }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, 'localhost');
    let raw = '';
    const done = () => {
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(raw)?.[1]);
      if (status) resolve({ status, raw });
      else reject(new Error(`no answer to a chunked ${body.length}-byte POST to ${path}: ${JSON.stringify(raw.slice(0, 100))}`));
    };
    socket.setTimeout(10_000, () => socket.destroy());
    socket.on('data', (c) => {
      raw += c.toString('latin1');
      if (raw.includes('\r\n\r\n')) socket.destroy();
    });
    socket.on('close', done);
    socket.on('error', () => undefined);
    socket.write(
      `POST ${path} HTTP/1.1\r\nHost: localhost:${port}\r\nOrigin: ${ORIGIN}\r\nContent-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n`,
    );
    const writeBody = () => {
      for (let i = 0; i < body.length && !socket.destroyed; i += chunkSize) {
        const chunk = body.subarray(i, i + chunkSize);
        socket.write(`${chunk.length.toString(16)}\r\n`);
        socket.write(chunk);
        socket.write('\r\n');
      }
      if (!socket.destroyed) socket.write('0\r\n\r\n');
    };
    // The body with the headers, or a moment later as a slow client sends it: both must be read whole.
    if (delayMs) setTimeout(writeBody, delayMs);
    else writeBody();
  });
}

test('chunked bodies (no Content-Length) are read like any other, and cut off with 413 past the limit', async () => {
  // The fuzzing above may have used up this account's failed sign-ins; the snapshot is put back afterwards.
  e2eDb().$client.prepare("delete from rate_limits where key like 'login:%'").run();
  const before = dbState();
  // A small chunked form is an ordinary request: the wrong password gets the usual 401 with its message,
  // whether the body comes with the headers or a little later, through the action endpoint or a page.
  const form = Buffer.from(`email=${encodeURIComponent(fx.learner.email)}&password=not-the-password`);
  for (const path of ['/_actions/auth.login', '/login?_action=auth.login']) {
    for (const delayMs of [0, 50]) {
      const small = await chunkedPost(path, form, 16 * 1024, delayMs);
      const what = `chunked POST ${path}, body ${delayMs ? `${delayMs} ms after` : 'with'} the headers`;
      expect(small.status, `${what}: ${small.raw.slice(0, 300)}`).toBe(401);
      expect(small.raw, what).toContain('That email and password do not match an account');
    }
  }
  // Past the limit the front door counts the bytes as they arrive and answers 413.
  const huge = await chunkedPost('/_actions/auth.login', Buffer.alloc(2 * 1024 * 1024, 'a'), 64 * 1024);
  expect(huge.status, huge.raw.slice(0, 300)).toBe(413);
  expect(dbState()).toEqual(before);
});

test('cross-site posts are refused with 403 and write nothing, even when the form is valid', async () => {
  await holds(
    fc.asyncProperty(
      fc.constantFrom(...ACTIONS),
      fc.constantFrom('rpc', 'page'),
      fc.constantFrom<string | null>(null, 'https://evil.example', 'null', `https://localhost:${port}`, `http://localhost:${port + 1}`, `http://evil.localhost:${port}`, `http://localhost:${port}.evil.example`),
      fc.constantFrom('application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'),
      async (action, via, origin, type) => {
        const path = via === 'rpc' ? `/_actions/${action}` : `${pageFor(action, fx)}?_action=${action}`;
        // A well-formed form a real page would send: only the origin is wrong.
        const form: Form = fieldsOf(action, fx).map((f) => [f, f === 'course' ? 'sample-course' : f === 'lesson' ? 'welcome' : f === 'scenario' ? 'upset-caller' : f === 'attempt' ? String(fx.attemptId) : 'x']);
        const encoded = type === 'multipart/form-data' ? multipart(form) : { body: urlencoded(form), type };
        const cookie = action.startsWith('admin.') ? signedIn('admin') : signedIn('member');
        const before = dbState();
        const r = await send('POST', path, { ...(origin === null ? {} : { origin }), 'content-type': encoded.type, cookie }, encoded.body);
        const what = `POST ${path} from ${origin ?? 'no origin'} as ${type}`;
        expect(r.status, `${what} answered ${r.status}: ${r.body.slice(0, 200)}`).toBe(403);
        expect(human(messageOf(r)), `${what}: ${r.body.slice(0, 200)}`).toBe(true);
        expect(dbState(), `${what} changed the database`).toEqual(before);
      },
    ),
    RUNS * 2,
  );
  // The sign-out endpoint too: a cross-site form must not end anyone's session.
  const cookie = cookieFor(fx.learner);
  const out = await send('POST', '/logout', { origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded', cookie }, Buffer.from('x=1'));
  expect(out.status).toBe(403);
  expect((await send('GET', '/me/profile', { cookie })).status).toBe(200);
});

/** Values for a page's path parameters: real ones, numbers, and hostile text. */
function paramValue(name: string): fc.Arbitrary<string> {
  const real: Record<string, string[]> = {
    course: ['sample-course', 'customer-service', 'medical-cross-coding', 'draft-example'],
    lesson: ['welcome', 'tooth-numbers', 'earning-credit'],
    id: ['upset-caller', 'broken-tooth-10', '1'],
    scenario: ['upset-caller', 'broken-tooth-10'],
    attempt: ['1', '2'],
    code: ['ABCD-EFGH-JKLM-N', '2222-2222-2222-2'],
  };
  return fc.oneof(
    { weight: 2, arbitrary: fc.constantFrom(...(real[name] ?? ['1'])) },
    { weight: 1, arbitrary: fc.constantFrom('0', '-1', '1.5', '99999999999999999999', '1e3', '%', '..', '.', '%2e%2e') },
    { weight: 3, arbitrary: hostile.map((s) => s.slice(0, 500)) },
    { weight: 1, arbitrary: fc.constant('MARKER') },
  );
}

/** Markup the page would run if it echoed it raw; escaped copies (&lt;, &quot;, \") are fine. */
const MARKER = (n: number) => `"><fzx${n}>`;

type Parsed = { nodeName: string; attrs?: Array<{ name: string }>; childNodes?: Parsed[]; content?: Parsed; value?: string };

/**
 * What a browser would make of an echoed marker, read with parse5 (the HTML standard's parser):
 * any `fzx…` element or attribute means the marker broke out of where it was put, and any `fzx`
 * inside a script means it reached code. A marker inside a quoted attribute whose quote was escaped
 * (`value="&#34;><fzx1>"`) is only text, which a regular expression cannot tell apart.
 */
function markupEchoes(html: string): string[] {
  const found: string[] = [];
  const walk = (node: Parsed, inScript: boolean) => {
    if (/^fzx\d+$/.test(node.nodeName)) found.push(`<${node.nodeName}> element`);
    for (const a of node.attrs ?? []) if (a.name.includes('fzx')) found.push(`${a.name} attribute on <${node.nodeName}>`);
    if (inScript && node.nodeName === '#text' && /(^|[^\\])"><fzx/.test(node.value ?? '')) found.push('an unescaped quote inside a script');
    for (const child of [...(node.childNodes ?? []), ...(node.content ? [node.content] : [])]) walk(child, inScript || node.nodeName === 'script');
  };
  walk(parse(html) as unknown as Parsed, false);
  return found;
}

test('the echo detector finds markup that broke out and lets escaped copies pass', () => {
  expect(markupEchoes('<p>Search: "><fzx1></p>')).toEqual(['<fzx1> element']);
  expect(markupEchoes('<input value=""><fzx2>">')).toEqual(['<fzx2> element']);
  expect(markupEchoes('<a title=x"><fzx3 fzxa=1>')).toContain('fzxa attribute on <fzx3>');
  expect(markupEchoes('<script>const q = ""><fzx4>";</script>')).toEqual(['an unescaped quote inside a script']);
  expect(markupEchoes('<input value="&#34;><fzx5>"><p>&quot;&gt;&lt;fzx6&gt;</p><script>const q = "\\"><fzx7>";</script>')).toEqual([]);
});

test('pages and endpoints: random path parameters and query strings never get a 5xx, an open redirect or echoed markup', async () => {
  let n = 0;
  await holds(
    fc.asyncProperty(
      fc.constantFrom(...PAGES).chain((route) => fc.tuple(fc.constant(route), fc.tuple(...route.params.map(paramValue)))),
      who,
      fc.dictionary(fc.constantFrom('next', 'q', 'page', 'signedOut', 'code', 'course', 'step', 'x'), fc.oneof(hostile.map((s) => s.slice(0, 300)), fc.constant('MARKER')), { maxKeys: 3 }),
      async ([route, params], as, query) => {
        const marker = MARKER(++n);
        let path = route.template;
        route.params.forEach((p, i) => {
          const v = params[i]!;
          // A few raw values ('%', '%2e%2e') test the server's URL decoding; everything else is encoded.
          path = path.replace(`{${p}}`, v === '%' || v.startsWith('%2') ? v : encodeURIComponent(wellFormed(v === 'MARKER' ? marker : v)));
        });
        const qs = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, wellFormed(v === 'MARKER' ? marker : v)])).toString();
        const url = qs ? `${path}?${qs}` : path;
        const cookie = signedIn(as);
        const r = await send('GET', url, cookie ? { cookie } : {});
        const what = `GET ${url.slice(0, 300)} as ${as}`;
        expectAnswered(r, what);
        const location = String(r.headers.location ?? '');
        if (r.status >= 300 && r.status < 400) {
          const target = new URL(location, ORIGIN);
          expect(target.origin, `${what} redirects off-site to ${location}`).toBe(ORIGIN);
        }
        if (String(r.headers['content-type'] ?? '').includes('html')) {
          expect(markupEchoes(r.body), `${what} echoed markup unescaped`).toEqual([]);
        }
      },
    ),
    Math.max(RUNS * 4, PAGES.length * 3),
    { min: Math.max(MIN_RUNS, PAGES.length), timeLimitMs: 45_000 },
  );
});

test('the sign-out endpoint takes any body and only ever signs out', async () => {
  await holds(
    fc.asyncProperty(formFor(fx, ['x']), fc.constantFrom('urlencoded', 'multipart'), async (form, encoding) => {
      const cookie = cookieFor(fx.member);
      const encoded = encoding === 'multipart' ? multipart(form) : { body: urlencoded(form), type: 'application/x-www-form-urlencoded' };
      const r = await send('POST', '/logout', { origin: ORIGIN, 'content-type': encoded.type, cookie }, encoded.body);
      expect(r.status, r.body.slice(0, 200)).toBe(303);
      expect(new URL(String(r.headers.location), ORIGIN).origin).toBe(ORIGIN);
    }),
    Math.min(RUNS, 15),
  );
});
