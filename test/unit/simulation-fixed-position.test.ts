/**
 * Issue 15: always taking the same position at every choice step must not pass either shipped case,
 * for any run. Each run below is played through the learner's own view (the options in the order the
 * player shows them), taking position k, with every typed answer, form field and task answered
 * right: the strongest learner who still games the choices by position.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { checkFixedPositions } from '~/lib/content/checks/fixed-positions';
import type { ContentTree } from '~/lib/content/reader';
import {
  analyzeScenario,
  applyDecision,
  bestTaskSelection,
  currentStepView,
  replayRun,
  runDraw,
  runResult,
  startRun,
  type Decision,
  type RunState,
} from '~/lib/domain/simulation';
import { scenarioSchema, type Scenario } from '~/lib/shared/schemas/simulation';
import { loadFixture } from '../fixtures/simulation';

const load = (id: string): Scenario => scenarioSchema.parse(parse(readFileSync(join(process.cwd(), 'content', 'simulations', `${id}.yaml`), 'utf8')));
const maxOf = (id: string, s: Scenario) => {
  const a = analyzeScenario(id, s, { paths: false });
  if (!a.ok) throw new Error(a.errors.join('\n'));
  return a;
};
const RUNS = Array.from({ length: 200 }, (_, i) => i + 1);
type Position = number | 'last';

/** Plays run `runId` taking `position` at every choice as shown, everything else answered right. */
function playByPosition(scenario: Scenario, maxScore: number, runId: number, position: Position): RunState {
  let state = startRun(scenario);
  for (let step = 0; !state.finished; step++) {
    if (step > 200) throw new Error('the run did not end');
    const view = currentStepView(scenario, state, maxScore, runId);
    const node = scenario.nodes[state.node]!;
    let decision: Decision;
    if (view?.type === 'choice') {
      const at = position === 'last' ? view.options.length - 1 : Math.min(position, view.options.length - 1);
      decision = { node: state.node, kind: 'choice', choice: view.options[at]!.id };
    } else if (node.type === 'input') {
      const best = [...node.accepted].sort((a, b) => b.points - a.points)[0]!;
      decision = { node: state.node, kind: 'input', value: best.value };
    } else if (node.type === 'form') {
      decision = { node: state.node, kind: 'form', fields: Object.fromEntries(node.fields.map((f) => [f.id, f.accepted[0]!])) };
    } else if (node.type === 'task') {
      decision = { node: state.node, kind: 'task', elements: bestTaskSelection(node) };
    } else {
      decision = { node: state.node, kind: 'continue' };
    }
    const r = applyDecision(scenario, state, decision);
    if (!r.ok) throw new Error(`${state.node}: ${r.error}`);
    state = r.state;
  }
  return state;
}

describe.each(['upset-caller', 'broken-tooth-10'])('%s cannot be passed by always taking one position', (id) => {
  const scenario = load(id);
  const analysis = maxOf(id, scenario);

  it.each<Position>([0, 1, 2, 3, 'last'])('position %s never passes in 200 runs', (position) => {
    const passed = RUNS.filter((run) => {
      const state = playByPosition(scenario, analysis.maxScore, run, position);
      expect(state.finished).toBe(true);
      return runResult(scenario, state, analysis.maxScore).passed;
    });
    expect(passed).toEqual([]);
  });

  it('still passes along its best path, at full marks', () => {
    const replay = replayRun(scenario, analysis.bestChoices);
    if (!replay.ok) throw new Error(replay.error);
    expect(runResult(scenario, replay.state, analysis.maxScore)).toMatchObject({ passed: true, percent: 100 });
  });

  it('shows the same order on every reload of a run, and most runs keep their first draw', () => {
    const first = RUNS.map((run) => runDraw(scenario, run, analysis.maxScore));
    expect(RUNS.map((run) => runDraw(scenario, run, analysis.maxScore))).toEqual(first);
    const a = currentStepView(scenario, playByPosition(scenario, analysis.maxScore, 5, 99), analysis.maxScore, 5);
    expect(a?.type).toBe('end');
    // Redrawing only rules out rare alignments: at least three runs in four keep draw 0.
    expect(first.filter((d) => d === 0).length).toBeGreaterThanOrEqual(150);
  });
});

describe('the build check', () => {
  it('refuses a case a fixed position passes however the options are ordered', () => {
    // valid-critical-task: careful (2) or vague (0), the task (6) and either follow-up (2 or 0) all
    // reach 8 of 10, over the 7 needed; only "promise" (critical) fails. Some position holds careful
    // or vague in every order, so every sample run has a passing position whatever the draw.
    const scenario = loadFixture('valid-critical-task');
    const a = maxOf('valid-critical-task', scenario);
    const tree = { simulations: [{ id: 'valid-critical-task', file: 'simulations/valid-critical-task.yaml', data: scenario, analysis: a }] } as unknown as ContentTree;
    expect(checkFixedPositions(tree)).toEqual([
      'simulations/valid-critical-task.yaml: options: always taking one position passes 100 of 100 sample runs however the options are ordered; make passing need the best option at more steps (fewer points for partly right options, or a trust or quality gate before the good endings)',
    ]);
  });

  it('accepts both shipped cases', () => {
    const sims = ['upset-caller', 'broken-tooth-10'].map((id) => {
      const data = load(id);
      return { id, file: `simulations/${id}.yaml`, data, analysis: maxOf(id, data) };
    });
    expect(checkFixedPositions({ simulations: sims } as unknown as ContentTree)).toEqual([]);
  });
});
