/**
 * `npm run bench:reports`: the report pages on a large history. Seeds a fresh database with
 * 10,000 learners, 100,000 submitted post-test attempts (300,000 responses), 10,000 case runs,
 * evaluations and 5,000 certificates, starts the built server on loopback, and prints the median
 * of five requests per report page as a Markdown table. Measured, never asserted.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openDatabase } from '../db/client';
import { applyMigrations } from '../db/migrate';
import { createSession, generateSessionToken } from '../src/lib/server/session';

const LEARNERS = 10_000;
const ATTEMPTS_EACH = 10;
const dir = mkdtempSync(join(tmpdir(), 'bench-reports-'));
const path = join(dir, 'reports.sqlite');
const db = openDatabase(path);
applyMigrations(db);
const c = db.$client;
const now = Date.now();
const questions = ['resume-button', 'progress-saved', 'fdi-of-10', 'permanent-teeth', 'match-steps', 'steps-to-credit', 'agd-code'];
let seed = 42;
const rand = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
const started = Date.now();
c.transaction(() => {
  c.prepare("insert into users (email, password_hash, full_name, role, created_at, updated_at) values ('admin@bench.test', 'x', 'Bench Admin', 'admin', 0, 0)").run();
  const user = c.prepare("insert into users (email, password_hash, full_name, profession, created_at, updated_at) values (?, 'x', ?, 'hygienist', ?, ?)");
  const enrol = c.prepare('insert into enrollments (user_id, course, enrolled_at) values (?, ?, ?)');
  const lesson = c.prepare("insert into lesson_progress (user_id, course, lesson, first_viewed_at, completed_at) values (?, 'sample-course', ?, ?, ?)");
  const attempt = c.prepare("insert into quiz_attempts (user_id, course, questions, pass_mark, started_at, submitted_at, score, max_score, passed) values (?, 'sample-course', '[]', 70, ?, ?, ?, 3, ?)");
  const response = c.prepare('insert into quiz_responses (attempt_id, question_id, answer, points, max_points, correct) values (?, ?, ?, ?, 1, ?)');
  const evaluation = c.prepare("insert into evaluations (user_id, course, answers, submitted_at) values (?, 'sample-course', ?, ?)");
  const certificate = c.prepare("insert into certificates (code, user_id, course, snapshot, issued_at) values (?, ?, 'sample-course', ?, ?)");
  const run = c.prepare("insert into simulation_runs (user_id, scenario, state, started_at, finished_at, score, max_score, outcome, passed) values (?, 'upset-caller', '{}', ?, ?, 20, 35, ?, ?)");
  const decision = c.prepare("insert into simulation_decisions (run_id, seq, node, choice, input, points, ms_taken, at) values (?, ?, ?, ?, '{\"kind\":\"choice\"}', 1, ?, ?)");
  for (let i = 0; i < LEARNERS; i++) {
    const t = now - Math.floor(rand() * 300) * 86_400_000;
    const id = Number(user.run(`learner${i}@bench.test`, `Learner ${i}`, t, t).lastInsertRowid);
    enrol.run(id, 'sample-course', t);
    enrol.run(id, 'customer-service', t);
    for (const l of ['welcome', 'tooth-numbers', 'earning-credit']) lesson.run(id, l, t, t);
    for (let a = 0; a < ATTEMPTS_EACH; a++) {
      const score = Math.floor(rand() * 4);
      const aid = Number(attempt.run(id, t + a, t + a + 1, score, score >= 3 ? 1 : 0).lastInsertRowid);
      for (let q = 0; q < 3; q++) response.run(aid, questions[(a + q) % questions.length], JSON.stringify(q < score ? 'b' : 'c'), q < score ? 1 : 0, q < score ? 1 : 0);
    }
    if (i % 2 === 0) {
      evaluation.run(id, JSON.stringify({ 'objectives-met': 4, relevance: 5, instructor: 4, bias: false, minutes: 35 + (i % 20), comments: i % 100 === 0 ? 'Useful.' : null }), t);
      certificate.run(`BENCH${i}`, id, JSON.stringify({ participant: { fullName: `Learner ${i}`, profession: 'hygienist' }, course: { id: 'sample-course', title: 'Sample', ceHours: 0.5, format: 'self-instruction-online', agd: [{ code: '550', hours: 0.5 }] }, provider: { name: 'P', adaCerpStatement: 'a', agdPaceStatement: 'b' }, instructors: ['X'], completedOn: '2026-11-01', code: 'B', verifyUrl: 'http://localhost/verify/B' }), t);
    }
    const rid = Number(run.run(id, t, t + 1, i % 3 ? 'kept-loyal' : 'hung-up', i % 3 ? 1 : 0).lastInsertRowid);
    for (let s = 0; s < 5; s++) decision.run(rid, s, `n${s}`, `o${(i + s) % 3}`, 1000 + (i % 5000), t);
  }
})();
const token = generateSessionToken();
createSession(db, token, 1);
db.$client.close();
console.log(`seeded ${LEARNERS.toLocaleString('en-US')} learners and ${(LEARNERS * ATTEMPTS_EACH).toLocaleString('en-US')} attempts in ${((Date.now() - started) / 1000).toFixed(1)} s`);

const port = 4300 + Math.floor(Math.random() * 500);
const server = spawn(process.execPath, [resolve('scripts/start.mjs')], { env: { ...process.env, DATABASE_PATH: path, PORT: String(port), HOST: '127.0.0.1', ADMIN_PASSWORD: 'unused-bench-password' }, stdio: ['ignore', 'pipe', 'inherit'] });
const base = `http://127.0.0.1:${port}`;
for (let i = 0; i < 240; i++) {
  try {
    if ((await fetch(`${base}/healthz`)).ok) break;
  } catch {
    // not listening yet (the first start may build the site)
  }
  await new Promise((r) => setTimeout(r, 500));
}
const pages = ['/instructor', '/instructor/sample-course', '/instructor/sample-course?sort=difficulty&dir=desc', '/instructor/customer-service', '/instructor/sample-course/items.csv', '/instructor/sample-course/roster.csv', '/instructor/sample-course/evaluations.csv', '/instructor/sample-course/preview', '/admin/certificates?q=Learner', '/admin/audit', '/admin/users'];
const rows: string[] = [];
for (const page of pages) {
  const times: number[] = [];
  let status = 0;
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    const res = await fetch(`${base}${page}`, { headers: { cookie: `session=${token}`, 'accept-encoding': 'gzip, br' } });
    await res.arrayBuffer();
    times.push(performance.now() - t);
    status = res.status;
  }
  times.sort((a, b) => a - b);
  rows.push(`| \`${page}\` | ${status} | ${times[2]!.toFixed(0)} |`);
}
server.kill('SIGTERM');
rmSync(dir, { recursive: true, force: true });
console.log(`\n| report page | status | median ms (5 requests) |\n|---|---:|---:|\n${rows.join('\n')}`);
