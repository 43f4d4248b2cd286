/**
 * The run state machine of a case simulation. Pure: plain data in, plain data out, nothing mutated,
 * so the server can store the state as JSON and recompute it from the stored decisions at any time.
 *
 * Decisions (see `decisionSchema`):
 * - `{ node, kind: 'continue' }` leaves a scene. Scenes wait for it so the learner actually reads
 *   them, and so every step the learner sees is a stored row the server can replay.
 * - `{ node, kind: 'choice', choice }`, `{ node, kind: 'input', value }`,
 *   `{ node, kind: 'form', fields }` answer the other node types.
 * `node` must be the current node: a stale tab, a double submit or a forged request for another step
 * is refused with the state untouched.
 */
import type {
  ChoiceNode,
  Condition,
  Decision,
  DecisionKind,
  FormNode,
  InputNode,
  Next,
  NodeType,
  Scenario,
  ScenarioNode,
  TaskNode,
} from '~/lib/shared/schemas/simulation';
import { MAX_ANSWER_LENGTH, MAX_ID_LENGTH } from '~/lib/shared/schemas/simulation';
import { choiceVerdict, fieldIsRight, inputPoints, matchAccepted, normalizeAnswer, roundPoints, verdictOf, type Verdict } from './answers';
import { scoreTask, taskSelectionError, type CriterionResult, type ElementResult } from './task';

export { choiceVerdict, fieldIsRight, inputPoints, matchAccepted, normalizeAnswer, roundPoints, verdictOf } from './answers';
export type { Verdict } from './answers';
export type { CriterionResult, ElementResult } from './task';

export type { Decision, DecisionKind } from '~/lib/shared/schemas/simulation';

/** One accepted decision, as stored; feedback is not stored because it follows from the scenario. */
export type LogEntry = {
  node: string;
  kind: DecisionKind;
  choice?: string;
  input?: string;
  fields?: Record<string, string>;
  /** The elements chosen at a performance task. */
  elements?: string[];
  points: number;
  correct?: boolean;
};

/** Everything the server keeps about a run between requests (JSON-serialisable). */
export type RunState = {
  node: string;
  vars: Record<string, number>;
  score: number;
  finished: boolean;
  outcome: string | null;
  good: boolean | null;
  /** Wrong tries so far, per input node. */
  tries: Record<string, number>;
  log: LogEntry[];
};

export type FieldResult = { id: string; label: string; value: string; correct: boolean; points: number; feedback: string };

/** What the learner is told after a decision. Only ever about the decision just made. */
export type DecisionResult = {
  points: number;
  /** Set for inputs, forms and tasks; choices are judged by their feedback text, not right/wrong. */
  correct?: boolean;
  /** How the feedback is styled: only the best answer gets a success box. */
  verdict?: Verdict;
  feedback: string | null;
  /** The hint earned by this wrong try, if the author wrote one. */
  hint?: string;
  /** Wrong tries left at an input node (0 when the tries just ran out). */
  triesLeft?: number;
  /** When the tries at an input run out, the first accepted answer and its explanation. */
  solution?: { value: string; feedback: string };
  /** Per-field grading of a form. */
  fields?: FieldResult[];
  /** A performance task's rubric lines and every element with its feedback, after the commit. */
  criteria?: CriterionResult[];
  elements?: ElementResult[];
  /** False while the learner stays on the same input node for another try. */
  advanced: boolean;
};

export type ApplyResult = { ok: true; state: RunState; result: DecisionResult } | { ok: false; error: string };

const EXPECTED_KIND: Record<NodeType, DecisionKind | null> = {
  scene: 'continue',
  choice: 'choice',
  input: 'input',
  form: 'form',
  task: 'task',
  end: null,
};
const KIND_WORDS: Record<DecisionKind, string> = {
  continue: 'a continue',
  choice: 'a choice',
  input: 'a typed answer',
  form: 'a filled-in form',
  task: 'a set of narrative elements',
};

/** Own-property lookup: node and variable ids come from authors and learners, so `constructor` must not resolve. */
export function getNode(scenario: Scenario, id: string): ScenarioNode | undefined {
  return Object.hasOwn(scenario.nodes, id) ? scenario.nodes[id] : undefined;
}

