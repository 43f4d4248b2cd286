/**
 * Scoring, per docs/formats.md "Post-test bank". Runs on the server only, over the attempt's own
 * snapshot, so a learner's result never depends on what the bank says today.
 */
import { normalizeCode, parseNumber } from './normalize';
import { answerFits } from './snapshot';
import type { Answer, Answers, DrawnQuestion } from './snapshot';

export interface QuestionScore {
  /** Points earned, rounded to two decimals. */
  points: number;
  /** The question's points, rounded to two decimals. */
  maxPoints: number;
  /** Full marks: partial credit alone does not make an answer correct. */
  correct: boolean;
}

export interface PerQuestionResult extends QuestionScore {
  questionId: string;
  answer: Answer | null;
}

export interface AttemptScore {
  score: number;
  maxScore: number;
  /** score / maxScore × 100, rounded to two decimals (0 for an empty attempt). */
  percent: number;
  passed: boolean;
  /** In the attempt's question order. */
  perQuestion: PerQuestionResult[];
}

/** Rounds half away from zero to two decimals; the epsilon keeps 1.005 from rounding down. */
export function round2(x: number): number {
  return Math.sign(x) * (Math.round((Math.abs(x) + Number.EPSILON) * 100) / 100);
}

/**
 * Floating-point slack for the numeric tolerance, relative to the size of the numbers, so that
 * answer 0.3 with tolerance 0.1 accepts 0.4 (|0.4 − 0.3| is 0.10000000000000003 in binary).
 */
function slack(answer: number, tolerance: number): number {
  return 1e-9 * Math.max(1, Math.abs(answer), tolerance);
}

/** Share of the question's points earned, in [0, 1]; 1 means fully correct. */
function share(q: DrawnQuestion, answer: Answer): number {
  switch (q.type) {
    case 'single':
      return q.options.some((o) => o.correct === true && o.id === answer) ? 1 : 0;
    case 'true-false':
      return answer === q.answer ? 1 : 0;
    case 'multiple': {
      const picks = new Set(answer as string[]);
      const correctIds = new Set(q.options.filter((o) => o.correct === true).map((o) => o.id));
      let right = 0;
      let wrong = 0;
      // Ids not among the options (only possible if parseSubmission was bypassed) count as wrong picks.
      for (const p of picks) {
        if (correctIds.has(p)) right++;
        else wrong++;
      }
      if (q.scoring === 'all-or-nothing') return right === correctIds.size && wrong === 0 ? 1 : 0;
      return Math.max(0, (right - wrong) / correctIds.size);
    }
    case 'numeric': {
      const given = parseNumber(answer as string);
      if (given === null) return 0;
      return Math.abs(given - q.answer) <= q.tolerance + slack(q.answer, q.tolerance) ? 1 : 0;
    }
    case 'matching': {
      const chosen = answer as Record<string, string>;
      const right = q.pairs.filter((p) => {
        const choiceId = Object.hasOwn(chosen, p.id) ? chosen[p.id] : undefined;
        return q.rightChoices.some((c) => c.id === choiceId && c.pairId === p.id);
      }).length;
      if (q.scoring === 'all-or-nothing') return right === q.pairs.length ? 1 : 0;
      return right / q.pairs.length;
    }
    case 'code': {
      const given = normalizeCode(answer as string);
      return given !== '' && q.accepted.some((a) => normalizeCode(a) === given) ? 1 : 0;
    }
  }
}

/**
 * Scores one question against the learner's answer.
 *
 * | type | points |
 * |---|---|
 * | single | full for the correct option |
 * | multiple, all-or-nothing | full only for exactly the correct set |
 * | multiple, partial | points × max(0, (right picks − wrong picks) / number of correct options) |
 * | true-false | full when equal |
 * | numeric | full when `|parseNumber(answer) − key| ≤ tolerance` (plus float slack) |
 * | matching, per-pair | points × right pairs / pairs |
 * | matching, all-or-nothing | full only when every pair is right |
 * | code | full when `normalizeCode(answer)` equals a normalised accepted code |
 *
 * A blank answer (null) or one of the wrong shape for the type scores 0. Points are rounded to
 * two decimals; `correct` means full points.
 */
export function scoreQuestion(q: DrawnQuestion, answer: Answer | null): QuestionScore {
  const maxPoints = round2(q.points);
  if (answer === null || !answerFits(q, answer)) return { points: 0, maxPoints, correct: false };
  const s = share(q, answer);
  return { points: round2(q.points * s), maxPoints, correct: s === 1 };
}

/**
 * Scores a whole attempt.
 *
 * `passed` compares the unrounded ratio (`score × 100 ≥ passMark × maxScore`), so a 69.996 %
 * that would display as 70 % does not pass a 70 % mark. Answers for question ids not in
 * `questions` are ignored; a question missing from `answers` is blank.
 *
 * @param questions the attempt's snapshot, in display order
 * @param answers question id → answer or null, typically from `parseSubmission`
 * @param passMark percent, from the bank's settings
 */
export function scoreAttempt(questions: readonly DrawnQuestion[], answers: Answers, passMark: number): AttemptScore {
  const perQuestion = questions.map((q): PerQuestionResult => {
    const answer = Object.hasOwn(answers, q.id) ? (answers[q.id] ?? null) : null;
    return { questionId: q.id, answer, ...scoreQuestion(q, answer) };
  });
  // Summing in hundredths keeps 0.1 + 0.2 from becoming 0.30000000000000004.
  const score = perQuestion.reduce((s, r) => s + Math.round(r.points * 100), 0) / 100;
  const maxScore = perQuestion.reduce((s, r) => s + Math.round(r.maxPoints * 100), 0) / 100;
  const percent = maxScore > 0 ? round2((score / maxScore) * 100) : 0;
  const passed = maxScore > 0 && score * 100 >= passMark * maxScore - 1e-9;
  return { score, maxScore, percent, passed, perQuestion };
}
