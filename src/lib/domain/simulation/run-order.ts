/**
 * The option order a run shows at every choice step, drawn for the run as a whole.
 *
 * Why not one independent shuffle per step: then "always take the first option" (or the second, or
 * the last) is a random walk through the case, and a random walk passes now and then. With 9
 * choice steps of 3 or 4 options, some run seeds put the best option in the same place at nearly
 * every step, and for those seeds a fixed position is simply the best path. No scoring can stop
 * that; only the orders can. So a run uses the first of its seeded draws (shuffle.ts, draw 0, 1,
 * 2…) under which no fixed position passes the case, even with every typed answer, form and
 * task right. Each step's order on its own stays a fair shuffle; the draw only rules out the
 * rare alignments. A case too lenient for any draw to work (every draw lets a position pass)
 * keeps draw 0, and the build check (paths.ts, `fixedPositionProblems`) refuses it.
 */
import type { Decision, Scenario, ScenarioNode } from '~/lib/shared/schemas/simulation';
import { applyDecision, startRun, type RunState } from './engine';
import { runResult } from './result';
import { inRunOrder } from './shuffle';
import { bestTaskSelection } from './task';

/** Draws tried before a run falls back to draw 0. One draw in four or five is redrawn for the shipped cases. */
export const MAX_DRAWS = 32;

/** The decision a learner who knows every answer but always takes `position` makes at `node`. */
function positionDecision(nodeId: string, node: ScenarioNode, position: number, order: <T>(items: readonly T[]) => T[]): Decision | null {
  switch (node.type) {
    case 'scene':
      return { node: nodeId, kind: 'continue' };
    case 'choice': {
      const shown = order(node.options);
      return { node: nodeId, kind: 'choice', choice: shown[Math.min(position, shown.length - 1)]!.id };
    }
    case 'input': {
      const best = node.accepted.reduce((a, b) => (b.points > a.points ? b : a));
      return { node: nodeId, kind: 'input', value: best.value };
    }
    case 'form':
      return { node: nodeId, kind: 'form', fields: Object.fromEntries(node.fields.map((f) => [f.id, f.accepted[0]!])) };
    case 'task':
      return { node: nodeId, kind: 'task', elements: bestTaskSelection(node) };
    case 'end':
      return null;
  }
}

/**
 * Plays a run that takes the option at `position` (0 = first; past the end means the last) at
 * every choice and answers everything else right. `runId` and `draw` give the order shown.
 */
export function playFixedPosition(scenario: Scenario, runId: number, draw: number, position: number): RunState {
  let state = startRun(scenario);
  // Every step is logged or ends the run, so a run is never longer than this.
  for (let steps = 0; !state.finished && steps < 10_000; steps++) {
    const node = Object.hasOwn(scenario.nodes, state.node) ? scenario.nodes[state.node] : undefined;
    const decision = node && positionDecision(state.node, node, position, (items) => inRunOrder(runId, state.node, items, draw));
    if (!decision) break;
    const applied = applyDecision(scenario, state, decision);
    if (!applied.ok) break;
    state = applied.state;
  }
  return state;
}

/** The most options any choice step has: positions 0 to this minus 1 cover first to last. */
export function positionCount(scenario: Scenario): number {
  return Math.max(0, ...Object.values(scenario.nodes).map((n) => (n.type === 'choice' ? n.options.length : 0)));
}

/** Whether some fixed position passes the case under this run's draw. */
export function fixedPositionPasses(scenario: Scenario, runId: number, draw: number, maxScore: number): boolean {
  for (let position = 0; position < positionCount(scenario); position++) {
    if (runResult(scenario, playFixedPosition(scenario, runId, draw, position), maxScore).passed) return true;
  }
  return false;
}

const draws = new WeakMap<Scenario, Map<number, number>>();

/** The draw this run uses: the first no fixed position can pass, else 0. Remembered per scenario object. */
export function runDraw(scenario: Scenario, runId: number, maxScore: number): number {
  let known = draws.get(scenario);
  if (!known) draws.set(scenario, (known = new Map()));
  const cached = known.get(runId);
  if (cached !== undefined) return cached;
  let chosen = 0;
  for (let draw = 0; draw < MAX_DRAWS; draw++) {
    if (!fixedPositionPasses(scenario, runId, draw, maxScore)) {
      chosen = draw;
      break;
    }
  }
  // Runs are few per process, but keep the memo bounded anyway.
  if (known.size >= 10_000) known.clear();
  known.set(runId, chosen);
  return chosen;
}

/** The items of `nodeId` (a choice's options, a task's elements) in the order this run shows them. */
export function runItems<T>(scenario: Scenario, runId: number, maxScore: number, nodeId: string, items: readonly T[]): T[] {
  return inRunOrder(runId, nodeId, items, runDraw(scenario, runId, maxScore));
}
