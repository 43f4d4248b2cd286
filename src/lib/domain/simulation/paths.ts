/**
 * The build check's view of every run a learner can make, not only the best one:
 * - the worst passing path: the lowest-scoring run that still passes (a good ending, no critical
 *   option, at least `passThreshold` percent), so authors see how much slack the pass mark leaves;
 * - critical options: a run that takes one can never pass, and authors must route it to a bad
 *   ending, so a critical option from which any good ending is still reachable is an error.
 *
 * Like graph.ts it searches (node, state variables) pairs with memoisation, but keeps for each pair
 * the set of point totals that can still be earned on the way to a good ending (every option, every
 * accepted answer after 0, 1 or more wrong tries, running out of tries, every subset of a form's
 * fields right, every selection at a task). Totals are whole hundredths, so sets stay small.
 */
import type { Decision, Scenario, ScenarioNode } from '~/lib/shared/schemas/simulation';
import { applyEffects, getNode, inputPoints, matchAccepted, resolveNext } from './engine';
import { allTaskSelections, scoreTask } from './task';

type Move = { decisions: Decision[]; centi: number; vars: Record<string, number>; to: string | null; critical: boolean; label: string; option?: string };

export type WorstPassing = { score: number; percent: number; path: string[]; decisions: Decision[] };
export type PathAudit = { errors: string[]; worstPassing: WorstPassing | null };

const toCenti = (points: number) => Math.round(points * 100);

function wrongValue(node: Extract<ScenarioNode, { type: 'input' }>): string {
  for (let i = 1; ; i++) {
    const candidate = node.normalize === 'number' || node.normalize === 'money' ? String(-987654321 - i) : `not-this-${i}`;
    if (!matchAccepted(node, candidate)) return candidate;
  }
}

/** Every move the engine allows from a node, folded to one per distinct (points, target). */
function movesOf(nodeId: string, node: ScenarioNode, vars: Record<string, number>, scenario: Scenario): Move[] {
  const plain = (decisions: Decision[], points: number, to: string | null, label: string): Move => ({ decisions, centi: toCenti(points), vars, to, critical: false, label });
  switch (node.type) {
    case 'end':
      return [];
    case 'scene':
      return [plain([{ node: nodeId, kind: 'continue' }], 0, resolveNext(node.next, vars), nodeId)];
    case 'choice':
      return node.options.map((o) => {
        const after = applyEffects(scenario, vars, o.effects);
        return { decisions: [{ node: nodeId, kind: 'choice', choice: o.id }], centi: toCenti(o.points), vars: after, to: resolveNext(o.next, after), critical: o.critical === true, label: `${nodeId} (${o.id})`, option: o.id };
      });
    case 'input': {
      const wrong = wrongValue(node);
      const tries = (n: number): Decision[] => Array.from({ length: n }, () => ({ node: nodeId, kind: 'input' as const, value: wrong }));
      const out: Move[] = [];
      const onSuccess = resolveNext(node.next, vars);
      for (const a of node.accepted)
        for (let before = 0; before < node.maxTries; before++)
          out.push(plain([...tries(before), { node: nodeId, kind: 'input', value: a.value }], inputPoints(a.points, before), onSuccess, before === 0 ? `${nodeId} (typed ${a.value})` : `${nodeId} (typed ${a.value} after ${before} wrong)`));
      out.push(plain(tries(node.maxTries), 0, node.nextOnFail ?? onSuccess, `${nodeId} (out of tries)`));
      return fold(out);
    }
    case 'form': {
      // Subset sums: one representative set of answers per distinct total.
      let sums = new Map<number, Record<string, string>>([[0, {}]]);
      for (const f of node.fields) {
        const next = new Map<number, Record<string, string>>();
        for (const [centi, fields] of sums) {
          if (!next.has(centi)) next.set(centi, { ...fields, [f.id]: '' });
          const right = centi + toCenti(f.points);
          if (!next.has(right)) next.set(right, { ...fields, [f.id]: f.accepted[0]! });
        }
        sums = next;
      }
      const to = resolveNext(node.next, vars);
      return [...sums].map(([centi, fields]) => ({ ...plain([{ node: nodeId, kind: 'form', fields }], 0, to, nodeId), centi }));
    }
    case 'task': {
      const to = resolveNext(node.next, vars);
      return fold(allTaskSelections(node).map((elements) => plain([{ node: nodeId, kind: 'task', elements }], scoreTask(node, elements).points, to, nodeId)));
    }
  }
}

