/**
 * Whether a run passed: a good ending, no critical option taken and enough points. Kept apart from
 * the state machine so the rule has one short home the engine, the views and the graph check share.
 */
import type { Scenario } from '~/lib/shared/schemas/simulation';
import { roundPoints } from './answers';
import type { RunState } from './engine';

/** True when the run took an option marked `critical`. */
export function tookCritical(scenario: Scenario, state: RunState): boolean {
  return state.log.some((e) => {
    const node = e.kind === 'choice' && Object.hasOwn(scenario.nodes, e.node) ? scenario.nodes[e.node] : undefined;
    return node?.type === 'choice' && node.options.some((o) => o.id === e.choice && o.critical === true);
  });
}

/** `critical`: a critical option was taken, so the run cannot pass. */
export type RunScore = { score: number; maxScore: number; percent: number; passed: boolean; critical: boolean };

/**
 * The run's score against the scenario maximum (from `analyzeScenario`). `passed` needs a finished
 * run with at least `passThreshold` percent; the comparison is done on the raw numbers so a rounded
 * percentage can never tip a run over the line.
 */
export function runResult(scenario: Scenario, state: RunState, maxScore: number): RunScore {
  const percent = maxScore > 0 ? Math.min(100, roundPoints((state.score / maxScore) * 100)) : 0;
  // A run passes only at a good ending and without a critical mistake, whatever the points.
  const critical = tookCritical(scenario, state);
  const passed =
    !critical && state.finished && state.good === true && maxScore > 0 && state.score * 100 >= scenario.passThreshold * maxScore - 1e-9;
  return { score: state.score, maxScore, percent, passed, critical };
}
