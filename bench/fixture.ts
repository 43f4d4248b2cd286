/**
 * The bench's database: 10,000 learners with a plausible history (enrolments, lesson progress,
 * submitted post-test attempts with their responses, simulation runs with their decisions), plus
 * the sessions and prepared rows the load phases use. Rows are written with better-sqlite3
 * prepared statements, one transaction per table, so seeding takes seconds.
 *
 * Quiz snapshots and simulation states are made with the app's own domain code (drawAttempt,
 * scoreAttempt, replayRun), so the server reads them exactly as it reads its own rows.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { openDatabase } from '../db/client';
import { applyMigrations } from '../db/migrate';
import { PROFESSIONS } from '../db/schema';
import { drawAttempt, mulberry32, type Rng } from '../src/lib/domain/quiz/draw';
import { scoreAttempt } from '../src/lib/domain/quiz/scoring';
import type { Answers, DrawnQuestion } from '../src/lib/domain/quiz/snapshot';
import { validateScenario } from '../src/lib/domain/simulation/graph';
import { replayRun, startRun, type RunState } from '../src/lib/domain/simulation/engine';
import type { Decision, Scenario } from '../src/lib/shared/schemas/simulation';
import { quizBankSchema, type QuizBank } from '../src/lib/shared/schemas/quiz';
import { generateSessionToken, sessionIdFromToken } from '../src/lib/server/session';

export interface FixtureOptions {
  contentDir: string;
  databasePath: string;
  /** One argon2 hash reused for every account (hashing 10,000 passwords would take minutes). */
  passwordHash: string;
  learners?: number;
  /** Learners whose sessions load the lesson page (one per connection). */
  pageSessions?: number;
  /** Open post-test attempts prepared for the submit phase, each submitted once. */
  openAttempts?: number;
  /** Fresh simulation runs prepared for the decision phase. */
  freshRuns?: number;
  seed?: number;
}

export interface SessionRef {
  userId: number;
  token: string;
}

export interface Fixture {
  learners: number;
  rows: Record<string, number>;
  /** Signed-in learners for the lesson page (members, enrolled, with history). */
  pageSessions: SessionRef[];
  /** One open attempt per entry, for `/courses/sample-course/test/<id>?_action=quiz.submit`. */
  submitPool: Array<{ token: string; attemptId: number }>;
  /** One fresh run per entry of `upset-caller`, played along `simulationPath`. */
  runPool: Array<{ token: string; runId: number }>;
  /** The decisions of the scenario's best path, from its start to a good end. */
  simulationPath: Decision[];
  /** A learner with an open attempt whose page is only looked at (page weight), never submitted. */
  viewer: SessionRef & { attemptId: number };
  seconds: number;
}

export const SUBMIT_COURSE = 'sample-course';
export const SCENARIO_ID = 'upset-caller';

interface CourseInfo {
  id: string;
  lessons: string[];
  access: 'open' | 'members';
  published: boolean;
  quiz?: string;
}

function readCourses(contentDir: string): CourseInfo[] {
  const dir = join(contentDir, 'courses');
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => {
      const data = parseYaml(readFileSync(join(dir, d.name, 'course.yaml'), 'utf8')) as { access: 'open' | 'members'; published: boolean; quiz?: string };
      const lessons = readdirSync(join(dir, d.name, 'lessons'))
        .map((f) => /^(\d+)-([a-z0-9-]+)\.mdx$/.exec(f))
        .filter((m): m is RegExpExecArray => !!m)
        .sort((a, b) => Number(a[1]) - Number(b[1]))
        .map((m) => m[2]!);
      return { id: d.name, lessons, access: data.access, published: data.published, quiz: data.quiz };
    })
    .filter((c) => c.published && c.lessons.length > 0);
}

function readBank(contentDir: string, id: string): QuizBank {
  return quizBankSchema.parse(parseYaml(readFileSync(join(contentDir, 'quizzes', `${id}.yaml`), 'utf8')));
}

export function readScenario(contentDir: string, id = SCENARIO_ID): { scenario: Scenario; best: Decision[] } {
  const v = validateScenario(id, parseYaml(readFileSync(join(contentDir, 'simulations', `${id}.yaml`), 'utf8')));
  if (!v.ok) throw new Error(v.errors.join('\n'));
  return { scenario: v.scenario, best: v.analysis.bestChoices };
}

