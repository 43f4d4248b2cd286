/**
 * What the browser may see of a question: before submission (`learnerView`) and on the results
 * page (`feedbackView`). Both build new objects field by field rather than deleting fields from
 * the snapshot, so a field added to the bank format later stays on the server until someone
 * decides to show it.
 */
import type { ResultDisplay } from '~/lib/shared/schemas/quiz';
import { answerFits } from './snapshot';
import type { Answer, DrawnQuestion } from './snapshot';
import type { QuestionScore } from './scoring';

export interface ChoiceView {
  id: string;
  text: string;
}

/**
 * A question as the learner sees it before submitting: no key, no explanation, no points, no
 * objective. Options and right-hand choices are in display order; matching left-hand items are
 * in bank order, each with the pair id its form field is named after.
 */
export type LearnerQuestion =
  | { id: string; type: 'single'; prompt: string; options: ChoiceView[] }
  | { id: string; type: 'multiple'; prompt: string; options: ChoiceView[] }
  | { id: string; type: 'true-false'; prompt: string }
  | { id: string; type: 'numeric'; prompt: string; unit?: string }
  | { id: string; type: 'matching'; prompt: string; items: Array<{ id: string; left: string }>; choices: ChoiceView[] }
  | { id: string; type: 'code'; prompt: string; placeholder?: string };

function displayedOptions(q: DrawnQuestion & { type: 'single' | 'multiple' }): ChoiceView[] {
  return q.optionOrder.flatMap((id) => {
    const o = q.options.find((x) => x.id === id);
    return o ? [{ id: o.id, text: o.text }] : [];
  });
}

/** Exactly what the browser may see of a question before the attempt is submitted. */
export function learnerView(q: DrawnQuestion): LearnerQuestion {
  const { id, prompt } = q;
  switch (q.type) {
    case 'single':
      return { id, type: 'single', prompt, options: displayedOptions(q) };
    case 'multiple':
      return { id, type: 'multiple', prompt, options: displayedOptions(q) };
    case 'true-false':
      return { id, type: 'true-false', prompt };
    case 'numeric':
      return q.unit === undefined ? { id, type: 'numeric', prompt } : { id, type: 'numeric', prompt, unit: q.unit };
    case 'matching':
      return {
        id,
        type: 'matching',
        prompt,
        items: q.pairs.map((p) => ({ id: p.id, left: p.left })),
        choices: q.rightChoices.map((c) => ({ id: c.id, text: c.text })),
      };
    case 'code':
      return q.placeholder === undefined
        ? { id, type: 'code', prompt }
        : { id, type: 'code', prompt, placeholder: q.placeholder };
  }
}

/**
 * A question on the results page. Which fields are present depends on the mode:
 * - `score-only`: the prompt and the learner's own answer (never whether it was right: per-question
 *   points would give that away);
 * - `feedback`: also right/wrong, points and the explanation;
 * - `full`: also the correct answer.
 */
export interface FeedbackView {
  id: string;
  type: DrawnQuestion['type'];
  prompt: string;
  mode: ResultDisplay;
  /** The learner's answer in readable lines (one per option, pair or value); [] when blank. */
  yourAnswer: string[];
  correct?: boolean;
  points?: number;
  maxPoints?: number;
  /** Markdown. */
  explanation?: string;
  /** Readable lines, as `yourAnswer`. */
  correctAnswer?: string[];
}

const trueFalseText = (b: boolean) => (b ? 'True' : 'False');
const numberFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 10 });

function withUnit(value: string, unit: string | undefined): string {
  if (unit === undefined) return value;
  return unit === '$' ? `$${value}` : `${value} ${unit}`;
}

function readableAnswer(q: DrawnQuestion, answer: Answer | null): string[] {
  if (answer === null || !answerFits(q, answer)) return [];
  switch (q.type) {
    case 'single':
    case 'multiple': {
      const picked = new Set(Array.isArray(answer) ? answer : [answer]);
      return displayedOptions(q).filter((o) => picked.has(o.id)).map((o) => o.text);
    }
    case 'true-false':
      return [trueFalseText(answer as boolean)];
    case 'numeric':
    case 'code':
      return [(answer as string).trim()];
    case 'matching': {
      const chosen = answer as Record<string, string>;
      return q.pairs.map((p) => {
        const choice = Object.hasOwn(chosen, p.id) ? q.rightChoices.find((c) => c.id === chosen[p.id]) : undefined;
        return `${p.left} → ${choice ? choice.text : '(no answer)'}`;
      });
    }
  }
}

function readableKey(q: DrawnQuestion): string[] {
  switch (q.type) {
    case 'single':
    case 'multiple':
      return displayedOptions(q)
        .filter((o) => q.options.some((x) => x.id === o.id && x.correct === true))
        .map((o) => o.text);
    case 'true-false':
      return [trueFalseText(q.answer)];
    case 'numeric': {
      const key = withUnit(numberFormat.format(q.answer), q.unit);
      return [q.tolerance > 0 ? `${key} (± ${numberFormat.format(q.tolerance)})` : key];
    }
    case 'matching':
      return q.pairs.map((p) => `${p.left} → ${p.right}`);
    case 'code':
      return [...q.accepted];
  }
}

/**
 * A question for the results page, showing as much as `mode` allows (see FeedbackView).
 *
 * @param result the question's score from `scoreQuestion`/`scoreAttempt`; unused in `score-only`
 * @param mode from the bank's `settings.showAfterSubmit` (`beforePass` or `afterPass`)
 */
export function feedbackView(
  q: DrawnQuestion,
  answer: Answer | null,
  result: QuestionScore,
  mode: ResultDisplay,
): FeedbackView {
  const view: FeedbackView = { id: q.id, type: q.type, prompt: q.prompt, mode, yourAnswer: readableAnswer(q, answer) };
  if (mode === 'score-only') return view;
  Object.assign(view, {
    correct: result.correct,
    points: result.points,
    maxPoints: result.maxPoints,
    explanation: q.explanation,
  });
  if (mode === 'full') view.correctAnswer = readableKey(q);
  return view;
}
