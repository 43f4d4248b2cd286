/** Progress estimate of a case: fewest and most steps from each node to an end. */
import type { Scenario } from '~/lib/shared/schemas/simulation';
import { getNode } from './engine';
import { successors } from './graph';

const stepsCache = new WeakMap<Scenario, Map<string, { min: number; max: number }>>();

/**
 * Fewest and most steps (nodes to leave) from each node to an end, ignoring conditions: an estimate
 * for a progress bar. Wrong tries at an input do not count as steps.
 */
export function stepsToEnd(scenario: Scenario): Map<string, { min: number; max: number }> {
  const cached = stepsCache.get(scenario);
  if (cached) return cached;
  const out = new Map<string, { min: number; max: number }>();
  const open = new Set<string>();
  const visit = (nodeId: string): { min: number; max: number } => {
    const known = out.get(nodeId);
    if (known) return known;
    const node = getNode(scenario, nodeId);
    // Unknown targets and cycles only occur in scenarios that failed analysis; do not loop on them.
    if (!node || open.has(nodeId)) return { min: Infinity, max: 0 };
    if (node.type === 'end') {
      out.set(nodeId, { min: 0, max: 0 });
      return { min: 0, max: 0 };
    }
    open.add(nodeId);
    let min = Infinity;
    let max = 0;
    for (const target of successors(node)) {
      const r = visit(target);
      min = Math.min(min, r.min + 1);
      max = Math.max(max, r.max + 1);
    }
    open.delete(nodeId);
    const result = { min, max };
    out.set(nodeId, result);
    return result;
  };
  for (const nodeId of Object.keys(scenario.nodes)) visit(nodeId);
  stepsCache.set(scenario, out);
  return out;
}

