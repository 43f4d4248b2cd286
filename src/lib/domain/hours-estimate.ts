/**
 * How long a course takes an average participant, estimated from its content: the basis for CE
 * hours that a provider can defend (AGD PACE asks for the time an average participant needs).
 * Pure: it takes lesson text, scenarios and question banks as data. The constants below are
 * documented in docs/authoring.md; change both together.
 */
import type { Decision, Scenario, ScenarioNode } from '../shared/schemas/simulation';

/** Reading speed for instructional text (the content review's figure). */
export const WORDS_PER_MINUTE = 200;
/** Answering a self-check and reading its explanation (its words are counted as text too). */
export const CHECKPOINT_SECONDS = 30;
/** Looking at a figure or a tooth chart. */
export const FIGURE_SECONDS = 15;
/** Reading across a table, beyond its words. */
export const TABLE_SECONDS = 30;
/** Weighing one decision in a case (a choice, a typed answer or a form), beyond its words. */
export const DECISION_SECONDS = 20;
/** One post-test item, by type. */
export const ITEM_SECONDS: Record<string, number> = { 'true-false': 30, single: 45, multiple: 60, numeric: 60, code: 60, matching: 90 };
/** Filling in the course evaluation. */
export const EVALUATION_MINUTES = 3;

/** Attributes that hold no text a reader reads (file paths, ids, alt text for screen readers). */
const SILENT_ATTRIBUTES = new Set(['src', 'alt', 'id', 'type', 'teeth', 'answer']);

