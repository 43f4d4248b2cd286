/**
 * The queries behind the instructor reports: one aggregate query per panel, bounded by a date
 * range, on indexed columns (course + time), so the pages stay fast on a large history.
 */
import { clock } from '../shared/clock';
import { dayStart, localDay } from '../shared/dates';
import { sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { pointBiserialFromSums } from '../domain/quiz/stats';

export interface Range {
  from: number;
  to: number;
}

const one = <T>(db: Db, query: ReturnType<typeof sql>) => db.get<T>(query);
const all = <T>(db: Db, query: ReturnType<typeof sql>) => db.all<T>(query);

/**
 * The cohort every count of a course's reports is about: learners who enrolled in the range. Each
 * later step counts only what the cohort did by the range's end, so the course list, the funnel and
 * the evaluation summary give the same number for the same range. (They used to mix "enrolled in
 * the range" with "issued in the range" and "any time", and the demo seed's future-dated records
 * made the two disagree.) The roster is the exception: it lists certificates by issue date.
 */
const cohortOf = (course: string, r: Range) => sql`select user_id from enrollments where course = ${course} and enrolled_at between ${r.from} and ${r.to}`;

/** Enrolments, completions (certificates) and the post-test pass rate of the range's cohort, for the course list. */
export function courseSummary(db: Db, course: string, r: Range) {
  const cohort = cohortOf(course, r);
  const enrolled = one<{ n: number }>(db, sql`select count(*) as n from (${cohort})`)?.n ?? 0;
  const certified = one<{ n: number }>(db, sql`select count(distinct user_id) as n from certificates where course = ${course} and revoked_at is null and issued_at <= ${r.to} and user_id in (${cohort})`)?.n ?? 0;
  const attempts = one<{ n: number; passed: number }>(db, sql`select count(*) as n, coalesce(sum(passed), 0) as passed from quiz_attempts where course = ${course} and submitted_at <= ${r.to} and user_id in (${cohort})`);
  return { enrolled, certified, attempts: attempts?.n ?? 0, passRate: attempts && attempts.n ? Math.round((attempts.passed / attempts.n) * 1000) / 10 : null };
}

/** Learners enrolled in the range, and how many of that cohort reached each step by the range's end. */
export function funnelCounts(db: Db, args: { course: string; range: Range; lessons: number; simulations: string[]; hasQuiz: boolean; hasEvaluation: boolean }) {
  const { course, range: r } = args;
  const cohort = cohortOf(course, r);
  const count = (q: ReturnType<typeof sql>) => one<{ n: number }>(db, q)?.n ?? 0;
  const stages = [{ id: 'enrolled', label: 'Enrolled', count: count(sql`select count(*) as n from (${cohort})`) }];
  stages.push({
    id: 'lessons',
    label: 'Finished the lessons',
    count: count(sql`select count(*) as n from (select user_id from lesson_progress where course = ${course} and completed_at <= ${r.to} and user_id in (${cohort}) group by user_id having count(*) >= ${args.lessons})`),
  });
  if (args.simulations.length) {
    const list = sql.join(args.simulations.map((s) => sql`${s}`), sql`, `);
    stages.push({
      id: 'simulations',
      label: 'Passed the case simulations',
      count: count(sql`select count(*) as n from (select user_id from simulation_runs where scenario in (${list}) and passed = 1 and finished_at <= ${r.to} and user_id in (${cohort}) group by user_id having count(distinct scenario) = ${args.simulations.length})`),
    });
  }
  if (args.hasQuiz) stages.push({ id: 'quiz', label: 'Passed the post-test', count: count(sql`select count(distinct user_id) as n from quiz_attempts where course = ${course} and passed = 1 and submitted_at <= ${r.to} and user_id in (${cohort})`) });
  if (args.hasEvaluation) stages.push({ id: 'evaluated', label: 'Submitted the evaluation', count: count(sql`select count(*) as n from evaluations where course = ${course} and submitted_at <= ${r.to} and user_id in (${cohort})`) });
  stages.push({ id: 'certified', label: 'Certified', count: count(sql`select count(distinct user_id) as n from certificates where course = ${course} and revoked_at is null and issued_at <= ${r.to} and user_id in (${cohort})`) });
  return stages;
}

/** Percent scores of the submitted attempts in the range. */
export function scorePercents(db: Db, course: string, r: Range): number[] {
  return all<{ p: number }>(db, sql`select score * 100.0 / max_score as p from quiz_attempts where course = ${course} and submitted_at between ${r.from} and ${r.to} and max_score > 0`).map((x) => x.p);
}

export interface ItemRow {
  questionId: string;
  attempts: number;
  blank: number;
  difficulty: number | null;
  discrimination: number | null;
  wrong: Array<{ answer: string; count: number }>;
}

const DAY = 86_400_000;
const days = (r: Range) => ({ from: Math.floor(r.from / DAY), to: Math.floor(r.to / DAY) });

/**
 * Per question: attempts, difficulty (share fully correct), discrimination (point-biserial against
 * the rest-of-test percent) and the most chosen wrong answers, from the per-day sums that triggers
 * keep in item_stats and item_wrong_answers (migration 0004): a few thousand rows, whatever the history.
 */
export function itemAnalysis(db: Db, course: string, r: Range): ItemRow[] {
  const d = days(r);
  const rows = all<{ q: string; attempts: number; blank: number; correct: number; n: number; n1: number; sy: number; sy1: number; sy2: number }>(
    db,
    sql`select question_id as q, sum(attempts) as attempts, sum(blank) as blank, sum(correct) as correct, sum(n) as n, sum(n1) as n1, sum(sy) as sy, sum(sy1) as sy1, sum(sy2) as sy2
        from item_stats where course = ${course} and day between ${d.from} and ${d.to} group by question_id`,
  );
  const wrong = all<{ q: string; answer: string; c: number }>(
    db,
    sql`select question_id as q, answer, sum(count) as c from item_wrong_answers where course = ${course} and day between ${d.from} and ${d.to} group by question_id, answer`,
  );
  const wrongBy = new Map<string, Array<{ answer: string; count: number }>>();
  for (const w of wrong) {
    const list = wrongBy.get(w.q) ?? [];
    list.push({ answer: w.answer, count: w.c });
    wrongBy.set(w.q, list);
  }
  return rows.map((x) => ({
    questionId: x.q,
    attempts: x.attempts,
    blank: x.blank,
    difficulty: x.attempts ? x.correct / x.attempts : null,
    discrimination: pointBiserialFromSums({ n: x.n, n1: x.n1, sumY: x.sy, sumY1: x.sy1, sumY2: x.sy2 }),
    wrong: (wrongBy.get(x.q) ?? []).sort((a, b) => b.count - a.count).slice(0, 3),
  }));
}

/**
 * Wrong answers to the given (matching) questions submitted in the range, each with its attempt's
 * snapshot of the question, so right-hand ids can be read as the texts that attempt showed.
 */
export function matchingResponses(db: Db, course: string, r: Range, questionIds: string[]) {
  if (questionIds.length === 0) return [];
  return all<{ q: string; answer: string; snapshot: string | null }>(
    db,
    sql`select r.question_id as q, r.answer as answer,
          (select j.value from json_each(a.questions) j where json_extract(j.value, '$.id') = r.question_id) as snapshot
        from quiz_responses r join quiz_attempts a on a.id = r.attempt_id
        where a.course = ${course} and a.submitted_at between ${r.from} and ${r.to} and r.correct = 0 and r.answer is not null
          and r.question_id in (${sql.join(questionIds.map((id) => sql`${id}`), sql`, `)})`,
  );
}

/** Submitted attempts per score bin of `width` points (100% falls in the last bin), counted in SQL. */
export function scoreBinCounts(db: Db, course: string, r: Range, width = 10): Map<number, number> {
  const last = Math.ceil(100 / width) - 1;
  const rows = all<{ bin: number; n: number }>(
    db,
    sql`select min(${last}, cast(score * 100.0 / max_score / ${width} as integer)) as bin, count(*) as n
        from quiz_attempts where course = ${course} and submitted_at between ${r.from} and ${r.to} and max_score > 0 group by bin`,
  );
  return new Map(rows.map((x) => [x.bin, x.n]));
}

/** Every decision of runs started in the range: node, choice, kind and time taken. */
export function decisionRows(db: Db, scenario: string, r: Range) {
  return all<{ node: string; choice: string | null; kind: string; ms: number | null }>(
    db,
    sql`select d.node as node, d.choice as choice, coalesce(json_extract(d.input, '$.kind'), 'choice') as kind, d.ms_taken as ms
        from simulation_runs s join simulation_decisions d on d.run_id = s.id
        where s.scenario = ${scenario} and s.started_at between ${r.from} and ${r.to}`,
  );
}

/**
 * Runs started in the range that moved from one step to the next (retries at the same step count
 * once), and where finished runs ended: their last step and outcome. The case diagram's edge shares.
 */
export function stepTraffic(db: Db, scenario: string, r: Range) {
  const moves = all<{ from: string; to: string; count: number }>(
    db,
    sql`select prev as "from", node as "to", count(distinct run_id) as count from (
          select d.run_id as run_id, d.node as node, lag(d.node) over (partition by d.run_id order by d.seq) as prev
          from simulation_runs s join simulation_decisions d on d.run_id = s.id
          where s.scenario = ${scenario} and s.started_at between ${r.from} and ${r.to})
        where prev is not null and prev <> node group by prev, node`,
  );
  const endings = all<{ from: string; outcome: string; count: number }>(
    db,
    sql`select d.node as "from", s.outcome as outcome, count(*) as count
        from simulation_runs s join simulation_decisions d on d.run_id = s.id
        where s.scenario = ${scenario} and s.started_at between ${r.from} and ${r.to} and s.finished_at is not null and s.outcome is not null
          and d.seq = (select max(x.seq) from simulation_decisions x where x.run_id = s.id)
        group by d.node, s.outcome`,
  );
  return { moves, endings };
}

/** Finished runs per outcome, and the choice paths of runs that ended at one of `badOutcomes`. */
export function outcomes(db: Db, scenario: string, r: Range, badOutcomes: string[]) {
  const counts = all<{ outcome: string; n: number }>(db, sql`select outcome, count(*) as n from simulation_runs where scenario = ${scenario} and finished_at is not null and started_at between ${r.from} and ${r.to} group by outcome`);
  const bad = badOutcomes.length
    ? all<{ path: string }>(
        db,
        sql`select (select group_concat(x, ' › ') from (select d.node || ':' || d.choice as x from simulation_decisions d where d.run_id = s.id and d.choice is not null order by d.seq)) as path
            from simulation_runs s where s.scenario = ${scenario} and s.started_at between ${r.from} and ${r.to} and s.outcome in (${sql.join(badOutcomes.map((o) => sql`${o}`), sql`, `)})`,
      ).map((p) => p.path ?? '')
    : [];
  return { counts, badPaths: bad };
}

/** Evaluations the range's cohort submitted by the range's end (the funnel's "Submitted the evaluation"). */
export function evaluationRows(db: Db, course: string, r: Range) {
  return all<{ answers: string }>(db, sql`select answers from evaluations where course = ${course} and submitted_at <= ${r.to} and user_id in (${cohortOf(course, r)}) order by submitted_at, id`).map((x) => JSON.parse(x.answers) as Record<string, unknown>);
}

/** `email` is the account's current address (not in the frozen snapshot): it tells namesakes apart. */
type RosterRow = { code: string; issuedAt: number; email: string; snapshot: import('../shared/certificate').CertificateSnapshot };

/** Live certificates of the course issued in the range, with their frozen snapshots, in the given order and window. */
function rosterRows(db: Db, course: string, r: Range, window: { newestFirst: boolean; limit?: number; offset?: number }): RosterRow[] {
  const order = window.newestFirst ? sql`order by c.issued_at desc, c.id desc` : sql`order by c.issued_at, c.id`;
  const slice = window.limit === undefined ? sql`` : sql`limit ${window.limit} offset ${window.offset ?? 0}`;
  return all<{ code: string; snapshot: string; issuedAt: number; email: string }>(
    db,
    sql`select c.code as code, c.snapshot as snapshot, c.issued_at as issuedAt, u.email as email from certificates c join users u on u.id = c.user_id
        where c.course = ${course} and c.revoked_at is null and c.issued_at between ${r.from} and ${r.to} ${order} ${slice}`,
  ).map((x) => ({ code: x.code, issuedAt: x.issuedAt, email: x.email, snapshot: JSON.parse(x.snapshot) as RosterRow['snapshot'] }));
}

/** The learners holding a live certificate for the course, issued in the range. */
export function certifiedLearners(db: Db, course: string, r: Range): number[] {
  return all<{ userId: number }>(db, sql`select distinct user_id as userId from certificates where course = ${course} and revoked_at is null and issued_at between ${r.from} and ${r.to}`).map((x) => x.userId);
}

/** The whole roster of the range, oldest first (the CSV download). */
export function roster(db: Db, course: string, r: Range): RosterRow[] {
  return rosterRows(db, course, r, { newestFirst: false });
}

/** How many roster rows the report page shows at a time; the CSV always has them all. */
export const ROSTER_PAGE_SIZE = 100;

/**
 * One page of the roster, newest first, and how many certificates the range holds. Page numbers
 * start at 1; a page past the end is clamped to the last one.
 */
export function rosterPage(db: Db, course: string, r: Range, page: number, size = ROSTER_PAGE_SIZE) {
  const total = one<{ n: number }>(db, sql`select count(*) as n from certificates where course = ${course} and revoked_at is null and issued_at between ${r.from} and ${r.to}`)?.n ?? 0;
  const pages = Math.max(1, Math.ceil(total / size));
  const current = Math.min(Math.max(1, Math.floor(Number.isFinite(page) ? page : 1)), pages);
  return { total, page: current, pages, size, rows: rosterRows(db, course, r, { newestFirst: true, limit: size, offset: (current - 1) * size }) };
}

/**
 * A date range from ?from=YYYY-MM-DD&to=YYYY-MM-DD, defaulting to the last 365 days; bad input (not
 * a real day, or before 1900) falls back. The days are the reader's (`zone`, the profile's time zone; UTC without one): "to 28
 * February" in Los Angeles runs until midnight there, 8 AM on 1 March in UTC.
 */
export function parseRange(params: URLSearchParams, zone?: string | null, now = clock.now()): Range & { fromIso: string; toIso: string } {
  // A real calendar day from 1900 on: 2025-02-30 (which Date.parse rolls into March) falls back too.
  const day = (s: string | null) => {
    if (!s || !/^\d{4}-\d{2}-\d{2}$/.test(s) || s < '1900-01-01') return null;
    const ms = Date.parse(`${s}T00:00:00Z`);
    return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === s ? s : null;
  };
  const shift = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
  const toIso = day(params.get('to')) ?? localDay(now, zone);
  const fromIso = day(params.get('from')) ?? shift(toIso, -364);
  const endOf = (iso: string) => dayStart(shift(iso, 1), zone) - 1;
  const from = dayStart(fromIso, zone);
  const to = endOf(toIso);
  return from <= to ? { from, to, fromIso, toIso } : { from: dayStart(toIso, zone), to, fromIso: toIso, toIso };
}
