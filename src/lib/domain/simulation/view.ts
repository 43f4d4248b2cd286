/**
 * What the learner may see of a run: the current step and the story so far.
 *
 * Every view is built field by field from the scenario, never by spreading a node, so points,
 * effects, routing, accepted answers and the feedback of options not taken cannot slip into what
 * the server sends to the browser when the scenario format grows.
 */
import type { DialogueLine, NormalizeKind, Scenario, Visual } from '~/lib/shared/schemas/simulation';
import { MAX_ANSWER_LENGTH } from '~/lib/shared/schemas/simulation';
import type { CriterionResult, DecisionResult, ElementResult, FieldResult, LogEntry, RunScore, RunState, Verdict } from './engine';
import { applyDecision, decisionOf, getNode, runResult, startRun } from './engine';
import { analyzeScenarioCached } from './graph';
import { stepsToEnd } from './steps';
import { runItems } from './run-order';

export type MeterView = { id: string; label: string; value: number; min: number; max: number };

/**
 * `taken`: steps completed. `remainingMin`/`remainingMax`: fewest and most steps left to an end,
 * ignoring conditions. `percent` uses `remainingMax`, which makes it rise with every step: the
 * longest path from a node is at least one longer than from any node after it.
 */
export type ProgressView = { taken: number; remainingMin: number; remainingMax: number; percent: number };

type StepBase = { node: string; meters: MeterView[]; progress: ProgressView };

export type SceneStepView = StepBase & { type: 'scene'; narrative?: string; lines?: DialogueLine[]; visual?: Visual };
export type ChoiceStepView = StepBase & { type: 'choice'; prompt: string; visual?: Visual; options: Array<{ id: string; text: string }> };
export type InputStepView = StepBase & {
  type: 'input';
  prompt: string;
  label: string;
  visual?: Visual;
  /** How answers are read, so the UI can pick a keyboard (numeric for number and money). */
  normalize: NormalizeKind;
  maxLength: number;
  /** Hints earned by the wrong tries so far, in order. */
  hints: string[];
  triesLeft: number;
  maxTries: number;
};
export type FormStepView = StepBase & {
  type: 'form';
  prompt: string;
  form: 'cms-1500' | 'generic';
  visual?: Visual;
  maxLength: number;
  fields: Array<{ id: string; label: string; kind: 'select' | 'text'; options?: string[] }>;
};
/** A performance task: the elements in this run's order; nothing of the rubric until the commit. */
export type TaskStepView = StepBase & { type: 'task'; prompt: string; visual?: Visual; elements: Array<{ id: string; text: string }> };
export type EndStepView = StepBase & {
  type: 'end';
  outcome: string;
  label: string;
  good: boolean;
  debrief: string;
  result: RunScore;
};
export type StepView = SceneStepView | ChoiceStepView | InputStepView | FormStepView | TaskStepView | EndStepView;

function metersOf(scenario: Scenario, state: RunState): MeterView[] {
  return Object.entries(scenario.state)
    .filter(([, def]) => def.meter)
    .map(([id, def]) => ({ id, label: def.label, value: state.vars[id] ?? def.initial, min: def.min, max: def.max }));
}

function progressOf(scenario: Scenario, state: RunState): ProgressView {
  const done = new Set(state.log.map((e) => e.node));
  // Wrong tries at the current input are logged but do not complete the step.
  if (!state.finished) done.delete(state.node);
  const taken = done.size;
  const steps = stepsToEnd(scenario).get(state.node);
  const remainingMin = state.finished || !steps || !Number.isFinite(steps.min) ? 0 : steps.min;
  const remainingMax = state.finished || !steps ? 0 : steps.max;
  const total = taken + remainingMax;
  const percent = state.finished ? 100 : total === 0 ? 0 : Math.floor((100 * taken) / total);
  return { taken, remainingMin, remainingMax, percent };
}

/** The maximum score given by the caller, else from the analysis computed once per scenario object. */
function maxScoreOf(scenario: Scenario, maxScore: number | undefined): number {
  if (maxScore !== undefined) return maxScore;
  const analysis = analyzeScenarioCached('scenario', scenario);
  return analysis.ok ? analysis.maxScore : 0;
}

const withVisual = (visual: Visual | undefined) => (visual ? { visual: structuredClone(visual) } : {});

/**
 * The current step as the learner may see it now. `maxScore` (from `analyzeScenario`) is used for
 * the score summary at an end; without it the analysis is computed once per scenario object.
 * `runId` seeds the order of a choice's options and a task's elements (see shuffle.ts), so the
 * server must pass the run's id. Returns null when the run points at a node the scenario no longer has.
 */
