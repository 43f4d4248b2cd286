/**
 * Reading a submitted post-test form into answers.
 *
 * Field names (one form per attempt; the attempt id and any other field are the caller's business):
 *
 * | question type | field name | value(s) |
 * |---|---|---|
 * | single | `q:<questionId>` | one option id (radio) |
 * | multiple | `q:<questionId>` | option ids, the field repeated once per ticked box |
 * | true-false | `q:<questionId>` | `true` or `false` (radio) |
 * | numeric | `q:<questionId>` | the text typed |
 * | code | `q:<questionId>` | the text typed |
 * | matching | `q:<questionId>:<pairId>` | one right-hand choice id (`r1`, …) per left-hand item (select) |
 *
 * Fields whose names do not start with `q:` are ignored (attempt id, CSRF token, submit button).
 * A missing field, an empty value, or a text field of only spaces means blank: allowed, scores 0.
 * Everything else that a real page could not have produced is refused with a message, and the
 * caller should answer 400 and store nothing.
 */
import { parseNumber } from './normalize';
import type { Answer, Answers, DrawnQuestion } from './snapshot';

/** Prefix of every answer field; ids are kebab-case, so `:` cannot occur inside them. */
export const ANSWER_FIELD_PREFIX = 'q:';
/** Longest accepted value: far above any option id or code, far below anything abusive. */
export const MAX_ANSWER_LENGTH = 200;

/** The form field name for a question, or for one left-hand item of a matching question. */
export function answerFieldName(questionId: string, pairId?: string): string {
  return pairId === undefined ? `${ANSWER_FIELD_PREFIX}${questionId}` : `${ANSWER_FIELD_PREFIX}${questionId}:${pairId}`;
}

export type SubmissionResult = { ok: true; answers: Answers } | { ok: false; error: string };

/**
 * Groups form entries (such as `[...formData]` or `new URLSearchParams(body)`) into the record
 * `parseSubmission` takes: a repeated name becomes an array. Non-string values (uploaded files)
 * are dropped, since no question takes a file; a dropped answer is simply blank.
 */
export function collectFormFields(entries: Iterable<readonly [string, unknown]>): Record<string, string | string[]> {
  const out = new Map<string, string[]>();
  for (const [name, value] of entries) {
    if (typeof value !== 'string') continue;
    out.set(name, [...(out.get(name) ?? []), value]);
  }
  return Object.fromEntries([...out].map(([name, values]) => [name, values.length === 1 ? values[0]! : values]));
}

/**
 * Turns a submitted form into one answer per question of the attempt (null = blank), or refuses
 * the whole submission with a human message. See the module comment for the field names.
 *
 * Refused: a field for a question not in the attempt, or shaped wrong for its type (`q:<id>` on
 * a matching question, `q:<id>:<pair>` on any other, an unknown pair id); an option id not offered
 * in that question; an option ticked twice; a right-hand choice id not offered; a true-false value
 * other than `true`/`false`; more than one value for single, true-false, numeric, code or one
 * matching item; a value longer than MAX_ANSWER_LENGTH characters; and a non-blank numeric answer
 * that `parseNumber` cannot read (refused rather than scored wrong, so a typo such as `1.805.00`
 * can be corrected). Messages name the question by its number in the attempt (1-based).
 *
 * @param questions the attempt's snapshot, in display order
 * @param form field name → value, or values when the name is repeated
 */
export function parseSubmission(
  questions: readonly DrawnQuestion[],
  form: Readonly<Record<string, string | readonly string[]>>,
): SubmissionResult {
  const byId = new Map(questions.map((q, i) => [q.id, { q, n: i + 1 }]));
  const answers: Answers = {};
  for (const q of questions) answers[q.id] = null;
  const refuse = (error: string): SubmissionResult => ({ ok: false, error });
  const tampered = 'The form does not match this attempt. Reload the post-test page and submit again.';

  for (const [name, raw] of Object.entries(form)) {
    if (!name.startsWith(ANSWER_FIELD_PREFIX)) continue;
    const values: readonly unknown[] = Array.isArray(raw) ? raw : [raw];
    if (!values.every((v): v is string => typeof v === 'string')) return refuse(tampered);
    if (values.some((v) => v.length > MAX_ANSWER_LENGTH)) {
      const at = byId.get(name.slice(ANSWER_FIELD_PREFIX.length).split(':')[0] ?? '');
      return refuse(`${at ? `Question ${at.n}: the` : 'An'} answer is too long (at most ${MAX_ANSWER_LENGTH} characters).`);
    }

    const [questionId = '', pairId, ...extra] = name.slice(ANSWER_FIELD_PREFIX.length).split(':');
    const found = byId.get(questionId);
    if (!found || extra.length > 0) return refuse(tampered);
    const { q, n } = found;
    const one = (): string | null | undefined => {
      if (values.length > 1) return undefined;
      const v = values[0];
      return v === undefined || v.trim() === '' ? null : v;
    };

    if (q.type === 'matching') {
      const pair = q.pairs.find((p) => p.id === pairId);
      if (!pair) return refuse(tampered);
      const v = one();
      if (v === undefined) return refuse(`Question ${n}: choose one answer for “${pair.left}”.`);
      if (v === null) continue;
      if (!q.rightChoices.some((c) => c.id === v)) return refuse(tampered);
      const chosen = (answers[q.id] ?? {}) as Record<string, string>;
      answers[q.id] = { ...chosen, [pair.id]: v };
      continue;
    }
    if (pairId !== undefined) return refuse(tampered);

    let answer: Answer | null;
    if (q.type === 'multiple') {
      const picks = values.filter((v) => v !== '');
      if (picks.some((p) => !q.optionOrder.includes(p))) return refuse(tampered);
      if (new Set(picks).size !== picks.length) return refuse(`Question ${n}: an option was ticked twice.`);
      answer = picks.length > 0 ? picks : null;
    } else {
      const v = one();
      if (v === undefined) return refuse(`Question ${n}: give one answer only.`);
      if (v === null) answer = null;
      else if (q.type === 'single') {
        if (!q.optionOrder.includes(v)) return refuse(tampered);
        answer = v;
      } else if (q.type === 'true-false') {
        if (v !== 'true' && v !== 'false') return refuse(tampered);
        answer = v === 'true';
      } else if (q.type === 'numeric') {
        if (parseNumber(v) === null) {
          return refuse(`Question ${n}: “${v.trim()}” is not a number. Type digits only, for example 1805 or 1,805.50.`);
        }
        answer = v;
      } else {
        answer = v;
      }
    }
    answers[q.id] = answer;
  }
  return { ok: true, answers };
}