/** Whether a condition holds; an undeclared variable never matches (graph.ts rejects it at build time). */
export function conditionHolds(condition: Condition, vars: Record<string, number>): boolean {
  if (!Object.hasOwn(vars, condition.var)) return false;
  const v = vars[condition.var] as number;
  if (condition.lt !== undefined) return v < condition.lt;
  if (condition.lte !== undefined) return v <= condition.lte;
  if (condition.gt !== undefined) return v > condition.gt;
  if (condition.gte !== undefined) return v >= condition.gte;
  if (condition.eq !== undefined) return v === condition.eq;
  return false;
}

/** The node a `next` leads to under the given state: the first rule that holds, or null if none does. */
export function resolveNext(next: Next, vars: Record<string, number>): string | null {
  if (typeof next === 'string') return next;
  for (const rule of next) if (!rule.if || conditionHolds(rule.if, vars)) return rule.to;
  return null;
}

/** Adds effects to a copy of the variables, clamped to each variable's min and max. */
export function applyEffects(
  scenario: Scenario,
  vars: Record<string, number>,
  effects: Record<string, number> | undefined,
): Record<string, number> {
  const out = { ...vars };
  if (!effects) return out;
  for (const [name, delta] of Object.entries(effects)) {
    if (!Object.hasOwn(scenario.state, name) || !Object.hasOwn(out, name)) continue;
    const def = scenario.state[name]!;
    out[name] = Math.min(def.max, Math.max(def.min, roundPoints((out[name] as number) + delta)));
  }
  return out;
}

/** A fresh run at the start node. */
export function startRun(scenario: Scenario): RunState {
  const vars: Record<string, number> = {};
  for (const [name, def] of Object.entries(scenario.state)) vars[name] = def.initial;
  return arrive(scenario, { node: scenario.start, vars, score: 0, finished: false, outcome: null, good: null, tries: {}, log: [] });
}

/** Marks the run finished when it has arrived at an end node. */
function arrive(scenario: Scenario, state: RunState): RunState {
  const node = getNode(scenario, state.node);
  if (node?.type !== 'end') return state;
  return { ...state, finished: true, outcome: node.outcome, good: node.good };
}

const refuse = (error: string): ApplyResult => ({ ok: false, error });

/**
 * Applies one learner decision to a run. Refuses (ok: false, input state untouched) anything that
 * does not answer the current step exactly: another node, a finished run, an option not offered, the
 * wrong kind of answer, missing or extra form fields, or over-long values.
 */
export function applyDecision(scenario: Scenario, state: RunState, decision: Decision): ApplyResult {
  // The decision usually comes straight from a request: check its shape even though TypeScript says it is fine.
  if (typeof decision !== 'object' || decision === null) return refuse('Send a decision for the current step.');
  if (typeof decision.node !== 'string' || decision.node.length > MAX_ID_LENGTH)
    return refuse('That step does not exist in this case.');
  if (state.finished) return refuse('This case is already finished.');
  if (decision.node !== state.node)
    return refuse('That step is no longer the current one (perhaps it was answered in another tab). Reload the case to continue.');

  const node = getNode(scenario, state.node);
  if (!node) return refuse('This run points at a step the case no longer has.');
  const expected = EXPECTED_KIND[node.type];
  if (!expected) return refuse('This case is already finished.');
  if (decision.kind !== expected)
    return refuse(`This step expects ${KIND_WORDS[expected]}, not ${KIND_WORDS[decision.kind] ?? 'that'}.`);

  switch (node.type) {
    case 'scene':
      return advance(scenario, state, node.next, state.vars, { node: state.node, kind: 'continue', points: 0 }, { points: 0, feedback: null, advanced: true });
    case 'choice':
      return decision.kind === 'choice' ? applyChoice(scenario, state, node, decision.choice) : refuse('Choose one of the options.');
    case 'input':
      return decision.kind === 'input' ? applyInput(scenario, state, node, decision.value) : refuse('Type an answer.');
    case 'form':
      return decision.kind === 'form' ? applyForm(scenario, state, node, decision.fields) : refuse('Fill in the form.');
    case 'task':
      return decision.kind === 'task' ? applyTask(scenario, state, node, decision.elements) : refuse('Choose the elements of the narrative.');
    case 'end':
      return refuse('This case is already finished.');
  }
}

