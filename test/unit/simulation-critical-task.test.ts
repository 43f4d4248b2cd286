import { describe, expect, it } from 'vitest';
import {
  analyzeScenario,
  applyDecision,
  currentStepView,
  historyView,
  replayRun,
  runOrder,
  runResult,
  startRun,
  type Decision,
} from '~/lib/domain/simulation';
import { decisionSchema, scenarioSchema } from '~/lib/shared/schemas/simulation';
import { loadFixture, pick, playOn } from '../fixtures/simulation';

const scenario = loadFixture('valid-critical-task');
const task = (elements: string[]): Decision => ({ node: 'narrative', kind: 'task', elements });
const REQUIRED = ['what-happened', 'findings', 'why-needed'];

describe('the run order of options (shuffle)', () => {
  it('is a permutation that stays the same for the same run and node', () => {
    const order = runOrder(42, 'promise', 5);
    expect([...order].sort()).toEqual([0, 1, 2, 3, 4]);
    expect(runOrder(42, 'promise', 5)).toEqual(order);
  });

  it('differs across runs, and puts each option first about as often', () => {
    const firsts = [0, 0, 0];
    const orders = new Set<string>();
    for (let run = 1; run <= 60; run++) {
      const order = runOrder(run, 'promise', 3);
      orders.add(order.join());
      firsts[order[0]!]! += 1;
    }
    // 3 options have 3! = 6 orders; 60 runs should meet all of them and each first about 20 times.
    expect(orders.size).toBe(6);
    for (const n of firsts) expect(n).toBeGreaterThanOrEqual(10);
  });

  it('shows a choice in the run order on every reload, with ids and texts only', () => {
    const state = startRun(scenario);
    const a = currentStepView(scenario, state, 10, 7);
    const again = currentStepView(scenario, state, 10, 7);
    expect(again).toEqual(a);
    if (a?.type !== 'choice') throw new Error('expected a choice');
    expect(a.options.map((o) => o.id).sort()).toEqual(['careful', 'promise', 'vague']);
    const byRun = new Set<string>();
    for (let run = 1; run <= 20; run++) {
      const v = currentStepView(scenario, state, 10, run);
      if (v?.type === 'choice') byRun.add(v.options.map((o) => o.id).join());
    }
    expect(byRun.size).toBeGreaterThan(1);
    for (const o of a.options) expect(Object.keys(o).sort()).toEqual(['id', 'text']);
    const json = JSON.stringify(a);
    for (const secret of ['FB-CAREFUL', 'FB-PROMISE', 'FB-VAGUE', 'critical', 'points', 'complaint', 'narrative']) expect(json).not.toContain(secret);
  });

  it('never changes scoring: the same option earns the same in any order', () => {
    for (const run of [1, 2, 3]) {
      const v = currentStepView(scenario, startRun(scenario), 10, run);
      if (v?.type !== 'choice') throw new Error('expected a choice');
      const r = applyDecision(scenario, startRun(scenario), pick('promise', 'careful'));
      expect(r.ok && r.result.points).toBe(2);
    }
  });
});

describe('critical options', () => {
  it('ends the run at the bad ending and never passes', () => {
    const state = playOn(scenario, [pick('promise', 'promise')]);
    expect(state).toMatchObject({ finished: true, good: false, outcome: 'complaint', score: 2 });
    expect(runResult(scenario, state, 10)).toEqual({ score: 2, maxScore: 10, percent: 20, passed: false, critical: true });
  });

  it('fails a run with every point at a good ending when it took a critical option', () => {
    // Built in memory, past the build check, to show the engine rule on its own.
    const raw = {
      title: 'x', course: 'c', summary: 's', objectives: ['o'], minutes: 1, passThreshold: 50, role: 'r', start: 'q',
      nodes: {
        q: { type: 'choice', prompt: 'p', options: [
          { id: 'bad', text: 'b', points: 4, critical: true, feedback: 'f', next: 'end' },
          { id: 'ok', text: 'o', points: 4, feedback: 'f', next: 'end' },
        ] },
        end: { type: 'end', outcome: 'fine', label: 'Fine', good: true, debrief: 'd' },
      },
    };
    const inMemory = scenarioSchema.parse(raw);
    const bad = playOn(inMemory, [pick('q', 'bad')]);
    expect(runResult(inMemory, bad, 4)).toEqual({ score: 4, maxScore: 4, percent: 100, passed: false, critical: true });
    const ok = playOn(inMemory, [pick('q', 'ok')]);
    expect(runResult(inMemory, ok, 4)).toEqual({ score: 4, maxScore: 4, percent: 100, passed: true, critical: false });
  });

  it('styles the critical choice as wrong even though it earns points', () => {
    const r = applyDecision(scenario, startRun(scenario), pick('promise', 'promise'));
    expect(r.ok && r.result.verdict).toBe('wrong');
    const vague = applyDecision(scenario, startRun(scenario), pick('promise', 'vague'));
    expect(vague.ok && vague.result.verdict).toBe('wrong');
  });

  it('is refused at build time when a good ending can still be reached after it', () => {
    const analysis = analyzeScenario('broken-critical-good', loadFixture('broken-critical-good'));
    expect(analysis).toEqual({
      ok: false,
      errors: ['broken-critical-good: node "promise": option "promise" is critical, but a run that takes it can still reach a good ending; route it to a bad ending'],
    });
  });
});

