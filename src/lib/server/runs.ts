/**
 * Simulation runs. The server owns each run: the current state is always rebuilt by replaying the
 * run's decisions against the scenario, the learner's decision is checked against the current
 * node, and the score is recomputed from those decisions, never taken from the browser. A decision
 * replays the log kept in the run's own row (written by the server in the same transaction as each
 * decision row), so it reads one row instead of the whole run; other readers replay the rows.
 */
import { clock } from '../shared/clock';
import { and, asc, desc, eq, isNotNull, isNull, ne, sql } from 'drizzle-orm';
import { preparedOnce } from './db';
import type { Db } from '../../../db/client';
import { simulationDecisions, simulationRuns } from '../../../db/schema';
import type { Decision, Scenario } from '../shared/schemas/simulation';
import { applyDecision, decisionOf, replayRun, runResult, startRun, type DecisionResult, type RunState } from '../domain/simulation/engine';
import { currentStepView, historyEntry, historyView, type HistoryEntry, type StepView } from '../domain/simulation/view';
import type { Decided } from '../shared/simulation-view';

type StoredInput = { kind: Decision['kind']; value?: string; fields?: Record<string, string>; elements?: string[] };

function toRow(decision: Decision): { choice: string | null; input: StoredInput } {
  switch (decision.kind) {
    case 'choice':
      return { choice: decision.choice, input: { kind: 'choice' } };
    case 'input':
      return { choice: null, input: { kind: 'input', value: decision.value } };
    case 'form':
      return { choice: null, input: { kind: 'form', fields: decision.fields } };
    case 'task':
      return { choice: null, input: { kind: 'task', elements: decision.elements } };
    default:
      return { choice: null, input: { kind: 'continue' } };
  }
}

function fromRow(row: { node: string; choice: string | null; input: unknown }): Decision {
  const input = (row.input ?? { kind: 'continue' }) as StoredInput;
  if (input.kind === 'choice') return { node: row.node, kind: 'choice', choice: row.choice ?? '' };
  if (input.kind === 'input') return { node: row.node, kind: 'input', value: input.value ?? '' };
  if (input.kind === 'form') return { node: row.node, kind: 'form', fields: input.fields ?? {} };
  if (input.kind === 'task') return { node: row.node, kind: 'task', elements: input.elements ?? [] };
  return { node: row.node, kind: 'continue' };
}

const decisionsOfRun = preparedOnce((db) =>
  db
    .select({ node: simulationDecisions.node, choice: simulationDecisions.choice, input: simulationDecisions.input })
    .from(simulationDecisions)
    .where(eq(simulationDecisions.runId, sql.placeholder('runId')))
    .orderBy(asc(simulationDecisions.seq))
    .prepare(),
);
function storedDecisions(db: Db, runId: number): Decision[] {
  return decisionsOfRun(db).all({ runId }).map(fromRow);
}

/**
 * The decisions of a run, from the log in its stored state: the same decisions as its rows, since
 * `decide` writes both in one transaction. A row whose state has no log (written by hand, as some
 * test fixtures do) falls back to the decision rows.
 */
function loggedDecisions(db: Db, run: { id: number; state: unknown }): Decision[] {
  const log = (run.state as Partial<RunState> | null)?.log;
  return Array.isArray(log) ? log.map(decisionOf) : storedDecisions(db, run.id);
}

export interface OpenRun {
  runId: number;
  state: RunState;
}

/** Replays a run's decisions; null when the scenario changed so much that they no longer apply. */
export function replayStored(db: Db, scenario: Scenario, runId: number): RunState | null {
  const replay = replayRun(scenario, storedDecisions(db, runId));
  return replay.ok ? replay.state : null;
}

/**
 * The run the learner sees: the unfinished one, resumed on any device; else the last finished one,
 * whose ending, score and debrief stay on screen until the learner chooses to play again; else a
 * new one. A run closed as abandoned (restarted, or outdated by an edit) is never shown again.
 */
