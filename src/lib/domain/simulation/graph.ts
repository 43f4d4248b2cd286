/**
 * Build-time checks of a case simulation and its maximum score.
 *
 * Structure first (targets exist, rules well formed, variables declared, every node reachable, no
 * cycle, a good ending exists); then an exact search over the runs the engine can actually produce.
 *
 * Maximum score and best path: a depth-first search over (node, values of all state variables),
 * memoised on that pair. From each pair it follows every transition the engine allows, using the
 * engine's own `applyEffects` and `resolveNext`, so conditional routing is decided by the state a
 * real run would have:
 * - scene: "continue", 0 points;
 * - choice: each option, its points and effects, then its `next` under the new state;
 * - input: the best accepted answer on the first try (other accepted answers lead to the same place
 *   with fewer points), and, when `nextOnFail` leads elsewhere, running out of tries for 0 points;
 * - form: every field right (a wrong field only loses points; forms have no effects);
 * - end: 0 more points if good, otherwise the path does not count.
 * The best value of a pair is its best transition's points plus the best value of where it leads.
 * The graph is acyclic (checked first), so the recursion ends; memoisation makes it linear in the
 * number of distinct (node, state) pairs, which stays small for authored scenarios (a cap turns a
 * runaway state space into a build error instead of a hung build). Ties go to the earlier option,
 * so the best path is deterministic and can be replayed as a test.
 */
import type { ZodError } from 'zod';
import type { Decision, InputNode, Next, Scenario, ScenarioNode } from '~/lib/shared/schemas/simulation';
import { scenarioSchema } from '~/lib/shared/schemas/simulation';
import { applyEffects, getNode, matchAccepted, normalizeAnswer, resolveNext, roundPoints } from './engine';
import { bestTaskSelection, checkTask, scoreTask } from './task';
import { auditPaths, type WorstPassing } from './paths';

export type ScenarioAnalysis =
  | {
      ok: true;
      /** Highest total points of any realisable run that ends at a good end. */
      maxScore: number;
      /** Node ids of that run, from start to its end node. */
      bestPath: string[];
      /** The decisions of that run, in order; `replayRun` on them reaches the good end with `maxScore`. */
      bestChoices: Decision[];
      /** The lowest-scoring run that still passes (null only if none does, which a valid case never has). */
      worstPassing: WorstPassing | null;
      /** Authoring smells that do not break a run, e.g. a node no state can route to. */
      warnings: string[];
    }
  | { ok: false; errors: string[] };

/** Beyond this many (node, state) pairs the build stops rather than search for minutes. */
export const MAX_SEARCH_STATES = 100_000;

/** Normalised number/money answers are plain numbers; anything else can never be typed to match. */
const isNumber = (normalised: string) => normalised !== '' && Number.isFinite(Number(normalised));

type Edge = { label: string; target: string };

/** Every `next`-like field of a node with a label for messages, in author order. */
function routesOf(node: ScenarioNode): Array<{ label: string; next: Next }> {
  switch (node.type) {
    case 'scene':
    case 'form':
    case 'task':
      return [{ label: 'next', next: node.next }];
    case 'input':
      return [{ label: 'next', next: node.next }, ...(node.nextOnFail ? [{ label: 'nextOnFail', next: node.nextOnFail }] : [])];
    case 'choice':
      return node.options.map((o) => ({ label: `option "${o.id}": next`, next: o.next }));
    case 'end':
      return [];
  }
}

function edgesOf(node: ScenarioNode): Edge[] {
  return routesOf(node).flatMap(({ label, next }) =>
    typeof next === 'string' ? [{ label, target: next }] : next.map((r, i) => ({ label: `${label} rule ${i + 1}: to`, target: r.to })),
  );
}

/** Structural successors (every rule's target), for reachability, cycles and progress estimates. */
export function successors(node: ScenarioNode): string[] {
  return [...new Set(edgesOf(node).map((e) => e.target))];
}