/** Words in a piece of text: runs of letters or digits (apostrophes and inner dots kept). */
export function countWords(text: string): number {
  return text.match(/[\p{L}\p{N}]+(?:['’.\-][\p{L}\p{N}]+)*/gu)?.length ?? 0;
}

/** The readable text of an MDX lesson body: prose plus the text attributes of its components. */
export function lessonText(body: string): string {
  return body
    .replace(/^\s*(import|export)\s.*$/gm, '')
    .replace(/<([A-Z][A-Za-z0-9]*)\b((?:"[^"]*"|'[^']*'|\{[^}]*\}|[^>"'{])*)\/?>/g, (_tag, _name: string, attrs: string) => {
      const spoken: string[] = [];
      for (const m of attrs.matchAll(/([A-Za-z]+)=(?:"([^"]*)"|'([^']*)'|\{([^}]*)\})/g)) {
        if (SILENT_ATTRIBUTES.has(m[1]!)) continue;
        const value = m[2] ?? m[3] ?? [...(m[4] ?? '').matchAll(/"([^"]*)"|'([^']*)'/g)].map((s) => s[1] ?? s[2]).join(' ');
        spoken.push(value);
      }
      return ` ${spoken.join(' ')} `;
    })
    .replace(/<\/[A-Z][A-Za-z0-9]*>/g, ' ')
    .replace(/^\s*\|?\s*:?-{3,}.*$/gm, ' ')
    .replace(/\]\([^)]*\)/g, ']');
}

export interface LessonEstimate {
  words: number;
  checkpoints: number;
  figures: number;
  tables: number;
  minutes: number;
}

/** A lesson: its words at WORDS_PER_MINUTE, plus fixed times per checkpoint, figure and table. */
export function estimateLesson(body: string): LessonEstimate {
  const words = countWords(lessonText(body));
  const checkpoints = (body.match(/<Checkpoint\b/g) ?? []).length;
  const figures = (body.match(/<(Figure|ToothChart)\b/g) ?? []).length;
  // A Markdown table is a header row followed by a |---| separator row.
  const tables = (body.match(/^\s*\|.*\|\s*\r?\n\s*\|?\s*:?-{3,}/gm) ?? []).length;
  const seconds = (words / WORDS_PER_MINUTE) * 60 + checkpoints * CHECKPOINT_SECONDS + figures * FIGURE_SECONDS + tables * TABLE_SECONDS;
  return { words, checkpoints, figures, tables, minutes: seconds / 60 };
}

function visualText(node: ScenarioNode): string[] {
  const v = 'visual' in node ? node.visual : undefined;
  if (!v) return [];
  if (v.kind === 'tooth-chart') return [v.caption];
  if (v.kind === 'document') return [v.title, v.caption ?? '', ...v.rows.flat().map(String)];
  return [v.caption ?? '', ...Object.values(v.boxes).map(String)];
}

/** The text a learner reads at one node of the best path, given the decision taken there. */
function nodeText(node: ScenarioNode, decision: Decision | undefined): string[] {
  switch (node.type) {
    case 'scene':
      return [node.narrative ?? '', ...(node.lines ?? []).map((l) => `${l.speaker} ${l.text}`), ...visualText(node)];
    case 'choice': {
      const chosen = decision?.kind === 'choice' ? node.options.find((o) => o.id === decision.choice) : undefined;
      return [node.prompt, ...node.options.map((o) => o.text), chosen?.feedback ?? '', ...visualText(node)];
    }
    case 'input':
      return [node.prompt, node.label, node.accepted[0]?.feedback ?? '', ...visualText(node)];
    case 'form':
      return [node.prompt, ...node.fields.flatMap((f) => [f.label, f.feedback]), ...visualText(node)];
    case 'task':
      // Every element is read while assembling the answer; the feedback of each follows the commit.
      return [node.prompt, ...node.elements.flatMap((e) => [e.text, e.feedback]), ...visualText(node)];
    case 'end':
      return [node.label, node.debrief];
  }
}

export interface CaseEstimate {
  words: number;
  decisions: number;
  minutes: number;
}

/**
 * A case: the words along its best path (every step's text, the options offered, the feedback for
 * the option taken, a task's elements, the ending's debrief) plus DECISION_SECONDS per choice,
 * typed answer, form or task.
 * `bestPath` and `bestChoices` come from the scenario analysis (simulation/graph.ts).
 */
export function estimateCase(scenario: Scenario, bestPath: string[], bestChoices: Decision[]): CaseEstimate {
  const byNode = new Map(bestChoices.map((d) => [d.node, d]));
  const texts = bestPath.flatMap((id) => {
    const node = scenario.nodes[id];
    return node ? nodeText(node, byNode.get(id)) : [];
  });
  const words = countWords(texts.join(' '));
  const decisions = bestChoices.filter((d) => d.kind !== 'continue').length;
  return { words, decisions, minutes: ((words / WORDS_PER_MINUTE) * 60 + decisions * DECISION_SECONDS) / 60 };
}

/**
 * A post-test: the items an attempt draws, each at its type's time. Which items are drawn is random,
 * so each drawn item counts at the bank's average time per item.
 */
export function estimatePostTest(questionsPerAttempt: number, bankTypes: string[]): { items: number; minutes: number } {
  const average = bankTypes.length ? bankTypes.reduce((s, t) => s + (ITEM_SECONDS[t] ?? 45), 0) / bankTypes.length : 0;
  return { items: questionsPerAttempt, minutes: (questionsPerAttempt * average) / 60 };
}

export interface CoursePart {
  kind: 'lesson' | 'case' | 'post-test' | 'evaluation';
  id: string;
  title: string;
  minutes: number;
}

/** The whole course: the sum of its parts (the evaluation only when the course has one). */
export function totalMinutes(parts: CoursePart[]): number {
  return parts.reduce((s, p) => s + p.minutes, 0);
}

/** Claimed hours may exceed the evidence by at most this share. */
export const HOURS_TOLERANCE = 0.15;

export interface HoursVerdict {
  ok: boolean;
  claimedMinutes: number;
  estimatedMinutes: number;
  basis: 'content-estimate' | 'pilot';
}

/**
 * Are the claimed hours supported? By the content estimate, or by pilot data whose median time
 * supports them, each within HOURS_TOLERANCE.
 */
export function judgeHours(ceHours: number, parts: CoursePart[], pilot?: { medianMinutes: number }): HoursVerdict {
  const claimedMinutes = Math.round(ceHours * 60);
  const estimatedMinutes = totalMinutes(parts);
  const byEstimate = claimedMinutes <= estimatedMinutes * (1 + HOURS_TOLERANCE);
  const byPilot = !!pilot && claimedMinutes <= pilot.medianMinutes * (1 + HOURS_TOLERANCE);
  return { ok: byEstimate || byPilot, claimedMinutes, estimatedMinutes, basis: byPilot && !byEstimate ? 'pilot' : 'content-estimate' };
}

export interface CourseContent {
  lessons: Array<{ slug: string; title: string; body: string }>;
  /** The course's required cases, with their best path from the scenario analysis. */
  cases: Array<{ id: string; scenario: Scenario; bestPath: string[]; bestChoices: Decision[] }>;
  postTest?: { questionsPerAttempt: number; questionTypes: string[] };
  evaluation: boolean;
}

/** Every part of a course with its estimated minutes, in the order a learner meets them. */
export function estimateCourse(content: CourseContent): CoursePart[] {
  return [
    ...content.lessons.map((l) => ({ kind: 'lesson' as const, id: l.slug, title: l.title, minutes: estimateLesson(l.body).minutes })),
    ...content.cases.map((c) => ({ kind: 'case' as const, id: c.id, title: c.scenario.title, minutes: estimateCase(c.scenario, c.bestPath, c.bestChoices).minutes })),
    ...(content.postTest ? [{ kind: 'post-test' as const, id: 'post-test', title: 'Post-test', minutes: estimatePostTest(content.postTest.questionsPerAttempt, content.postTest.questionTypes).minutes }] : []),
    ...(content.evaluation ? [{ kind: 'evaluation' as const, id: 'evaluation', title: 'Course evaluation', minutes: EVALUATION_MINUTES }] : []),
  ];
}
