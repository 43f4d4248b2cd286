/**
 * The post-test domain: pure functions over plain data (no database, no Astro, no I/O).
 * Flow: `drawAttempt` → store the DrawnQuestion[] → `learnerView` for the page →
 * `parseSubmission` on POST → `scoreAttempt` → store → `feedbackView` on the results page;
 * `itemStatistics` for instructors' reports.
 */
export { normalizeCode, parseNumber } from './normalize';
export { answerFits, answerSchema, drawnQuestionSchema } from './snapshot';
export type {
  Answer,
  AnswerByType,
  Answers,
  CodeAnswer,
  DrawnCodeQuestion,
  DrawnMatchingQuestion,
  DrawnMultipleQuestion,
  DrawnNumericQuestion,
  DrawnQuestion,
  DrawnSingleQuestion,
  DrawnTrueFalseQuestion,
  MatchingAnswer,
  MultipleAnswer,
  NumericAnswer,
  RightChoice,
  SingleAnswer,
  TrueFalseAnswer,
} from './snapshot';
export { DrawError, drawAttempt, mulberry32, shuffle } from './draw';
export type { Rng } from './draw';
export { round2, scoreAttempt, scoreQuestion } from './scoring';
export type { AttemptScore, PerQuestionResult, QuestionScore } from './scoring';
export {
  ANSWER_FIELD_PREFIX,
  MAX_ANSWER_LENGTH,
  answerFieldName,
  collectFormFields,
  parseSubmission,
} from './submission';
export type { SubmissionResult } from './submission';
export { feedbackView, learnerView } from './view';
export type { ChoiceView, FeedbackView, LearnerQuestion } from './view';
export {
  DIFFICULTY_FLAG_BELOW,
  DISCRIMINATION_FLAG_BELOW,
  itemStatistics,
  pointBiserial,
} from './stats';
export type { ItemFlag, ItemStats, StatsAttempt, StatsQuestion } from './stats';