function fold(moves: Move[]): Move[] {
  const seen = new Map<string, Move>();
  for (const m of moves) if (!seen.has(`${m.centi}|${m.to}`)) seen.set(`${m.centi}|${m.to}`, m);
  return [...seen.values()];
}

type Entry = { move: Move; nextKey: string } | null;

/**
 * Audits a scenario that passed the structural checks, given its maximum score. `maxStates` bounds
 * the search like graph.ts does; beyond it the audit reports an error instead of running on.
 */
export function auditPaths(id: string, scenario: Scenario, maxScore: number, maxStates: number): PathAudit {
  const names = Object.keys(scenario.state);
  const keyOf = (nodeId: string, vars: Record<string, number>) => `${nodeId}|${names.map((n) => vars[n]).join(',')}`;
  const sets = new Map<string, Map<number, Entry>>();
  const goodMemo = new Map<string, boolean>();
  const errors = new Set<string>();
  let visited = 0;

  // Whether any good ending can be reached from here, by any moves at all.
  const reachesGood = (nodeId: string, vars: Record<string, number>): boolean => {
    const key = keyOf(nodeId, vars);
    const known = goodMemo.get(key);
    if (known !== undefined) return known;
    if (++visited > maxStates) throw new RangeError('too many states');
    const node = getNode(scenario, nodeId)!;
    let found = node.type === 'end' && node.good;
    for (const m of movesOf(nodeId, node, vars, scenario)) if (!found && m.to !== null) found = reachesGood(m.to, m.vars);
    goodMemo.set(key, found);
    return found;
  };

  // Totals (in hundredths) still earnable on the way to a good ending without a critical option.
  const solve = (nodeId: string, vars: Record<string, number>): Map<number, Entry> => {
    const key = keyOf(nodeId, vars);
    const known = sets.get(key);
    if (known) return known;
    if (++visited > maxStates) throw new RangeError('too many states');
    const node = getNode(scenario, nodeId)!;
    const out = new Map<number, Entry>();
    if (node.type === 'end' && node.good) out.set(0, null);
    for (const m of movesOf(nodeId, node, vars, scenario)) {
      if (m.to === null) continue;
      if (m.critical) {
        if (reachesGood(m.to, m.vars))
          errors.add(`${id}: node "${nodeId}": option "${m.option}" is critical, but a run that takes it can still reach a good ending; route it to a bad ending`);
        continue;
      }
      for (const rest of solve(m.to, m.vars).keys()) {
        const total = m.centi + rest;
        if (!out.has(total)) out.set(total, { move: m, nextKey: keyOf(m.to, m.vars) });
      }
    }
    sets.set(key, out);
    return out;
  };

  const initial: Record<string, number> = {};
  for (const [name, def] of Object.entries(scenario.state)) initial[name] = def.initial;
  let root: Map<number, Entry>;
  try {
    root = solve(scenario.start, initial);
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    return { errors: [`${id}: node "${scenario.start}": more than ${maxStates} different (node, state) combinations to audit; use fewer state variables`], worstPassing: null };
  }
  if (errors.size) return { errors: [...errors], worstPassing: null };

  const passing = [...root.keys()].filter((c) => c * 100 >= scenario.passThreshold * toCenti(maxScore) - 1e-6).sort((a, b) => a - b);
  if (passing.length === 0) return { errors: [], worstPassing: null };
  const worst = passing[0]!;
  const path: string[] = [];
  const decisions: Decision[] = [];
  let key = keyOf(scenario.start, initial);
  let left = worst;
  for (let entry = root.get(left); entry; entry = sets.get(key)?.get(left)) {
    path.push(entry.move.label);
    decisions.push(...entry.move.decisions);
    left -= entry.move.centi;
    key = entry.nextKey;
  }
  path.push(key.split('|')[0]!);
  const score = worst / 100;
  return { errors: [], worstPassing: { score, percent: maxScore > 0 ? Math.round((score / maxScore) * 10000) / 100 : 0, path, decisions } };
}
