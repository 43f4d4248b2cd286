/**
 * How a typed answer, a form field and a choice are judged. Pure helpers shared by the engine (which
 * scores runs) and the graph check (which searches every run).
 */
import type { ChoiceNode, ChoiceOption, FormField, InputNode, NormalizeKind } from '~/lib/shared/schemas/simulation';

/** Points are money-like: keep two decimals so sums never drift (0.1 + 0.2). */
export const roundPoints = (n: number): number => Math.round(n * 100) / 100;

const NUMBER_PATTERN = /^-?(?:\d+(?:\.\d*)?|\.\d+)$/;

/**
 * Normalises a typed answer so equivalent spellings compare equal:
 * - code: upper case, spaces and dots removed (`s02.5 xxa` → `S025XXA`);
 * - number/money: `$`, commas and spaces removed, then read as a number (`$1,805.00` → `1805`);
 *   text that is not a number is kept as is, so it never equals a numeric answer;
 * - text: trimmed, case-insensitive, inner runs of space collapsed.
 */
export function normalizeAnswer(kind: NormalizeKind, raw: string): string {
  switch (kind) {
    case 'code':
      return raw.normalize('NFKC').toUpperCase().replace(/[\s.]/g, '');
    case 'number':
    case 'money': {
      const stripped = raw.normalize('NFKC').replace(/[\s$,]/g, '');
      return NUMBER_PATTERN.test(stripped) ? String(Number(stripped)) : stripped.toLowerCase();
    }
    case 'text':
      return raw.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
  }
}

/** Points for an accepted input answer given the wrong tries before it: full, half, then nothing. */
export function inputPoints(points: number, wrongTriesBefore: number): number {
  if (wrongTriesBefore === 0) return points;
  if (wrongTriesBefore === 1) return roundPoints(points / 2);
  return 0;
}

/** The accepted answer a typed value matches, if any. */
export function matchAccepted(node: InputNode, value: string) {
  const given = normalizeAnswer(node.normalize, value);
  return node.accepted.find((a) => normalizeAnswer(node.normalize, a.value) === given);
}

/** Whether a form field's value is right: a select compares the exact option, text is normalised. */
export function fieldIsRight(field: FormField, value: string): boolean {
  if (field.kind === 'select') return field.accepted.includes(value);
  const kind = field.normalize ?? 'text';
  const given = normalizeAnswer(kind, value);
  return field.accepted.some((a) => normalizeAnswer(kind, a) === given);
}


/** How a decision is styled to the learner: a green box only for the best answer. */
export type Verdict = 'right' | 'partly' | 'wrong';

/**
 * A choice is right when it earns the most points the step offers, wrong when it is critical or earns
 * nothing while another option earns something, and partly right in between. A step whose options all
 * earn the same (a pure routing choice) has no wrong answer.
 */
export function choiceVerdict(node: ChoiceNode, option: ChoiceOption): Verdict {
  if (option.critical) return 'wrong';
  const best = Math.max(...node.options.map((o) => o.points));
  if (option.points >= best) return 'right';
  return option.points <= 0 ? 'wrong' : 'partly';
}

/** The verdict of an input or a form from whether it was all right and whether it earned anything. */
export const verdictOf = (correct: boolean, points: number): Verdict => (correct ? 'right' : points > 0 ? 'partly' : 'wrong');