export function openRun(db: Db, userId: number, scenarioId: string, scenario: Scenario, now = clock.now()): OpenRun {
  return db.transaction(
    (tx) => {
      const latest = tx
        .select({ id: simulationRuns.id, finishedAt: simulationRuns.finishedAt, outcome: simulationRuns.outcome })
        .from(simulationRuns)
        .where(and(eq(simulationRuns.userId, userId), eq(simulationRuns.scenario, scenarioId)))
        .orderBy(desc(simulationRuns.id))
        .get();
      if (latest && latest.outcome !== 'abandoned') {
        const state = replayStored(tx as unknown as Db, scenario, latest.id);
        if (state) return { runId: latest.id, state };
        // The scenario was edited under this run: close an open one and start afresh rather than guess.
        if (latest.finishedAt === null) tx.update(simulationRuns).set({ finishedAt: now, outcome: 'abandoned', passed: false }).where(eq(simulationRuns.id, latest.id)).run();
      }
      return newRun(tx as unknown as Db, userId, scenarioId, scenario, now);
    },
    { behavior: 'immediate' },
  );
}

function newRun(db: Db, userId: number, scenarioId: string, scenario: Scenario, now: number): OpenRun {
  const state = startRun(scenario);
  const row = db.insert(simulationRuns).values({ userId, scenario: scenarioId, state, startedAt: now }).returning({ id: simulationRuns.id }).get();
  return { runId: row.id, state };
}

/** Abandons the open run (kept for the record) and starts a new one; after an ending, just a new one. */
export function restartRun(db: Db, userId: number, scenarioId: string, scenario: Scenario, now = clock.now()): OpenRun {
  return db.transaction(
    (tx) => {
      tx.update(simulationRuns)
        .set({ finishedAt: now, outcome: 'abandoned', passed: false })
        .where(and(eq(simulationRuns.userId, userId), eq(simulationRuns.scenario, scenarioId), isNull(simulationRuns.finishedAt)))
        .run();
      return newRun(tx as unknown as Db, userId, scenarioId, scenario, now);
    },
    { behavior: 'immediate' },
  );
}

/** The learner's last finished run of a scenario (not an abandoned one), to reread its path and feedback. */
export function lastFinishedRun(db: Db, userId: number, scenarioId: string, scenario: Scenario): (OpenRun & { finishedAt: number }) | null {
  const row = db
    .select({ id: simulationRuns.id, finishedAt: simulationRuns.finishedAt })
    .from(simulationRuns)
    .where(and(eq(simulationRuns.userId, userId), eq(simulationRuns.scenario, scenarioId), isNotNull(simulationRuns.finishedAt), ne(simulationRuns.outcome, 'abandoned')))
    .orderBy(desc(simulationRuns.id))
    .get();
  const state = row ? replayStored(db, scenario, row.id) : null;
  return row && state ? { runId: row.id, state, finishedAt: row.finishedAt! } : null;
}

export type DecideResult =
  | { ok: true; runId: number; state: RunState; result: DecisionResult }
  | { ok: false; status: 400 | 404 | 409; message: string };

/**
 * Applies one decision to a run. Forged, replayed and out-of-order decisions are refused with a
 * message and change nothing; the decision is stored with its sequence number, so two requests
 * racing for the same step cannot both be stored.
 */
export function decide(
  db: Db,
  args: { userId: number; runId: number; scenarioId: string; scenario: Scenario; maxScore: number; decision: Decision; msTaken?: number; now?: number },
): DecideResult {
  const now = args.now ?? clock.now();
  // Every statement is built once per connection (db.ts, preparedOnce) and runs in this transaction.
  return db.transaction(
    () => {
      const run = learnersRun(db).get({ id: args.runId, userId: args.userId, scenario: args.scenarioId });
      if (!run) return { ok: false as const, status: 404 as const, message: 'That case run does not exist. Reload the page to continue.' };
      if (run.finishedAt !== null) return { ok: false as const, status: 400 as const, message: 'This case is already finished. Restart it to play again.' };
      const decisions = loggedDecisions(db, run);
      const replay = replayRun(args.scenario, decisions);
      if (!replay.ok) return { ok: false as const, status: 409 as const, message: 'This case was updated since you started. Restart it to play the new version.' };
      const applied = applyDecision(args.scenario, replay.state, args.decision);
      if (!applied.ok) return { ok: false as const, status: 400 as const, message: applied.error };
      const { choice, input } = toRow(args.decision);
      const ms = args.msTaken !== undefined && Number.isFinite(args.msTaken) ? Math.min(Math.max(Math.round(args.msTaken), 0), 3_600_000) : null;
      insertDecision(db).run({ runId: run.id, seq: decisions.length, node: args.decision.node, choice, input, points: applied.result.points, msTaken: ms, at: now });
      const state = applied.state;
      const finished = state.finished ? runResult(args.scenario, state, args.maxScore) : null;
      // The updates take their values as stored (JSON text, 0/1): Drizzle's typing has no bare placeholder in `set`.
      const stored = { id: run.id, state: JSON.stringify(state), score: state.score, maxScore: args.maxScore };
      if (finished) finishRun(db).run({ ...stored, now, outcome: state.outcome ?? null, passed: Number(finished.passed) });
      else advanceRun(db).run(stored);
      return { ok: true as const, runId: run.id, state, result: applied.result };
    },
    { behavior: 'immediate' },
  );
}