function checkStructure(id: string, scenario: Scenario): string[] {
  const errors: string[] = [];
  const at = (node: string, message: string) => errors.push(`${id}: node "${node}": ${message}`);
  const declared = (name: string) => Object.hasOwn(scenario.state, name);
  const nodeIds = Object.keys(scenario.nodes);

  if (!getNode(scenario, scenario.start)) errors.push(`${id}: start "${scenario.start}" does not exist (nodes: ${nodeIds.join(', ')})`);

  for (const [nodeId, node] of Object.entries(scenario.nodes)) {
    for (const { label, next } of routesOf(node)) {
      if (typeof next === 'string') {
        if (!getNode(scenario, next)) at(nodeId, `${label} "${next}" does not exist`);
        continue;
      }
      next.forEach((rule, i) => {
        const where = `${label} rule ${i + 1}`;
        if (!getNode(scenario, rule.to)) at(nodeId, `${where}: to "${rule.to}" does not exist`);
        if (rule.if && !declared(rule.if.var)) at(nodeId, `${where}: condition uses undeclared variable "${rule.if.var}"`);
        if (!rule.if && i < next.length - 1)
          at(nodeId, `${where} has no "if", so the rules after it never apply; only the last rule may omit "if"`);
      });
      if (next[next.length - 1]?.if)
        at(nodeId, `${label}: the last rule has an "if"; end the list with a rule without "if" (the default route)`);
    }

    if (node.type === 'choice') {
      const seen = new Set<string>();
      for (const option of node.options) {
        if (seen.has(option.id)) at(nodeId, `option id "${option.id}" is used more than once`);
        seen.add(option.id);
        for (const name of Object.keys(option.effects ?? {}))
          if (!declared(name)) at(nodeId, `option "${option.id}": effects use undeclared variable "${name}"`);
      }
    }

    if (node.type === 'input') {
      const numeric = node.normalize === 'number' || node.normalize === 'money';
      const acceptedSeen = new Map<string, string>();
      for (const a of node.accepted) {
        const norm = normalizeAnswer(node.normalize, a.value);
        if (numeric && !isNumber(norm)) at(nodeId, `accepted "${a.value}" is not a number, so no typed answer can match it`);
        const twin = acceptedSeen.get(norm);
        if (twin !== undefined) at(nodeId, `accepted "${a.value}" is the same answer as "${twin}" once normalised (${node.normalize})`);
        else acceptedSeen.set(norm, a.value);
      }
      for (const w of node.wrong ?? []) {
        const twin = acceptedSeen.get(normalizeAnswer(node.normalize, w.value));
        if (twin !== undefined) at(nodeId, `wrong answer "${w.value}" is also accepted (as "${twin}")`);
      }
    }

    if (node.type === 'task') for (const message of checkTask(node)) at(nodeId, message);

    if (node.type === 'form') {
      const seen = new Set<string>();
      for (const field of node.fields) {
        if (seen.has(field.id)) at(nodeId, `field id "${field.id}" is used more than once`);
        seen.add(field.id);
        const kind = field.normalize;
        if (field.kind === 'text' && (kind === 'number' || kind === 'money'))
          for (const a of field.accepted)
            if (!isNumber(normalizeAnswer(kind, a)))
              at(nodeId, `field "${field.id}": accepted "${a}" is not a number, so no typed answer can match it`);
      }
    }
  }
  if (errors.length) return errors;

  // Reachability and cycles only make sense once every target exists.
  const reachable = new Set<string>([scenario.start]);
  const queue = [scenario.start];
  while (queue.length) {
    const current = queue.shift()!;
    for (const target of successors(getNode(scenario, current)!))
      if (!reachable.has(target)) {
        reachable.add(target);
        queue.push(target);
      }
  }
  for (const nodeId of nodeIds)
    if (!reachable.has(nodeId)) at(nodeId, `is unreachable: no path from start "${scenario.start}" leads to it`);

  const cycle = findCycle(scenario);
  if (cycle) at(cycle[0]!, `is part of a cycle: ${cycle.join(' -> ')}; a case must always move forward to an end`);

  const ends = nodeIds.filter((n) => getNode(scenario, n)!.type === 'end');
  if (ends.length === 0) at(scenario.start, 'no node has type end, so no run can finish');
  else if (!ends.some((n) => (getNode(scenario, n) as { good: boolean }).good))
    errors.push(`${id}: no good ending: none of the end nodes ${ends.map((n) => `"${n}"`).join(', ')} has good: true`);
  return errors;
}

/** One cycle as a closed list of node ids (first = last), or null. */
function findCycle(scenario: Scenario): string[] | null {
  const colour = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (nodeId: string): string[] | null => {
    colour.set(nodeId, 'open');
    stack.push(nodeId);
    for (const target of successors(getNode(scenario, nodeId)!)) {
      const c = colour.get(target);
      if (c === 'open') return [...stack.slice(stack.indexOf(target)), target];
      if (c === undefined) {
        const found = visit(target);
        if (found) return found;
      }
    }
    stack.pop();
    colour.set(nodeId, 'done');
    return null;
  };
  for (const nodeId of Object.keys(scenario.nodes)) {
    if (colour.has(nodeId)) continue;
    const found = visit(nodeId);
    if (found) return found;
  }
  return null;
}