function applyChoice(scenario: Scenario, state: RunState, node: ChoiceNode, choice: unknown): ApplyResult {
  if (typeof choice !== 'string') return refuse('Choose one of the options.');
  const option = node.options.find((o) => o.id === choice);
  if (!option) return refuse('That option is not offered at this step.');
  const vars = applyEffects(scenario, state.vars, option.effects);
  return advance(
    scenario,
    state,
    option.next,
    vars,
    { node: state.node, kind: 'choice', choice: option.id, points: option.points },
    { points: option.points, verdict: choiceVerdict(node, option), feedback: option.feedback, advanced: true },
  );
}

function applyTask(scenario: Scenario, state: RunState, node: TaskNode, elements: unknown): ApplyResult {
  if (!Array.isArray(elements)) return refuse('Choose the elements of the narrative.');
  const error = taskSelectionError(node, elements);
  if (error) return refuse(error);
  // Stored in author order, so the same selection always replays and reports the same way.
  const chosen = node.elements.map((e) => e.id).filter((id) => elements.includes(id));
  const graded = scoreTask(node, chosen);
  const met = graded.criteria.filter((c) => c.met).length;
  return advance(
    scenario,
    state,
    node.next,
    state.vars,
    { node: state.node, kind: 'task', elements: chosen, points: graded.points, correct: graded.correct },
    {
      points: graded.points,
      correct: graded.correct,
      verdict: verdictOf(graded.correct, graded.points),
      feedback: `${met} of ${graded.criteria.length} rubric ${graded.criteria.length === 1 ? 'line' : 'lines'} met.`,
      criteria: graded.criteria,
      elements: graded.elements,
      advanced: true,
    },
  );
}

function applyInput(scenario: Scenario, state: RunState, node: InputNode, value: unknown): ApplyResult {
  if (typeof value !== 'string') return refuse('Type an answer.');
  if (value.length > MAX_ANSWER_LENGTH) return refuse(`Your answer is too long (at most ${MAX_ANSWER_LENGTH} characters).`);
  // An empty submit is almost always a slip; it should not cost a try.
  if (value.trim() === '') return refuse('Type an answer first.');

  const before = state.tries[state.node] ?? 0;
  const accepted = matchAccepted(node, value);
  if (accepted) {
    const points = inputPoints(accepted.points, before);
    return advance(
      scenario,
      state,
      node.next,
      state.vars,
      { node: state.node, kind: 'input', input: value, points, correct: true },
      { points, correct: true, verdict: verdictOf(true, points), feedback: accepted.feedback, advanced: true },
    );
  }

  const wrongTries = before + 1;
  const given = normalizeAnswer(node.normalize, value);
  const known = node.wrong?.find((w) => normalizeAnswer(node.normalize, w.value) === given);
  const hint = node.hints?.[wrongTries - 1];
  const tries = { ...state.tries, [state.node]: wrongTries };
  const entry: LogEntry = { node: state.node, kind: 'input', input: value, points: 0, correct: false };
  const result: DecisionResult = {
    points: 0,
    correct: false,
    verdict: 'wrong',
    feedback: known?.feedback ?? node.otherwise,
    ...(hint !== undefined ? { hint } : {}),
    triesLeft: Math.max(0, node.maxTries - wrongTries),
    advanced: false,
  };
  if (wrongTries < node.maxTries) {
    return { ok: true, state: { ...state, tries, log: [...state.log, entry] }, result };
  }
  const first = node.accepted[0]!;
  return advance(scenario, { ...state, tries }, node.nextOnFail ?? node.next, state.vars, entry, {
    ...result,
    solution: { value: first.value, feedback: first.feedback },
    advanced: true,
  });
}