const learnersRun = preparedOnce((db) =>
  db
    .select()
    .from(simulationRuns)
    .where(and(eq(simulationRuns.id, sql.placeholder('id')), eq(simulationRuns.userId, sql.placeholder('userId')), eq(simulationRuns.scenario, sql.placeholder('scenario'))))
    .prepare(),
);
const insertDecision = preparedOnce((db) =>
  db
    .insert(simulationDecisions)
    .values({
      runId: sql.placeholder('runId'),
      seq: sql.placeholder('seq'),
      node: sql.placeholder('node'),
      // Given as stored (no column encoder), as they may be NULL; `input` is always an object (JSON).
      choice: sql`${sql.placeholder('choice')}`,
      input: sql.placeholder('input'),
      points: sql.placeholder('points'),
      msTaken: sql`${sql.placeholder('msTaken')}`,
      at: sql.placeholder('at'),
    })
    .prepare(),
);
const advanceRun = preparedOnce((db) =>
  db
    .update(simulationRuns)
    .set({ state: sql`${sql.placeholder('state')}`, score: sql`${sql.placeholder('score')}`, maxScore: sql`${sql.placeholder('maxScore')}` })
    .where(eq(simulationRuns.id, sql.placeholder('id')))
    .prepare(),
);
const finishRun = preparedOnce((db) =>
  db
    .update(simulationRuns)
    .set({
      state: sql`${sql.placeholder('state')}`,
      score: sql`${sql.placeholder('score')}`,
      maxScore: sql`${sql.placeholder('maxScore')}`,
      finishedAt: sql`${sql.placeholder('now')}`,
      outcome: sql`${sql.placeholder('outcome')}`,
      passed: sql`${sql.placeholder('passed')}`,
    })
    .where(eq(simulationRuns.id, sql.placeholder('id')))
    .prepare(),
);

export function hasPassedScenario(db: Db, userId: number, scenarioId: string): boolean {
  return !!db
    .select({ id: simulationRuns.id })
    .from(simulationRuns)
    .where(and(eq(simulationRuns.userId, userId), eq(simulationRuns.scenario, scenarioId), eq(simulationRuns.passed, true)))
    .get();
}

export interface RunView {
  runId: number;
  step: StepView | null;
  history: HistoryEntry[];
}

/**
 * What the player is sent after a decision: the next step, and the story's entry for this decision
 * with its place (one entry per logged decision). Built from the decision's own result rather than
 * by replaying the run again; null if the entry cannot be told (the node left the scenario).
 */
export function decidedView(scenario: Scenario, decided: { runId: number; state: RunState; result: DecisionResult }, maxScore: number): Omit<Decided, 'next'> | null {
  const logged = decided.state.log.at(-1);
  const latest = logged && historyEntry(scenario, logged, decided.result);
  if (!latest) return null;
  return { runId: decided.runId, step: currentStepView(scenario, decided.state, maxScore, decided.runId), latest, latestAt: decided.state.log.length - 1, result: decided.result };
}

/** Only what the learner may see: the current step (options in this run's order) and the story so far. */
export function runView(scenario: Scenario, open: OpenRun, maxScore: number): RunView {
  return { runId: open.runId, step: currentStepView(scenario, open.state, maxScore, open.runId), history: historyView(scenario, open.state) };
}