describe('performance task', () => {
  const atTask = playOn(scenario, [pick('promise', 'careful')]);

  it('shows the elements without the rubric or any feedback before the commit', () => {
    const v = currentStepView(scenario, atTask, 10, 3);
    if (v?.type !== 'task') throw new Error('expected a task');
    expect(v.elements.map((e) => e.id).sort()).toEqual(['cosmetic', 'fee', 'findings', 'what-happened', 'why-needed']);
    const json = JSON.stringify(v);
    for (const secret of ['FB-EL', 'RB-', 'rubric', 'include', 'exclude', 'points']) expect(json).not.toContain(secret);
  });

  it('scores every rubric line met: 3 + 2 + 1 = 6 points', () => {
    const r = applyDecision(scenario, atTask, task(REQUIRED));
    if (!r.ok) throw new Error(r.error);
    expect(r.result).toMatchObject({ points: 6, correct: true, verdict: 'right', feedback: '3 of 3 rubric lines met.' });
    expect(r.state).toMatchObject({ node: 'follow', score: 8 });
  });

  it('takes the no-distractor point away for a distractor and the story points for a missing element', () => {
    const r = applyDecision(scenario, atTask, task(['findings', 'why-needed', 'fee']));
    if (!r.ok) throw new Error(r.error);
    expect(r.result.criteria?.map((c) => [c.id, c.met, c.points])).toEqual([
      ['story', false, 0],
      ['necessity', true, 2],
      ['no-distractors', false, 0],
    ]);
    expect(r.result).toMatchObject({ points: 2, correct: false, verdict: 'partly' });
    expect(r.result.elements?.filter((e) => e.chosen).map((e) => e.id)).toEqual(['findings', 'why-needed', 'fee']);
  });

  it('refuses an empty, unknown or repeated selection and leaves the run as it was', () => {
    for (const [elements, message] of [
      [[], 'Choose at least one element for the narrative.'],
      [['made-up'], 'That element is not offered at this step.'],
      [['findings', 'findings'], 'Each element can be chosen only once.'],
    ] as const) {
      const r = applyDecision(scenario, atTask, task([...elements]));
      expect(r).toEqual({ ok: false, error: message });
    }
    expect(decisionSchema.safeParse({ node: 'narrative', kind: 'task', elements: Array.from({ length: 13 }, (_, i) => `e${i}`) }).success).toBe(false);
  });

  it('replays from the stored decisions and shows the rubric and element feedback in the history', () => {
    const replay = replayRun(scenario, [pick('promise', 'careful'), task(['why-needed', 'what-happened', 'findings']), pick('follow', 'corrected')]);
    if (!replay.ok) throw new Error(replay.error);
    // Stored in the author's order whatever order the learner ticked them in.
    expect(replay.state.log[1]).toEqual({ node: 'narrative', kind: 'task', elements: REQUIRED, points: 6, correct: true });
    expect(runResult(scenario, replay.state, 10)).toEqual({ score: 10, maxScore: 10, percent: 100, passed: true, critical: false });
    const entry = historyView(scenario, replay.state)[1];
    if (entry?.type !== 'task') throw new Error('expected the task in the history');
    expect(entry.criteria.map((c) => c.label)).toEqual(['RB-STORY', 'RB-NECESSITY', 'RB-CLEAN']);
    expect(entry.elements.find((e) => e.id === 'cosmetic')).toEqual({ id: 'cosmetic', text: 'EL-COSMETIC', chosen: false, feedback: 'FB-EL-COSMETIC' });
  });

  it('is refused at build time when its rubric names a missing element or contradicts itself', () => {
    const analysis = analyzeScenario('broken-task-rubric', loadFixture('broken-task-rubric'));
    expect(analysis.ok).toBe(false);
    if (analysis.ok) return;
    expect(analysis.errors).toEqual([
      'broken-task-rubric: node "narrative": rubric line "one": element "missing" does not exist',
      'broken-task-rubric: node "narrative": rubric line "two": element "a" is excluded here but included by another line, so no selection meets every line',
    ]);
  });
});

describe('build check: best and worst passing paths', () => {
  const analysis = analyzeScenario('valid-critical-task', scenario);
  if (!analysis.ok) throw new Error(analysis.errors.join('\n'));

  it('computes the maximum through the task: 2 + 6 + 2 = 10', () => {
    expect(analysis.maxScore).toBe(10);
    expect(analysis.bestChoices).toEqual([pick('promise', 'careful'), task(REQUIRED), pick('follow', 'corrected')]);
  });

  it('reports the worst passing path: 7 of 10 (70 %), which replays to a pass', () => {
    expect(analysis.worstPassing).toMatchObject({ score: 7, percent: 70 });
    const replay = replayRun(scenario, analysis.worstPassing!.decisions);
    if (!replay.ok) throw new Error(replay.error);
    expect(runResult(scenario, replay.state, 10)).toMatchObject({ score: 7, passed: true });
    expect(analysis.worstPassing!.path.at(-1)).toBe('paid');
  });
});
