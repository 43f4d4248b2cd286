/**
 * The post-test bank format (`content/quizzes/<course>.yaml`), as documented in
 * docs/formats.md, "Post-test bank".
 *
 * Rules that need only the bank live in `quizBankSchema`; rules that need the course
 * (its objectives) live in `checkBankAgainstCourse`, which the content loader calls once both
 * files are known. Every message names the question id so an author can find the line.
 *
 * This module is isomorphic (lib/shared): it imports nothing but zod.
 */
import { z } from 'zod';

const idPattern = /^[a-z0-9-]+$/;
const idMessage = 'use lower-case letters, digits and hyphens only (for example "tooth-10")';
const id = z.string().regex(idPattern, idMessage);
const text = z.string().trim().min(1, 'must not be empty');

export const resultDisplaySchema = z.enum(['score-only', 'feedback', 'full']);
/** What the results page shows: the score alone, right/wrong with explanations, or also the key. */
export type ResultDisplay = z.infer<typeof resultDisplaySchema>;

export const quizSettingsSchema = z
  .object({
    /** How many questions one attempt draws from the bank. */
    questionsPerAttempt: z.number().int().positive(),
    /** At least this many questions per course objective in every attempt (0 = no rule). */
    minPerObjective: z.number().int().min(0).default(0),
    /** Percent of the attempt's points needed to pass. */
    passMark: z.number().gt(0, 'passMark must be above 0').max(100, 'passMark is a percentage (at most 100)'),
    /** Attempts allowed in total; null = unlimited. */
    maxAttempts: z.number().int().positive().nullable(),
    /** Wait after a failed attempt before the next one may start (0 = none). */
    cooldownMinutes: z.number().int().min(0),
    /** null = no time limit. */
    timeLimitMinutes: z.number().int().positive().nullable().default(null),
    shuffleQuestions: z.boolean(),
    shuffleOptions: z.boolean(),
    /** Every lesson must be complete before the first attempt. */
    requireLessons: z.boolean(),
    /** Minutes a learner needs; counts toward the CE-hours check. */
    expectedMinutes: z.number().int().positive(),
    showAfterSubmit: z
      .object({ beforePass: resultDisplaySchema, afterPass: resultDisplaySchema })
      .strict(),
  })
  .strict();

/** Fields every question has, whatever its type. */
const questionBase = {
  /** Unique in the bank. Visible to learners in form field names, so keep it neutral. */
  id,
  /** An objective id of the course. */
  objective: id,
  /** Markdown. */
  prompt: text,
  points: z.number().positive('points must be greater than 0').finite(),
  /** Markdown, shown after submission when the bank's settings allow it. */
  explanation: text,
};

const optionSchema = z
  .object({
    /** Visible to learners (form values), so keep it neutral: `a`, `b`, `c`, not `right-one`. */
    id,
    text,
    correct: z.boolean().optional(),
  })
  .strict();

export const singleQuestionSchema = z
  .object({
    ...questionBase,
    type: z.literal('single'),
    options: z.array(optionSchema).min(2, 'give at least 2 options').max(6, 'give at most 6 options'),
  })
  .strict();

export const multipleQuestionSchema = z
  .object({
    ...questionBase,
    type: z.literal('multiple'),
    options: z.array(optionSchema).min(2, 'give at least 2 options').max(8, 'give at most 8 options'),
    scoring: z.enum(['all-or-nothing', 'partial']).default('all-or-nothing'),
  })
  .strict();

export const trueFalseQuestionSchema = z
  .object({
    ...questionBase,
    type: z.literal('true-false'),
    answer: z.boolean({ invalid_type_error: 'answer must be true or false (no quotes)' }),
  })
  .strict();

export const numericQuestionSchema = z
  .object({
    ...questionBase,
    type: z.literal('numeric'),
    answer: z.number({ invalid_type_error: 'answer must be a number (no quotes, no $ or commas)' }).finite(),
    /** Absolute: any answer within ± tolerance of `answer` is right. */
    tolerance: z.number().min(0, 'tolerance cannot be negative').finite().default(0),
    /** Shown next to the input: `$` before it, anything else after it. */
    unit: text.optional(),
  })
  .strict();

const pairSchema = z.object({ id, left: text, right: text }).strict();

export const matchingQuestionSchema = z
  .object({
    ...questionBase,
    type: z.literal('matching'),
    pairs: z.array(pairSchema).min(2, 'give at least 2 pairs').max(8, 'give at most 8 pairs'),
    /** Extra right-hand texts that match nothing. */
    distractors: z.array(text).default([]),
    scoring: z.enum(['per-pair', 'all-or-nothing']).default('per-pair'),
  })
  .strict();

export const codeQuestionSchema = z
  .object({
    ...questionBase,
    type: z.literal('code'),
    /** Compared after upper-casing and removing spaces and dots. */
    accepted: z
      .array(z.string().regex(/[A-Za-z0-9]/, 'an accepted code needs at least one letter or digit'))
      .min(1, 'give at least one accepted code'),
    /** Hint shown in the empty input, such as `A00.0XXA`. */
    placeholder: text.optional(),
  })
  .strict();

export const questionSchema = z.discriminatedUnion('type', [
  singleQuestionSchema,
  multipleQuestionSchema,
  trueFalseQuestionSchema,
  numericQuestionSchema,
  matchingQuestionSchema,
  codeQuestionSchema,
]);

/** The first index of every value that occurs before, so the issue points at the repeat. */
function repeats<T>(values: readonly T[]): Array<{ index: number; value: T }> {
  const seen = new Set<T>();
  const out: Array<{ index: number; value: T }> = [];
  values.forEach((value, index) => {
    if (seen.has(value)) out.push({ index, value });
    seen.add(value);
  });
  return out;
}