type Transition = { decisions: Decision[]; points: number; vars: Record<string, number>; to: string | null };

/** A typed value that none of the accepted answers match, to replay running out of tries. */
function wrongValueFor(node: InputNode): string {
  const numeric = node.normalize === 'number' || node.normalize === 'money';
  for (let i = 1; ; i++) {
    const candidate = numeric ? String(-987654321 - i) : `not-this-${i}`;
    if (!matchAccepted(node, candidate)) return candidate;
  }
}

/** The moves the engine allows from a node under a state, restricted to those that can matter for the maximum. */
function transitions(nodeId: string, node: ScenarioNode, vars: Record<string, number>, scenario: Scenario): Transition[] {
  switch (node.type) {
    case 'end':
      return [];
    case 'scene':
      return [{ decisions: [{ node: nodeId, kind: 'continue' }], points: 0, vars, to: resolveNext(node.next, vars) }];
    case 'choice':
      return node.options.map((o) => {
        const after = applyEffects(scenario, vars, o.effects);
        return { decisions: [{ node: nodeId, kind: 'choice', choice: o.id }], points: o.points, vars: after, to: resolveNext(o.next, after) };
      });
    case 'input': {
      const best = node.accepted.reduce((a, b) => (b.points > a.points ? b : a));
      const onSuccess = resolveNext(node.next, vars);
      const out: Transition[] = [{ decisions: [{ node: nodeId, kind: 'input', value: best.value }], points: best.points, vars, to: onSuccess }];
      const onFail = node.nextOnFail ?? onSuccess;
      if (onFail !== onSuccess) {
        const wrong = wrongValueFor(node);
        out.push({
          decisions: Array.from({ length: node.maxTries }, () => ({ node: nodeId, kind: 'input' as const, value: wrong })),
          points: 0,
          vars,
          to: onFail,
        });
      }
      return out;
    }
    case 'form': {
      const fields: Record<string, string> = {};
      for (const f of node.fields) fields[f.id] = f.accepted[0]!;
      const points = roundPoints(node.fields.reduce((sum, f) => sum + f.points, 0));
      return [{ decisions: [{ node: nodeId, kind: 'form', fields }], points, vars, to: resolveNext(node.next, vars) }];
    }
    case 'task': {
      const elements = bestTaskSelection(node);
      const points = scoreTask(node, elements).points;
      return [{ decisions: [{ node: nodeId, kind: 'task', elements }], points, vars, to: resolveNext(node.next, vars) }];
    }
  }
}

type Solved = { score: number; step: Transition | null; nextKey: string | null };

class SearchTooLarge extends Error {}

/**
 * Checks a parsed scenario and computes its maximum score and a best path. Every error names the
 * scenario and, where there is one, the node (`broken-tooth-10: node "dx-code": next "form-box" does not exist`).
 */