export function currentStepView(scenario: Scenario, state: RunState, maxScore: number | undefined, runId: number): StepView | null {
  const node = getNode(scenario, state.node);
  if (!node) return null;
  const base: StepBase = { node: state.node, meters: metersOf(scenario, state), progress: progressOf(scenario, state) };
  // A choice's options and a task's elements: ids and texts only, in this run's order (run-order.ts).
  const shown = (items: readonly { id: string; text: string }[]) =>
    runItems(scenario, runId, maxScoreOf(scenario, maxScore), state.node, items).map(({ id, text }) => ({ id, text }));
  switch (node.type) {
    case 'scene':
      return {
        ...base,
        type: 'scene',
        ...(node.narrative !== undefined ? { narrative: node.narrative } : {}),
        ...(node.lines ? { lines: node.lines.map((l) => ({ speaker: l.speaker, text: l.text })) } : {}),
        ...withVisual(node.visual),
      };
    case 'choice':
      return { ...base, type: 'choice', prompt: node.prompt, ...withVisual(node.visual), options: shown(node.options) };
    case 'task':
      return { ...base, type: 'task', prompt: node.prompt, ...withVisual(node.visual), elements: shown(node.elements) };
    case 'input': {
      const wrongTries = state.tries[state.node] ?? 0;
      return {
        ...base,
        type: 'input',
        prompt: node.prompt,
        label: node.label,
        ...withVisual(node.visual),
        normalize: node.normalize,
        maxLength: MAX_ANSWER_LENGTH,
        hints: (node.hints ?? []).slice(0, wrongTries),
        triesLeft: Math.max(0, node.maxTries - wrongTries),
        maxTries: node.maxTries,
      };
    }
    case 'form':
      return {
        ...base,
        type: 'form',
        prompt: node.prompt,
        form: node.form ?? 'generic',
        ...withVisual(node.visual),
        maxLength: MAX_ANSWER_LENGTH,
        fields: node.fields.map((f) => ({
          id: f.id,
          label: f.label,
          kind: f.kind,
          ...(f.kind === 'select' && f.options ? { options: [...f.options] } : {}),
        })),
      };
    case 'end': {
      return {
        ...base,
        type: 'end',
        outcome: node.outcome,
        label: node.label,
        good: node.good,
        debrief: node.debrief,
        result: runResult(scenario, state, maxScoreOf(scenario, maxScore)),
      };
    }
  }
}

export type HistoryEntry =
  | { type: 'scene'; node: string; narrative?: string; lines?: DialogueLine[] }
  | { type: 'choice'; node: string; prompt: string; choice: { id: string; text: string }; points: number; verdict: Verdict; feedback: string }
  | {
      type: 'input';
      node: string;
      prompt: string;
      label: string;
      value: string;
      correct: boolean;
      points: number;
      verdict: Verdict;
      feedback: string;
      hint?: string;
      /** Shown once the tries ran out. */
      solution?: { value: string; feedback: string };
    }
  | { type: 'form'; node: string; prompt: string; fields: FieldResult[]; points: number; correct: boolean; verdict: Verdict; feedback: string }
  | {
      type: 'task';
      node: string;
      prompt: string;
      points: number;
      correct: boolean;
      verdict: Verdict;
      feedback: string;
      criteria: CriterionResult[];
      elements: ElementResult[];
    };

/**
 * The story so far: past scenes and every decision made, with exactly the feedback the learner was
 * given at the time. Rebuilt by replaying the log, so it always matches what `applyDecision` said;
 * if the scenario changed under a stored run, the history stops where the replay diverges.
 */
export function historyView(scenario: Scenario, state: RunState): HistoryEntry[] {
  const entries: HistoryEntry[] = [];
  let run = startRun(scenario);
  for (const logged of state.log) {
    const applied = applyDecision(scenario, run, decisionOf(logged));
    if (!applied.ok) break;
    run = applied.state;
    const entry = historyEntry(scenario, logged, applied.result);
    if (!entry) break;
    entries.push(entry);
  }
  return entries;
}

/**
 * The story's entry for one logged decision and what `applyDecision` answered it (the decide action
 * sends only this one; historyView builds them all). Null for a node the scenario no longer has, or
 * a choice it no longer offers.
 */
export function historyEntry(scenario: Scenario, logged: LogEntry, result: DecisionResult): HistoryEntry | null {
  const node = getNode(scenario, logged.node);
  if (!node) return null;
  // What every decision entry shows: the step, its prompt, the points and the feedback given then.
  const decided = (prompt: string, verdict: 'right' | 'wrong' = 'wrong') => ({
    node: logged.node,
    prompt,
    points: result.points,
    verdict: result.verdict ?? verdict,
    feedback: result.feedback ?? '',
  });
  switch (node.type) {
    case 'scene':
      return {
        type: 'scene',
        node: logged.node,
        ...(node.narrative !== undefined ? { narrative: node.narrative } : {}),
        ...(node.lines ? { lines: node.lines.map((l) => ({ speaker: l.speaker, text: l.text })) } : {}),
      };
    case 'choice': {
      const option = node.options.find((o) => o.id === logged.choice);
      return option ? { type: 'choice', ...decided(node.prompt, 'right'), choice: { id: option.id, text: option.text } } : null;
    }
    case 'input':
      return {
        type: 'input',
        ...decided(node.prompt),
        label: node.label,
        value: logged.input ?? '',
        correct: result.correct ?? false,
        ...(result.hint !== undefined ? { hint: result.hint } : {}),
        ...(result.solution ? { solution: { ...result.solution } } : {}),
      };
    case 'form':
      return { type: 'form', ...decided(node.prompt), fields: (result.fields ?? []).map((f) => ({ ...f })), correct: result.correct ?? false };
    case 'task':
      return {
        type: 'task',
        ...decided(node.prompt),
        correct: result.correct ?? false,
        criteria: (result.criteria ?? []).map((c) => ({ ...c })),
        elements: (result.elements ?? []).map((e) => ({ ...e })),
      };
    case 'end':
      return null;
  }
}
