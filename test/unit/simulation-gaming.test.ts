/**
 * Always picking the same position must not pass a shipped case: not in the author's order, and not
 * in the order the server shows for any of a range of runs. Typed answers, forms and tasks are
 * answered as well as possible, so only the choices are gamed.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { applyDecision, bestTaskSelection, runOrder, runResult, startRun, validateScenario, type Decision } from '../../src/lib/domain/simulation';
import type { Scenario } from '../../src/lib/shared/schemas/simulation';

type Position = 'first' | 'second' | 'last';

function playByPosition(scenario: Scenario, maxScore: number, position: Position, runId: number | null) {
  let state = startRun(scenario);
  for (let step = 0; !state.finished && step < 500; step++) {
    const node = scenario.nodes[state.node]!;
    let d: Decision;
    switch (node.type) {
      case 'scene':
        d = { node: state.node, kind: 'continue' };
        break;
      case 'choice': {
        const order = runId === null ? node.options.map((_, i) => i) : runOrder(runId, state.node, node.options.length);
        const at = position === 'first' ? 0 : position === 'second' ? 1 : order.length - 1;
        d = { node: state.node, kind: 'choice', choice: node.options[order[at]!]!.id };
        break;
      }
      case 'input':
        d = { node: state.node, kind: 'input', value: node.accepted.reduce((a, b) => (b.points > a.points ? b : a)).value };
        break;
      case 'form':
        d = { node: state.node, kind: 'form', fields: Object.fromEntries(node.fields.map((f) => [f.id, f.accepted[0]!])) };
        break;
      case 'task':
        d = { node: state.node, kind: 'task', elements: bestTaskSelection(node) };
        break;
      default:
        throw new Error('unreachable');
    }
    const r = applyDecision(scenario, state, d);
    if (!r.ok) throw new Error(`${state.node}: ${r.error}`);
    state = r.state;
  }
  expect(state.finished).toBe(true);
  return runResult(scenario, state, maxScore);
}

describe.each(['broken-tooth-10', 'upset-caller'])('%s cannot be passed by always picking one position', (id) => {
  const v = validateScenario(id, parse(readFileSync(`content/simulations/${id}.yaml`, 'utf8')));
  if (!v.ok) throw new Error(v.errors.join('\n'));
  const { scenario, analysis } = v;

  it.each(['first', 'second', 'last'] as const)('in the author\'s order: always the %s option fails', (position) => {
    expect(playByPosition(scenario, analysis.maxScore, position, null).passed).toBe(false);
  });

  it.each(['first', 'second', 'last'] as const)('in the order shown to runs 1 to 40: always the %s option fails', (position) => {
    const passedRuns = Array.from({ length: 40 }, (_, i) => i + 1).filter((run) => playByPosition(scenario, analysis.maxScore, position, run).passed);
    expect(passedRuns).toEqual([]);
  });

  it('the best path still passes, so the test above can tell the difference', () => {
    let state = startRun(scenario);
    for (const d of analysis.bestChoices) {
      const r = applyDecision(scenario, state, d);
      if (!r.ok) throw new Error(r.error);
      state = r.state;
    }
    expect(runResult(scenario, state, analysis.maxScore).passed).toBe(true);
  });
});
