import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { count, eq } from 'drizzle-orm';
import { addUser, freshDb, type TestDb } from '../fixtures/db';
import { simulationDecisions, simulationRuns } from '../../db/schema';
import { validateScenario } from '~/lib/domain/simulation/graph';
import type { Decision, Scenario } from '~/lib/shared/schemas/simulation';
import { decide, decidedView, hasPassedScenario, lastFinishedRun, openRun, restartRun, runView } from '~/lib/server/runs';
import { storyAfter, type HistoryEntry } from '~/lib/shared/simulation-view';

const raw = parse(readFileSync('content/simulations/broken-tooth-10.yaml', 'utf8'));
const validated = validateScenario('broken-tooth-10', raw);
if (!validated.ok) throw new Error(validated.errors.join('\n'));
const scenario: Scenario = validated.scenario;
const { maxScore, bestChoices } = validated.analysis;

let t: TestDb;
beforeAll(() => {
  t = freshDb();
});
afterAll(() => t.close());

// Every test plays as its own learner: none depends on the runs another left behind.
let made = 0;
const newLearner = () => addUser(t.db, `l${++made}@x.test`, `Learner ${made}`).id;

const stored = (runId: number) => t.db.select({ n: count() }).from(simulationDecisions).where(eq(simulationDecisions.runId, runId)).get()!.n;
const play = (runId: number, decision: Decision, who: number) =>
  decide(t.db, { userId: who, runId, scenarioId: 'broken-tooth-10', scenario, maxScore, decision, msTaken: 1500 });