export function analyzeScenario(id: string, scenario: Scenario, options: { paths?: boolean } = {}): ScenarioAnalysis {
  const errors = checkStructure(id, scenario);
  if (errors.length) return { ok: false, errors };

  const names = Object.keys(scenario.state);
  const keyOf = (nodeId: string, vars: Record<string, number>) => `${nodeId}|${names.map((n) => vars[n]).join(',')}`;
  const memo = new Map<string, Solved>();
  const reached = new Set<string>();
  const brokenRoutes: string[] = [];

  const solve = (nodeId: string, vars: Record<string, number>): Solved => {
    const key = keyOf(nodeId, vars);
    const known = memo.get(key);
    if (known) return known;
    if (memo.size >= MAX_SEARCH_STATES) throw new SearchTooLarge();
    reached.add(nodeId);
    const node = getNode(scenario, nodeId)!;
    let best: Solved = { score: node.type === 'end' && node.good ? 0 : -Infinity, step: null, nextKey: null };
    for (const t of transitions(nodeId, node, vars, scenario)) {
      // Structure checks guarantee a default rule and existing targets; keep the search honest anyway.
      if (t.to === null) {
        brokenRoutes.push(nodeId);
        continue;
      }
      const rest = solve(t.to, t.vars);
      const total = roundPoints(t.points + rest.score);
      if (total > best.score) best = { score: total, step: t, nextKey: keyOf(t.to, t.vars) };
    }
    memo.set(key, best);
    return best;
  };

  const initial: Record<string, number> = {};
  for (const [name, def] of Object.entries(scenario.state)) initial[name] = def.initial;
  let root: Solved;
  try {
    root = solve(scenario.start, initial);
  } catch (e) {
    if (!(e instanceof SearchTooLarge)) throw e;
    return {
      ok: false,
      errors: [
        `${id}: node "${scenario.start}": more than ${MAX_SEARCH_STATES} different (node, state) combinations; ` +
          'use fewer state variables or coarser effects so the maximum score can be computed',
      ],
    };
  }
  if (brokenRoutes.length)
    return { ok: false, errors: [...new Set(brokenRoutes)].map((n) => `${id}: node "${n}": no rule of its next matches`) };

  const goodEnds = Object.entries(scenario.nodes)
    .filter(([, n]) => n.type === 'end' && n.good)
    .map(([n]) => `"${n}"`);
  if (root.score === -Infinity)
    return {
      ok: false,
      errors: [`${id}: node "${scenario.start}": no sequence of decisions from start reaches a good end (${goodEnds.join(', ')}); check the conditions on the way`],
    };
  if (root.score <= 0)
    return {
      ok: false,
      errors: [`${id}: node "${scenario.start}": the best run to a good end scores ${root.score} points; the maximum score must be above 0`],
    };

  const bestPath = [scenario.start];
  const bestChoices: Decision[] = [];
  let current: Solved | undefined = root;
  while (current?.step && current.nextKey) {
    bestChoices.push(...current.step.decisions);
    bestPath.push(current.step.to!);
    current = memo.get(current.nextKey);
  }

  const warnings = Object.keys(scenario.nodes)
    .filter((n) => !reached.has(n))
    .map((n) => `${id}: node "${n}": no run can reach it, because the conditions on the way to it never hold`);
  // The path audit is a build check; the server, which content:check already vouched for, skips it.
  const audit = options.paths === false ? { errors: [], worstPassing: null } : auditPaths(id, scenario, root.score, MAX_SEARCH_STATES);
  if (audit.errors.length) return { ok: false, errors: audit.errors };
  return { ok: true, maxScore: root.score, bestPath, bestChoices, worstPassing: audit.worstPassing, warnings };
}

const cache = new WeakMap<Scenario, ScenarioAnalysis>();

/**
 * `analyzeScenario` without the build-only path audit, remembered per scenario object (content is
 * loaded once per server process): what the server needs is the maximum score.
 */
export function analyzeScenarioCached(id: string, scenario: Scenario): ScenarioAnalysis {
  let result = cache.get(scenario);
  if (!result) {
    result = analyzeScenario(id, scenario, { paths: false });
    cache.set(scenario, result);
  }
  return result;
}

type RawLike = { nodes?: Record<string, { options?: Array<{ id?: unknown }>; fields?: Array<{ id?: unknown }> }> };

/** Zod issues as `id: node "x": option "y": next: message` lines, naming options and fields by id where the file has them. */
export function formatScenarioIssues(id: string, error: ZodError, raw?: unknown): string[] {
  const rawNodes = (raw as RawLike | undefined)?.nodes;
  return error.issues.map((issue) => {
    let path = issue.path;
    const parts: string[] = [];
    if (path[0] === 'nodes' && path.length >= 2) {
      const nodeId = String(path[1]);
      parts.push(`node "${nodeId}"`);
      path = path.slice(2);
      const [list, index] = path;
      if ((list === 'options' || list === 'fields') && typeof index === 'number') {
        const item = rawNodes && Object.hasOwn(rawNodes, nodeId) ? rawNodes[nodeId]?.[list]?.[index] : undefined;
        if (typeof item?.id === 'string') {
          parts.push(`${list === 'options' ? 'option' : 'field'} "${item.id}"`);
          path = path.slice(2);
        }
      }
    }
    const rest = path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
    if (rest) parts.push(rest);
    return [id, ...parts, issue.message].join(': ');
  });
}

export type ScenarioValidation =
  | { ok: true; scenario: Scenario; analysis: Extract<ScenarioAnalysis, { ok: true }> }
  | { ok: false; errors: string[] };

/**
 * Parses a scenario file's data and analyses it: what the content build runs for each
 * `content/simulations/<id>.yaml`. All messages name the scenario and, where possible, the node.
 */
export function validateScenario(id: string, raw: unknown): ScenarioValidation {
  const parsed = scenarioSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, errors: formatScenarioIssues(id, parsed.error, raw) };
  const analysis = analyzeScenario(id, parsed.data);
  if (!analysis.ok) return analysis;
  return { ok: true, scenario: parsed.data, analysis };
}
