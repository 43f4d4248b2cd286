/**
 * Scoring of a performance task: the learner picks the elements of a narrative, and each rubric line
 * is met when all of its `include` elements are picked and none of its `exclude` elements is.
 * Pure, so the engine scores a decision and the graph check enumerates selections with the same code.
 */
import type { TaskNode } from '~/lib/shared/schemas/simulation';
import { roundPoints } from './answers';

export type CriterionResult = { id: string; label: string; met: boolean; points: number };
export type ElementResult = { id: string; text: string; chosen: boolean; feedback: string };
export type TaskResult = { points: number; correct: boolean; criteria: CriterionResult[]; elements: ElementResult[] };

/** Checks a selection: every id offered, none twice, at least one. Returns an error message or null. */
export function taskSelectionError(node: TaskNode, selected: readonly unknown[]): string | null {
  if (selected.length === 0) return 'Choose at least one element for the narrative.';
  const offered = new Set(node.elements.map((e) => e.id));
  const seen = new Set<string>();
  for (const id of selected) {
    if (typeof id !== 'string' || !offered.has(id)) return 'That element is not offered at this step.';
    if (seen.has(id)) return 'Each element can be chosen only once.';
    seen.add(id);
  }
  return null;
}

/** Grades a (valid) selection against the rubric; elements come back in the author's order. */
export function scoreTask(node: TaskNode, selected: readonly string[]): TaskResult {
  const chosen = new Set(selected);
  const criteria = node.rubric.map((c) => {
    const met = c.include.every((id) => chosen.has(id)) && !c.exclude.some((id) => chosen.has(id));
    return { id: c.id, label: c.label, met, points: met ? c.points : 0 };
  });
  const points = roundPoints(criteria.reduce((sum, c) => sum + c.points, 0));
  return {
    points,
    correct: criteria.every((c) => c.met),
    criteria,
    elements: node.elements.map((e) => ({ id: e.id, text: e.text, chosen: chosen.has(e.id), feedback: e.feedback })),
  };
}

/** The selection that meets the most rubric lines: every element some line includes. */
export function bestTaskSelection(node: TaskNode): string[] {
  const wanted = new Set(node.rubric.flatMap((c) => c.include));
  return node.elements.filter((e) => wanted.has(e.id)).map((e) => e.id);
}

/** Every non-empty selection, as element ids in author order (at most 2^12 - 1 of them). */
export function allTaskSelections(node: TaskNode): string[][] {
  const ids = node.elements.map((e) => e.id);
  const out: string[][] = [];
  for (let mask = 1; mask < 1 << ids.length; mask++) out.push(ids.filter((_, i) => mask & (1 << i)));
  return out;
}

/** Authoring errors: unknown element ids in the rubric, an element both included and excluded. */
export function checkTask(node: TaskNode): string[] {
  const errors: string[] = [];
  const ids = node.elements.map((e) => e.id);
  ids.forEach((id, i) => {
    if (ids.indexOf(id) !== i) errors.push(`element id "${id}" is used more than once`);
  });
  const known = new Set(ids);
  const included = new Set(node.rubric.flatMap((c) => c.include));
  for (const c of node.rubric) {
    for (const id of [...c.include, ...c.exclude])
      if (!known.has(id)) errors.push(`rubric line "${c.id}": element "${id}" does not exist`);
    for (const id of c.exclude)
      if (included.has(id)) errors.push(`rubric line "${c.id}": element "${id}" is excluded here but included by another line, so no selection meets every line`);
  }
  const lines = node.rubric.map((c) => c.id);
  lines.forEach((id, i) => {
    if (lines.indexOf(id) !== i) errors.push(`rubric line id "${id}" is used more than once`);
  });
  if (node.rubric.every((c) => c.points <= 0)) errors.push('the rubric gives no points');
  return errors;
}