function applyForm(scenario: Scenario, state: RunState, node: FormNode, fields: unknown): ApplyResult {
  if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) return refuse('Fill in the form.');
  const given = fields as Record<string, unknown>;
  const known = new Set(node.fields.map((f) => f.id));
  const extra = Object.keys(given).filter((k) => !known.has(k));
  if (extra.length) return refuse(`This form has no field ${extra.map((k) => `"${k.slice(0, MAX_ID_LENGTH)}"`).join(', ')}.`);
  const missing = node.fields.filter((f) => !Object.hasOwn(given, f.id));
  if (missing.length) return refuse(`Fill in every field; missing: ${missing.map((f) => f.label).join(', ')}.`);

  const values: Record<string, string> = {};
  const results: FieldResult[] = [];
  for (const field of node.fields) {
    const value = given[field.id];
    if (typeof value !== 'string') return refuse(`${field.label}: the answer must be text.`);
    if (value.length > MAX_ANSWER_LENGTH) return refuse(`${field.label}: the answer is too long (at most ${MAX_ANSWER_LENGTH} characters).`);
    if (field.kind === 'select' && value !== '' && !field.options?.includes(value))
      return refuse(`${field.label}: "${value}" is not one of the options.`);
    const correct = fieldIsRight(field, value);
    values[field.id] = value;
    results.push({ id: field.id, label: field.label, value, correct, points: correct ? field.points : 0, feedback: field.feedback });
  }
  const points = roundPoints(results.reduce((sum, r) => sum + r.points, 0));
  const right = results.filter((r) => r.correct).length;
  return advance(
    scenario,
    state,
    node.next,
    state.vars,
    { node: state.node, kind: 'form', fields: values, points, correct: right === results.length },
    {
      points,
      correct: right === results.length,
      verdict: verdictOf(right === results.length, points),
      feedback: `${right} of ${results.length} ${results.length === 1 ? 'field' : 'fields'} right.`,
      fields: results,
      advanced: true,
    },
  );
}

/** Moves to the node `next` resolves to under the new variables (after effects), logging the decision. */
function advance(
  scenario: Scenario,
  state: RunState,
  next: Next,
  vars: Record<string, number>,
  entry: LogEntry,
  result: DecisionResult,
): ApplyResult {
  const target = resolveNext(next, vars);
  if (target === null || !getNode(scenario, target))
    return refuse('This case is broken at this step (no valid next step); please tell the course team.');
  const moved: RunState = {
    ...state,
    node: target,
    vars,
    score: roundPoints(state.score + entry.points),
    log: [...state.log, entry],
  };
  return { ok: true, state: arrive(scenario, moved), result };
}

/** Turns a stored log entry back into the decision that produced it. */
export function decisionOf(entry: LogEntry): Decision {
  switch (entry.kind) {
    case 'continue':
      return { node: entry.node, kind: 'continue' };
    case 'choice':
      return { node: entry.node, kind: 'choice', choice: entry.choice ?? '' };
    case 'input':
      return { node: entry.node, kind: 'input', value: entry.input ?? '' };
    case 'form':
      return { node: entry.node, kind: 'form', fields: { ...(entry.fields ?? {}) } };
    case 'task':
      return { node: entry.node, kind: 'task', elements: [...(entry.elements ?? [])] };
  }
}

export type ReplayResult =
  | { ok: true; state: RunState; results: DecisionResult[] }
  | { ok: false; error: string; index: number; state: RunState };

/**
 * Recomputes a run from its stored decisions, in order. The server uses this to score a run without
 * trusting anything the browser kept; the first refused decision stops the replay and is reported
 * with its index and the state just before it.
 */
export function replayRun(scenario: Scenario, decisions: readonly Decision[]): ReplayResult {
  let state = startRun(scenario);
  const results: DecisionResult[] = [];
  for (const [index, decision] of decisions.entries()) {
    const applied = applyDecision(scenario, state, decision);
    if (!applied.ok) return { ok: false, error: applied.error, index, state };
    state = applied.state;
    results.push(applied.result);
  }
  return { ok: true, state, results };
}

export { runResult, tookCritical } from './result';
export type { RunScore } from './result';