export const quizBankSchema = z
  .object({
    /** Id of the course whose `quiz` is this file. */
    course: id,
    settings: quizSettingsSchema,
    questions: z.array(questionSchema).min(1, 'a bank needs at least one question'),
  })
  .strict()
  .superRefine((bank, ctx) => {
    for (const { index, value } of repeats(bank.questions.map((q) => q.id))) {
      ctx.addIssue({
        code: 'custom',
        path: ['questions', index, 'id'],
        message: `question id "${value}" is used twice; ids must be unique in the bank`,
      });
    }

    bank.questions.forEach((q, qi) => {
      const at = (...rest: Array<string | number>) => ['questions', qi, ...rest];
      const issue = (path: Array<string | number>, message: string) =>
        ctx.addIssue({ code: 'custom', path, message: `question "${q.id}": ${message}` });

      if (q.type === 'single' || q.type === 'multiple') {
        for (const { index, value } of repeats(q.options.map((o) => o.id))) {
          issue(at('options', index, 'id'), `option id "${value}" is used twice`);
        }
        for (const { index, value } of repeats(q.options.map((o) => o.text.trim()))) {
          issue(at('options', index, 'text'), `option text "${value}" appears twice`);
        }
        const correct = q.options.filter((o) => o.correct === true).length;
        if (q.type === 'single' && correct !== 1) {
          issue(at('options'), `a single-answer question needs exactly one option with "correct: true" (found ${correct})`);
        }
        if (q.type === 'multiple' && correct < 1) {
          issue(at('options'), 'a multiple-answer question needs at least one option with "correct: true"');
        }
      }

      if (q.type === 'matching') {
        for (const { index, value } of repeats(q.pairs.map((p) => p.id))) {
          issue(at('pairs', index, 'id'), `pair id "${value}" is used twice`);
        }
        for (const { index, value } of repeats(q.pairs.map((p) => p.left.trim()))) {
          issue(at('pairs', index, 'left'), `left-hand text "${value}" appears twice`);
        }
        // Two identical right-hand texts would make a right answer indistinguishable from a wrong one.
        const rights = [...q.pairs.map((p) => p.right.trim()), ...q.distractors.map((d) => d.trim())];
        for (const { index, value } of repeats(rights)) {
          const path = index < q.pairs.length ? at('pairs', index, 'right') : at('distractors', index - q.pairs.length);
          issue(path, `right-hand text "${value}" appears twice`);
        }
      }
    });

    if (bank.questions.length < bank.settings.questionsPerAttempt) {
      ctx.addIssue({
        code: 'custom',
        path: ['settings', 'questionsPerAttempt'],
        message: `an attempt draws ${bank.settings.questionsPerAttempt} questions but the bank has only ${bank.questions.length}`,
      });
    }
  });

export type QuizBank = z.infer<typeof quizBankSchema>;
/** The bank as written in YAML, before defaults are filled in. */
export type QuizBankInput = z.input<typeof quizBankSchema>;
export type QuizSettings = z.infer<typeof quizSettingsSchema>;
export type Question = z.infer<typeof questionSchema>;
export type QuestionType = Question['type'];
export type SingleQuestion = z.infer<typeof singleQuestionSchema>;
export type MultipleQuestion = z.infer<typeof multipleQuestionSchema>;
export type TrueFalseQuestion = z.infer<typeof trueFalseQuestionSchema>;
export type NumericQuestion = z.infer<typeof numericQuestionSchema>;
export type MatchingQuestion = z.infer<typeof matchingQuestionSchema>;
export type CodeQuestion = z.infer<typeof codeQuestionSchema>;
export type QuestionOption = z.infer<typeof optionSchema>;
export type MatchingPair = z.infer<typeof pairSchema>;

/**
 * Cross-file rules between a parsed bank and its course. Returns one human-readable message per
 * problem (empty when the bank fits the course); each message names the question id and field,
 * or the objective id and the setting.
 *
 * @param bank a bank that already passed `quizBankSchema`
 * @param courseObjectiveIds the `objectives[].id` of the course the bank belongs to
 */
export function checkBankAgainstCourse(bank: QuizBank, courseObjectiveIds: readonly string[]): string[] {
  const errors: string[] = [];
  const objectives = new Set(courseObjectiveIds);
  const perObjective = new Map<string, number>(courseObjectiveIds.map((o) => [o, 0]));

  bank.questions.forEach((q, i) => {
    if (!objectives.has(q.objective)) {
      errors.push(
        `questions[${i}] "${q.id}", field objective: "${q.objective}" is not an objective of course "${bank.course}" ` +
          `(its objectives are: ${courseObjectiveIds.join(', ') || 'none'})`,
      );
      return;
    }
    perObjective.set(q.objective, (perObjective.get(q.objective) ?? 0) + 1);
  });

  for (const [objective, count] of perObjective) {
    if (count === 0) {
      errors.push(`objective "${objective}" has no question; add at least one question with objective: ${objective}`);
    }
  }

  const { minPerObjective, questionsPerAttempt } = bank.settings;
  if (minPerObjective > 0) {
    const needed = minPerObjective * objectives.size;
    if (needed > questionsPerAttempt) {
      errors.push(
        `settings.minPerObjective: ${minPerObjective} per objective × ${objectives.size} objectives = ${needed} questions, ` +
          `more than settings.questionsPerAttempt (${questionsPerAttempt})`,
      );
    }
    for (const [objective, count] of perObjective) {
      if (count > 0 && count < minPerObjective) {
        errors.push(
          `objective "${objective}" has ${count} question${count === 1 ? '' : 's'} but settings.minPerObjective is ${minPerObjective}`,
        );
      }
    }
  }
  return errors;
}
