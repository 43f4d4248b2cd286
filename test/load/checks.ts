/**
 * What must hold in the database after load and after every crash: each acknowledged write is
 * there exactly once, no attempt is scored twice or half, decision sequences have no holes, and
 * SQLite's own integrity check passes.
 */
import type Database from 'better-sqlite3';
import type { Ledger } from './learners';

export class Tally {
  passed = 0;
  failed = 0;
  failures: string[] = [];

  check(ok: boolean, message: () => string): void {
    if (ok) this.passed++;
    else {
      this.failed++;
      if (this.failures.length < 50) this.failures.push(message());
    }
  }
}

export interface Snapshot {
  label: string;
  integrity: string;
  attempts: number;
  submitted: number;
  responses: number;
  runs: number;
  decisions: number;
  lessons: number;
}

/** Runs every check against `sqlite` (a connection of its own), adding one pass or failure per fact. */
export function checkDatabase(sqlite: Database.Database, ledger: Ledger, tally: Tally, label: string, submittedAtSeen: Map<number, number>): Snapshot {
  const integrity = (sqlite.pragma('integrity_check') as Array<{ integrity_check: string }>).map((r) => r.integrity_check).join('; ');
  tally.check(integrity === 'ok', () => `${label}: PRAGMA integrity_check says ${integrity}`);
  const fk = sqlite.pragma('foreign_key_check') as unknown[];
  tally.check(fk.length === 0, () => `${label}: PRAGMA foreign_key_check found ${fk.length} dangling rows`);

  // Lessons marked complete.
  const lesson = sqlite.prepare('select completed_at from lesson_progress where user_id = ? and course = ? and lesson = ?');
  for (const l of ledger.lessons) {
    const row = lesson.get(l.userId, l.course, l.lesson) as { completed_at: number | null } | undefined;
    tally.check(!!row && row.completed_at !== null, () => `${label}: acknowledged completion of ${l.course}/${l.lesson} by user ${l.userId} is missing`);
  }

  // Attempts started.
  const attempt = sqlite.prepare(
    'select user_id, course, submitted_at, score, json_array_length(questions) as n from quiz_attempts where id = ?',
  );
  for (const [id, s] of ledger.starts) {
    const row = attempt.get(id) as { user_id: number; course: string } | undefined;
    tally.check(!!row && row.user_id === s.userId && row.course === s.course, () => `${label}: acknowledged start of attempt ${id} (user ${s.userId}) is missing or belongs elsewhere`);
  }

  // Submissions: scored once, from the first submission, with one response per question.
  const responses = sqlite.prepare(
    "select count(*) as n, sum(answer is null or answer = 'null') as blanks, coalesce(sum(points), 0) as points from quiz_responses where attempt_id = ?",
  );
  for (const [id, s] of ledger.submissions) {
    const row = attempt.get(id) as { user_id: number; submitted_at: number | null; score: number | null; n: number } | undefined;
    const r = responses.get(id) as { n: number; blanks: number | null; points: number };
    tally.check(!!row && row.user_id === s.userId && row.submitted_at !== null, () => `${label}: acknowledged submission of attempt ${id} is not recorded as submitted`);
    if (!row || row.submitted_at === null) continue;
    tally.check(r.n === row.n && r.n === s.questions, () => `${label}: attempt ${id} has ${r.n} responses for ${row.n} questions (page showed ${s.questions})`);
    tally.check((r.blanks ?? 0) === 0, () => `${label}: attempt ${id} has ${r.blanks} blank responses although every question was answered: a later submission overwrote the first`);
    tally.check(Math.abs((row.score ?? NaN) - r.points) < 1e-9, () => `${label}: attempt ${id} scores ${row.score} but its responses add up to ${r.points}`);
    tally.check(row.submitted_at <= s.ackAt, () => `${label}: attempt ${id} was submitted at ${row.submitted_at}, after the first submission was acknowledged (${s.ackAt}): submitted_at was set twice`);
    const seen = submittedAtSeen.get(id);
    if (seen !== undefined) tally.check(seen === row.submitted_at, () => `${label}: submitted_at of attempt ${id} changed from ${seen} to ${row.submitted_at}`);
    submittedAtSeen.set(id, row.submitted_at);
  }

  // Every attempt, acknowledged or not: responses only on submitted attempts, and a full set on each.
  const halfScored = sqlite
    .prepare(
      `select a.id, a.submitted_at, json_array_length(a.questions) as n, (select count(*) from quiz_responses r where r.attempt_id = a.id) as got
       from quiz_attempts a
       where (a.submitted_at is null and got > 0) or (a.submitted_at is not null and got != n)`,
    )
    .all() as Array<{ id: number; submitted_at: number | null; n: number; got: number }>;
  tally.check(halfScored.length === 0, () => `${label}: half-scored attempts: ${JSON.stringify(halfScored.slice(0, 5))}`);
  const twoOpen = sqlite
    .prepare('select user_id, course, count(*) as open from quiz_attempts where submitted_at is null group by user_id, course having open > 1')
    .all();
  tally.check(twoOpen.length === 0, () => `${label}: learners with two open attempts at once: ${JSON.stringify(twoOpen.slice(0, 5))}`);

  // Decisions: each acknowledged one at its sequence number, as sent, on the learner's own run.
  const decision = sqlite.prepare(
    'select d.node, d.choice, d.input, r.user_id from simulation_decisions d join simulation_runs r on r.id = d.run_id where d.run_id = ? and d.seq = ?',
  );
  for (const d of ledger.decisions) {
    const row = decision.get(d.runId, d.seq) as { node: string; choice: string | null; input: string | null; user_id: number } | undefined;
    const kind = row?.input ? (JSON.parse(row.input) as { kind?: string }).kind : undefined;
    tally.check(
      !!row && row.node === d.node && row.choice === d.choice && row.user_id === d.userId && kind === d.kind,
      () => `${label}: acknowledged decision ${JSON.stringify(d)} is missing or differs: ${JSON.stringify(row)}`,
    );
  }
  const holes = sqlite
    .prepare('select run_id, count(*) as n, min(seq) as lo, max(seq) as hi from simulation_decisions group by run_id having lo != 0 or hi != n - 1')
    .all();
  tally.check(holes.length === 0, () => `${label}: runs whose decision sequence has holes: ${JSON.stringify(holes.slice(0, 5))}`);
  const run = sqlite.prepare('select user_id, scenario, finished_at, outcome from simulation_runs where id = ?');
  // Runs the case page opened (or resumed) for a learner.
  for (const [id, userId] of ledger.runsOpened) {
    const row = run.get(id) as { user_id: number } | undefined;
    tally.check(!!row && row.user_id === userId, () => `${label}: run ${id} that the case page showed to user ${userId} is missing or belongs elsewhere`);
  }
  for (const [id, f] of ledger.finishedRuns) {
    const row = run.get(id) as { user_id: number; scenario: string; finished_at: number | null; outcome: string | null } | undefined;
    tally.check(
      !!row && row.user_id === f.userId && row.scenario === f.scenario && row.finished_at !== null && row.outcome === f.outcome,
      () => `${label}: run ${id} finished for the client with outcome ${f.outcome}, the database says ${JSON.stringify(row)}`,
    );
  }
  const twoOpenRuns = sqlite
    .prepare('select user_id, scenario, count(*) as open from simulation_runs where finished_at is null group by user_id, scenario having open > 1')
    .all();
  tally.check(twoOpenRuns.length === 0, () => `${label}: learners with two open runs of one case: ${JSON.stringify(twoOpenRuns.slice(0, 5))}`);

  const count = (sql: string) => (sqlite.prepare(sql).get() as { n: number }).n;
  return {
    label,
    integrity,
    attempts: count('select count(*) as n from quiz_attempts'),
    submitted: count('select count(*) as n from quiz_attempts where submitted_at is not null'),
    responses: count('select count(*) as n from quiz_responses'),
    runs: count('select count(*) as n from simulation_runs'),
    decisions: count('select count(*) as n from simulation_decisions'),
    lessons: count('select count(*) as n from lesson_progress where completed_at is not null'),
  };
}