describe('simulation runs', () => {
  it('start once and resume the same run (on any device)', () => {
    const userId = newLearner();
    const a = openRun(t.db, userId, 'broken-tooth-10', scenario);
    const b = openRun(t.db, userId, 'broken-tooth-10', scenario);
    expect(b.runId).toBe(a.runId);
    expect(a.state.node).toBe(scenario.start);
  });

  it('refuse forged, replayed and out-of-order decisions, storing nothing', () => {
    const userId = newLearner();
    const { runId, state } = openRun(t.db, userId, 'broken-tooth-10', scenario);
    const first = bestChoices[0]!;
    const second = bestChoices[1]!;
    expect(play(runId, second, userId)).toMatchObject({ ok: false, status: 400 }); // out of order
    expect(play(runId, { node: 'no-such-node', kind: 'continue' }, userId)).toMatchObject({ ok: false, status: 400 });
    expect(play(runId, { node: state.node, kind: 'choice', choice: 'made-up' }, userId)).toMatchObject({ ok: false, status: 400 });
    expect(play(runId, first, newLearner())).toMatchObject({ ok: false, status: 404 }); // someone else's run
    expect(stored(runId)).toBe(0);
    expect(play(runId, first, userId)).toMatchObject({ ok: true });
    expect(play(runId, first, userId)).toMatchObject({ ok: false, status: 400 }); // replayed
    expect(stored(runId)).toBe(1);
  });

  it('resume mid-run with the story so far, and never send untaken feedback', () => {
    const userId = newLearner();
    const started = openRun(t.db, userId, 'broken-tooth-10', scenario);
    expect(play(started.runId, bestChoices[0]!, userId)).toMatchObject({ ok: true });
    const open = openRun(t.db, userId, 'broken-tooth-10', scenario);
    expect(open.runId).toBe(started.runId);
    expect(open.state.log).toHaveLength(1);
    const view = runView(scenario, open, maxScore);
    expect(view.history.length).toBeGreaterThanOrEqual(1);
    const json = JSON.stringify(view);
    expect(json).not.toMatch(/"points":\s*\d+[^}]*"next"|"accepted"|"effects"/);
    if (view.step?.type === 'choice') {
      const node = scenario.nodes[view.step.node];
      if (node?.type === 'choice') for (const o of node.options) expect(json).not.toContain(o.feedback);
    }
  });

  it('reach the best ending with the maximum score, recomputed from the stored decisions', () => {
    const userId = newLearner();
    const { runId } = openRun(t.db, userId, 'broken-tooth-10', scenario);
    for (const d of bestChoices) {
      const r = play(runId, d, userId);
      expect(r, JSON.stringify(d)).toMatchObject({ ok: true });
    }
    const run = t.db.select().from(simulationRuns).where(eq(simulationRuns.id, runId)).get()!;
    expect(run).toMatchObject({ score: maxScore, maxScore, passed: true });
    expect(run.finishedAt).not.toBeNull();
    expect(hasPassedScenario(t.db, userId, 'broken-tooth-10')).toBe(true);
    // A finished run takes no more decisions.
    expect(play(runId, bestChoices[0]!, userId)).toMatchObject({ ok: false, status: 400 });
    // The stored score equals a fresh replay of the stored decisions.
    const decisions = t.db.select().from(simulationDecisions).where(eq(simulationDecisions.runId, runId)).all();
    expect(decisions.reduce((s, d) => s + d.points, 0)).toBeCloseTo(maxScore, 5);
    // Each row as given (the prepared insert, issue 21): in order, 1.5 s taken, a choice's option
    // in `choice` with `input` {kind: 'choice'}, anything else with `choice` NULL.
    expect(decisions.map((d) => d.seq)).toEqual(bestChoices.map((_, i) => i));
    decisions.forEach((row, i) => {
      const d = bestChoices[i]!;
      expect(row.node).toBe(d.node);
      expect(row.msTaken).toBe(1500);
      if (d.kind === 'choice') expect(row).toMatchObject({ choice: d.choice, input: { kind: 'choice' } });
      else expect(row).toMatchObject({ choice: null, input: { kind: d.kind } });
    });
    expect(run.outcome).not.toBeNull();
  });

  it('answer each decision with the step and one story entry that, added to the story held, is what a reload shows', () => {
    const userId = newLearner();
    const { runId } = openRun(t.db, userId, 'broken-tooth-10', scenario);
    // A wrong try at the first typed answer too: a retry is an entry of its own, on the same step.
    const at = bestChoices.findIndex((d) => d.kind === 'input');
    const decisions = [...bestChoices.slice(0, at), { ...bestChoices[at]!, value: 'not the answer' } as Decision, ...bestChoices.slice(at)];
    let story: HistoryEntry[] = [];
    for (const [i, d] of decisions.entries()) {
      const result = play(runId, d, userId);
      if (!result.ok) throw new Error(result.message);
      const answer = decidedView(scenario, result, maxScore)!;
      expect(answer.latestAt).toBe(i);
      story = storyAfter(story, answer)!;
      const reload = runView(scenario, openRun(t.db, userId, 'broken-tooth-10', scenario), maxScore);
      expect(story).toEqual(reload.history);
      expect(answer.step).toEqual(reload.step);
    }
    expect(story).toHaveLength(decisions.length);
    expect(story[at]).toMatchObject({ type: 'input', value: 'not the answer', correct: false });
  });

  it('restart: the open run is kept as abandoned and a new one starts', () => {
    const other = newLearner();
    const first = openRun(t.db, other, 'broken-tooth-10', scenario);
    play(first.runId, bestChoices[0]!, other);
    const second = restartRun(t.db, other, 'broken-tooth-10', scenario);
    expect(second.runId).not.toBe(first.runId);
    expect(second.state.log).toHaveLength(0);
    const old = t.db.select().from(simulationRuns).where(eq(simulationRuns.id, first.runId)).get()!;
    expect(old).toMatchObject({ outcome: 'abandoned', passed: false });
    expect(hasPassedScenario(t.db, other, 'broken-tooth-10')).toBe(false);
  });

  it('a finished run keeps its ending, score and debrief until the learner plays again', () => {
    const userId = newLearner();
    const { runId } = openRun(t.db, userId, 'broken-tooth-10', scenario);
    for (const d of bestChoices) expect(play(runId, d, userId)).toMatchObject({ ok: true });
    // Reopening the case (a reload, or the redirect after a plain form post) shows the same run, ended.
    const again = openRun(t.db, userId, 'broken-tooth-10', scenario);
    expect(again.runId).toBe(runId);
    const view = runView(scenario, again, maxScore);
    expect(view.step).toMatchObject({ type: 'end', good: true, result: { score: maxScore, maxScore, percent: 100, passed: true } });
    // Every decision of the path is there to reread, each with its feedback.
    expect(view.history.filter((h) => h.type !== 'scene')).toHaveLength(bestChoices.filter((d) => d.kind !== 'continue').length);
    expect(lastFinishedRun(t.db, userId, 'broken-tooth-10', scenario)?.runId).toBe(runId);

    // Playing again starts a new run; the finished one keeps its pass (it is not abandoned).
    const fresh = restartRun(t.db, userId, 'broken-tooth-10', scenario);
    expect(fresh.runId).not.toBe(runId);
    expect(fresh.state.log).toHaveLength(0);
    expect(t.db.select().from(simulationRuns).where(eq(simulationRuns.id, runId)).get()).toMatchObject({ passed: true, outcome: again.state.outcome });
    expect(openRun(t.db, userId, 'broken-tooth-10', scenario).runId).toBe(fresh.runId);
    expect(hasPassedScenario(t.db, userId, 'broken-tooth-10')).toBe(true);
    // The finished run stays the one to reread while the new one is under way.
    expect(lastFinishedRun(t.db, userId, 'broken-tooth-10', scenario)?.runId).toBe(runId);
  });

  it('after a restart the abandoned run is neither shown nor offered to reread', () => {
    const userId = newLearner();
    const first = openRun(t.db, userId, 'broken-tooth-10', scenario);
    play(first.runId, bestChoices[0]!, userId);
    restartRun(t.db, userId, 'broken-tooth-10', scenario);
    expect(lastFinishedRun(t.db, userId, 'broken-tooth-10', scenario)).toBeNull();
  });

  // Issue 21: a decision replays the log kept in the run's row instead of reading every decision row.
  it('a decision replays the log in the run row, which names the same decisions as the rows', () => {
    const userId = newLearner();
    const { runId } = openRun(t.db, userId, 'broken-tooth-10', scenario);
    for (const d of bestChoices.slice(0, 3)) expect(play(runId, d, userId)).toMatchObject({ ok: true });
    const row = t.db.select().from(simulationRuns).where(eq(simulationRuns.id, runId)).get()!;
    const log = (row.state as { log: Array<{ node: string; kind: string }> }).log;
    const rows = t.db.select().from(simulationDecisions).where(eq(simulationDecisions.runId, runId)).all();
    expect(log.map((e) => [e.node, e.kind])).toEqual(bestChoices.slice(0, 3).map((d) => [d.node, d.kind]));
    expect(rows.map((r) => r.node)).toEqual(log.map((e) => e.node));
  });

  it('a run row without a log (written by hand) is replayed from its decision rows', () => {
    const userId = newLearner();
    const { runId } = openRun(t.db, userId, 'broken-tooth-10', scenario);
    expect(play(runId, bestChoices[0]!, userId)).toMatchObject({ ok: true });
    t.db.update(simulationRuns).set({ state: {} }).where(eq(simulationRuns.id, runId)).run();
    // The second step is only accepted if the first decision was replayed from its row.
    expect(play(runId, bestChoices[1]!, userId)).toMatchObject({ ok: true });
    expect(stored(runId)).toBe(2);
  });

  it('a scenario edited under the logged decisions refuses the next one with 409, storing nothing', () => {
    const userId = newLearner();
    const { runId } = openRun(t.db, userId, 'broken-tooth-10', scenario);
    const k = bestChoices.findIndex((d) => d.kind === 'choice');
    for (const d of bestChoices.slice(0, k + 1)) expect(play(runId, d, userId)).toMatchObject({ ok: true });
    const taken = bestChoices[k] as Extract<Decision, { kind: 'choice' }>;
    // The option taken earlier in this run no longer exists.
    const edited = structuredClone(scenario);
    const node = edited.nodes[taken.node]!;
    if (node.type !== 'choice') throw new Error('expected a choice node');
    for (const o of node.options) if (o.id === taken.choice) o.id = `${o.id}-renamed`;
    const result = decide(t.db, { userId, runId, scenarioId: 'broken-tooth-10', scenario: edited, maxScore, decision: bestChoices[k + 1]!, msTaken: 1 });
    expect(result).toMatchObject({ ok: false, status: 409 });
    expect(stored(runId)).toBe(k + 1);
  });
});