/** A learner's answers as a mix of right-looking, wrong and blank, so scores spread like real ones. */
function someAnswers(questions: DrawnQuestion[], rng: Rng): Answers {
  const answers: Answers = {};
  for (const q of questions) {
    const roll = rng();
    if (roll < 0.1) continue;
    if (q.type === 'single') {
      const right = q.options.find((o) => o.correct)?.id;
      answers[q.id] = roll < 0.75 && right ? right : q.options[Math.floor(rng() * q.options.length)]!.id;
    } else if (q.type === 'multiple') {
      answers[q.id] = roll < 0.6 ? q.options.filter((o) => o.correct).map((o) => o.id) : [q.options[0]!.id];
    } else if (q.type === 'true-false') {
      answers[q.id] = roll < 0.75 ? q.answer : !q.answer;
    }
  }
  return answers;
}

export function seedFixture(opts: FixtureOptions): Fixture {
  const started = performance.now();
  const learners = opts.learners ?? 10_000;
  const pageSessionCount = opts.pageSessions ?? 50;
  const openAttempts = opts.openAttempts ?? 15_000;
  const freshRuns = opts.freshRuns ?? 10_000;
  const rng = mulberry32(opts.seed ?? 20_260_105);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;

  const db = openDatabase(opts.databasePath);
  applyMigrations(db);
  const sqlite = db.$client;
  // Seeding only: the server reopens the file with the app's own pragmas.
  sqlite.pragma('synchronous = OFF');

  const courses = readCourses(opts.contentDir);
  const banks = new Map(courses.filter((c) => c.quiz).map((c) => [c.id, readBank(opts.contentDir, c.quiz!)]));
  const { scenario, best } = readScenario(opts.contentDir);
  const scenarioCourse = scenario.course;
  const submitCourse = courses.find((c) => c.id === SUBMIT_COURSE);
  if (!submitCourse || !banks.has(SUBMIT_COURSE)) throw new Error(`the bench needs the course "${SUBMIT_COURSE}" with a post-test`);
  if (!courses.some((c) => c.id === scenarioCourse)) throw new Error(`the bench needs the course "${scenarioCourse}" of scenario ${SCENARIO_ID}`);

  const now = Date.now();
  const DAY = 86_400_000;
  const year = 365 * DAY;
  const states = ['CA', 'TX', 'FL', 'NY', 'OH', 'WA', 'IL', 'PA', null];
  const first = ['Ana', 'Ben', 'Chloe', 'Dev', 'Elena', 'Farid', 'Grace', 'Hugo', 'Ines', 'Jamal', 'Kim', 'Luis', 'Maya', 'Noor', 'Omar', 'Priya'];
  const last = ['Alvarez', 'Brown', 'Chen', 'Diaz', 'Evans', 'Fischer', 'Garcia', 'Hughes', 'Ito', 'Johnson', 'Khan', 'Lopez', 'Miller', 'Nguyen'];

  // --- users: learners 1..N, then a few staff ---
  const insertUser = sqlite.prepare(
    `insert into users (id, email, password_hash, full_name, role, profession, licence_state, licence_number, member_until, created_at, updated_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const createdAt: number[] = [];
  sqlite.transaction(() => {
    for (let id = 1; id <= learners; id++) {
      const joined = now - Math.floor(rng() * 2 * year);
      createdAt[id] = joined;
      const state = pick(states);
      // Two learners in five are club members; the page-load learners all are.
      const member = id <= pageSessionCount || rng() < 0.4 ? now + Math.floor(rng() * year) + DAY : null;
      insertUser.run(
        id,
        `learner${String(id).padStart(5, '0')}@bench.test`,
        opts.passwordHash,
        `${pick(first)} ${pick(last)}`,
        'learner',
        pick(PROFESSIONS),
        state,
        state ? `${state}-${100000 + id}` : null,
        member,
        joined,
        joined,
      );
    }
    insertUser.run(learners + 1, 'admin@bench.test', opts.passwordHash, 'Bench Admin', 'admin', 'other', null, null, null, now, now);
    insertUser.run(learners + 2, 'instructor@bench.test', opts.passwordHash, 'Bench Instructor', 'instructor', 'dentist', null, null, null, now, now);
  })();

  // --- who takes what: every learner is enrolled in 1 to 3 courses ---
  type Plan = { userId: number; course: CourseInfo; enrolledAt: number; read: number };
  const plans: Plan[] = [];
  const submitters: number[] = [];
  const runners: number[] = [];
  for (let id = 1; id <= learners; id++) {
    const page = id <= pageSessionCount;
    // The pool learners (attempts to submit, runs to play) have read every lesson first.
    const submitter = !page && submitters.length * 3 < openAttempts && id % 2 === 0;
    const runner = !page && !submitter && runners.length * 5 < freshRuns;
    const chosen = new Set<CourseInfo>();
    if (page || submitter) chosen.add(submitCourse);
    if (page || runner) chosen.add(courses.find((c) => c.id === scenarioCourse)!);
    const want = 1 + Math.floor(rng() * 3);
    while (chosen.size < Math.min(want, courses.length)) chosen.add(pick(courses));
    for (const course of chosen) {
      const enrolledAt = createdAt[id]! + Math.floor(rng() * 30 * DAY);
      const full = submitter && course.id === SUBMIT_COURSE;
      const read = full || page ? course.lessons.length : rng() < 0.5 ? course.lessons.length : Math.floor(rng() * (course.lessons.length + 1));
      plans.push({ userId: id, course, enrolledAt, read });
    }
    if (submitter) submitters.push(id);
    if (runner) runners.push(id);
  }

  const submitterSet = new Set(submitters);
  const runnerSet = new Set(runners);
  const rows: Record<string, number> = {};
  const count = (table: string) => (sqlite.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;

  // --- enrollments and lesson progress ---
  const insertEnrollment = sqlite.prepare('insert into enrollments (user_id, course, enrolled_at, completed_at) values (?, ?, ?, ?)');
  sqlite.transaction(() => {
    for (const p of plans) insertEnrollment.run(p.userId, p.course.id, p.enrolledAt, null);
  })();
  const insertProgress = sqlite.prepare('insert into lesson_progress (user_id, course, lesson, first_viewed_at, completed_at) values (?, ?, ?, ?, ?)');
  sqlite.transaction(() => {
    for (const p of plans) {
      p.course.lessons.forEach((lesson, i) => {
        if (i > p.read) return;
        const at = p.enrolledAt + i * DAY;
        // The lesson after the last one read was opened but not finished.
        insertProgress.run(p.userId, p.course.id, lesson, at, i < p.read ? at + 15 * 60_000 : null);
      });
    }
  })();

  // --- submitted attempts with responses, for learners who read a whole course with a post-test ---
  const insertAttempt = sqlite.prepare(
    `insert into quiz_attempts (user_id, course, questions, started_at, pass_mark, deadline_at, submitted_at, score, max_score, passed)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertResponse = sqlite.prepare('insert into quiz_responses (attempt_id, question_id, answer, points, max_points, correct) values (?, ?, ?, ?, ?, ?)');
  sqlite.transaction(() => {
    for (const p of plans) {
      const bank = banks.get(p.course.id);
      if (!bank || p.read < p.course.lessons.length || p.userId <= pageSessionCount) continue;
      if (p.course.id === SUBMIT_COURSE && submitterSet.has(p.userId)) continue;
      const tries = rng() < 0.25 ? 2 : 1;
      for (let t = 0; t < tries; t++) {
        const questions = drawAttempt(bank, rng);
        const result = scoreAttempt(questions, someAnswers(questions, rng), bank.settings.passMark);
        const startedAt = p.enrolledAt + (p.course.lessons.length + t) * DAY;
        const { lastInsertRowid } = insertAttempt.run(
          p.userId, p.course.id, JSON.stringify(questions), startedAt, bank.settings.passMark, null,
          startedAt + 12 * 60_000, result.score, result.maxScore, result.passed ? 1 : 0,
        );
        for (const r of result.perQuestion) insertResponse.run(lastInsertRowid, r.questionId, r.answer === null ? null : JSON.stringify(r.answer), r.points, r.maxPoints, r.correct ? 1 : 0);
        if (result.passed) break;
      }
    }
  })();

  // --- open attempts for the submit phase: up to three per learner who read the whole course ---
  const bank = banks.get(SUBMIT_COURSE)!;
  const tokens = new Map<number, string>();
  const tokenOf = (userId: number) => {
    let token = tokens.get(userId);
    if (!token) tokens.set(userId, (token = generateSessionToken()));
    return token;
  };
  const submitPool: Fixture['submitPool'] = [];
  let viewer: Fixture['viewer'] | undefined;
  sqlite.transaction(() => {
    const open = (userId: number) => {
      const questions = drawAttempt(bank, rng);
      const startedAt = now - Math.floor(rng() * 3_600_000);
      return Number(insertAttempt.run(userId, SUBMIT_COURSE, JSON.stringify(questions), startedAt, bank.settings.passMark, null, null, null, null, null).lastInsertRowid);
    };
    for (let i = 0; submitPool.length < openAttempts && submitters.length; i++) {
      const userId = submitters[i % submitters.length]!;
      submitPool.push({ token: tokenOf(userId), attemptId: open(userId) });
    }
    viewer = { userId: 1, token: tokenOf(1), attemptId: open(1) };
  })();

  // --- simulation runs: a history of finished and abandoned runs, then fresh ones for the load ---
  const stateAfter: RunState[] = [];
  for (let k = 0; k <= best.length; k++) {
    const replay = replayRun(scenario, best.slice(0, k));
    if (!replay.ok) throw new Error(`the best path of ${SCENARIO_ID} does not replay at step ${k}`);
    stateAfter.push(replay.state);
  }
  const insertRun = sqlite.prepare(
    `insert into simulation_runs (user_id, scenario, state, started_at, finished_at, score, max_score, outcome, passed)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertDecision = sqlite.prepare(
    'insert into simulation_decisions (run_id, seq, node, choice, input, points, ms_taken, at) values (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const decisionRow = (d: Decision): [string | null, string] =>
    d.kind === 'choice' ? [d.choice, JSON.stringify({ kind: 'choice' })]
    : d.kind === 'input' ? [null, JSON.stringify({ kind: 'input', value: d.value })]
    : d.kind === 'form' ? [null, JSON.stringify({ kind: 'form', fields: d.fields })]
    : [null, JSON.stringify({ kind: 'continue' })];
  const maxScore = stateAfter.at(-1)!.score;
  sqlite.transaction(() => {
    for (const p of plans) {
      if (p.course.id !== scenarioCourse || p.userId <= pageSessionCount || runnerSet.has(p.userId)) continue;
      if (p.read < 4 && rng() < 0.7) continue;
      const steps = rng() < 0.6 ? best.length : Math.floor(rng() * best.length);
      const state = stateAfter[steps]!;
      const startedAt = p.enrolledAt + 3 * DAY;
      const finished = state.finished;
      const runId = insertRun.run(
        p.userId, SCENARIO_ID, JSON.stringify(state), startedAt, finished ? startedAt + 20 * 60_000 : null,
        state.score, maxScore, finished ? state.outcome : null, finished ? 1 : null,
      ).lastInsertRowid;
      for (let s = 0; s < steps; s++) {
        const d = best[s]!;
        const [choice, input] = decisionRow(d);
        const points = stateAfter[s + 1]!.score - stateAfter[s]!.score;
        insertDecision.run(runId, s, d.node, choice, input, Math.round(points * 100) / 100, 5_000 + Math.floor(rng() * 60_000), startedAt + s * 60_000);
      }
    }
  })();
  const runPool: Fixture['runPool'] = [];
  const fresh = JSON.stringify(startRun(scenario));
  sqlite.transaction(() => {
    for (let i = 0; runPool.length < freshRuns && runners.length; i++) {
      const userId = runners[i % runners.length]!;
      const runId = Number(insertRun.run(userId, SCENARIO_ID, fresh, now, null, null, null, null, null).lastInsertRowid);
      runPool.push({ token: tokenOf(userId), runId });
    }
  })();

  // --- sessions: the page-load learners, and everyone in a pool ---
  const pageSessions: SessionRef[] = [];
  for (let id = 1; id <= pageSessionCount; id++) pageSessions.push({ userId: id, token: tokenOf(id) });
  const insertSession = sqlite.prepare('insert into sessions (id, user_id, expires_at, created_at) values (?, ?, ?, ?)');
  sqlite.transaction(() => {
    for (const [userId, token] of tokens) insertSession.run(sessionIdFromToken(token), userId, now + 29 * DAY, now);
  })();

  for (const table of ['users', 'sessions', 'enrollments', 'lesson_progress', 'quiz_attempts', 'quiz_responses', 'simulation_runs', 'simulation_decisions']) {
    rows[table] = count(table);
  }
  // No ANALYZE: the server should meet the planner statistics a real database has (none).
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  sqlite.close();
  return {
    learners,
    rows,
    pageSessions,
    submitPool,
    runPool,
    simulationPath: best,
    viewer: viewer!,
    seconds: (performance.now() - started) / 1000,
  };
}
