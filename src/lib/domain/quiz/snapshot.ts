/**
 * What an attempt stores: a full copy of each drawn question plus the order it was shown in, and
 * the learner's answers. An attempt is scored and reviewed from its own snapshot, so editing the
 * bank later never changes a past result or a results page.
 *
 * Both shapes are plain JSON; `drawnQuestionSchema` and `answerSchema` read them back from the
 * database.
 */
import { z } from 'zod';
import {
  codeQuestionSchema,
  matchingQuestionSchema,
  multipleQuestionSchema,
  numericQuestionSchema,
  singleQuestionSchema,
  trueFalseQuestionSchema,
} from '~/lib/shared/schemas/quiz';
import type {
  CodeQuestion,
  MatchingQuestion,
  MultipleQuestion,
  NumericQuestion,
  QuestionType,
  SingleQuestion,
  TrueFalseQuestion,
} from '~/lib/shared/schemas/quiz';

/**
 * One right-hand choice of a matching question, as shown. `id` is `r1`, `r2`, … in display
 * order, assigned after shuffling: it is what the browser sees and posts, and it must not be the
 * pair id, or the page source would give away which right-hand text belongs to which left one.
 */
export interface RightChoice {
  id: string;
  text: string;
  /** The pair whose right-hand text this is; null for a distractor. */
  pairId: string | null;
}

/** `options` stays in bank order; `optionOrder` is the option ids in display order. */
export type DrawnSingleQuestion = SingleQuestion & { optionOrder: string[] };
export type DrawnMultipleQuestion = MultipleQuestion & { optionOrder: string[] };
export type DrawnTrueFalseQuestion = TrueFalseQuestion;
export type DrawnNumericQuestion = NumericQuestion;
/** Left-hand texts are shown in `pairs` order; `rightChoices` is in display order. */
export type DrawnMatchingQuestion = MatchingQuestion & { rightChoices: RightChoice[] };
export type DrawnCodeQuestion = CodeQuestion;

/** A full snapshot of one question as drawn into an attempt. */
export type DrawnQuestion =
  | DrawnSingleQuestion
  | DrawnMultipleQuestion
  | DrawnTrueFalseQuestion
  | DrawnNumericQuestion
  | DrawnMatchingQuestion
  | DrawnCodeQuestion;

/** The learner's answer per question type; a blank answer is `null`, never an empty value. */
export interface AnswerByType {
  /** The chosen option id. */
  single: string;
  /** The chosen option ids (no repeats, in the order posted). */
  multiple: string[];
  'true-false': boolean;
  /** The raw text as typed, so a results page can show it back exactly. */
  numeric: string;
  /** pair id → chosen right-hand choice id (`r1`, …); pairs left unanswered are absent. */
  matching: Record<string, string>;
  /** The raw text as typed. */
  code: string;
}
export type SingleAnswer = AnswerByType['single'];
export type MultipleAnswer = AnswerByType['multiple'];
export type TrueFalseAnswer = AnswerByType['true-false'];
export type NumericAnswer = AnswerByType['numeric'];
export type MatchingAnswer = AnswerByType['matching'];
export type CodeAnswer = AnswerByType['code'];
export type Answer = AnswerByType[QuestionType];
/** question id → answer (null = blank). */
export type Answers = Record<string, Answer | null>;

const optionOrder = z.array(z.string());

/** Reads one stored `DrawnQuestion` back (for example from a JSON column). */
export const drawnQuestionSchema = z.discriminatedUnion('type', [
  singleQuestionSchema.extend({ optionOrder }),
  multipleQuestionSchema.extend({ optionOrder }),
  trueFalseQuestionSchema,
  numericQuestionSchema,
  matchingQuestionSchema.extend({
    rightChoices: z.array(z.object({ id: z.string(), text: z.string(), pairId: z.string().nullable() }).strict()),
  }),
  codeQuestionSchema,
]);

/** Reads one stored answer back; which shape is right depends on the question, see `answerFits`. */
export const answerSchema = z
  .union([z.string(), z.array(z.string()), z.boolean(), z.record(z.string(), z.string())])
  .nullable();

/**
 * Whether `answer` has the shape the question's type expects. Scoring treats an answer of the
 * wrong shape as blank rather than guessing what was meant.
 */
export function answerFits<Q extends DrawnQuestion>(q: Q, answer: unknown): answer is AnswerByType[Q['type']] {
  switch (q.type) {
    case 'single':
    case 'numeric':
    case 'code':
      return typeof answer === 'string';
    case 'true-false':
      return typeof answer === 'boolean';
    case 'multiple':
      return Array.isArray(answer) && answer.every((a) => typeof a === 'string');
    case 'matching':
      return (
        typeof answer === 'object' &&
        answer !== null &&
        !Array.isArray(answer) &&
        Object.values(answer).every((a) => typeof a === 'string')
      );
  }
}
