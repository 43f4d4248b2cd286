/**
 * Item statistics for instructors: which post-test questions are too hard, which do not separate
 * learners who know the material from those who do not, and which wrong option attracts people.
 */
import type { QuestionType } from '~/lib/shared/schemas/quiz';
import type { Answer } from './snapshot';

/** The little of a drawn question the statistics need; a `DrawnQuestion` fits. */
export interface StatsQuestion {
  id: string;
  type: QuestionType;
  options?: ReadonlyArray<{ id: string; correct?: boolean | undefined }>;
}

/** One submitted attempt: its snapshot and its scored responses. */
export interface StatsAttempt {
  questions: readonly StatsQuestion[];
  perQuestion: ReadonlyArray<{ questionId: string; points: number; maxPoints: number; answer: Answer | null }>;
}

export type ItemFlag = 'difficult' | 'low-discrimination';

/** Below this share of full marks a question is flagged `difficult`. */
export const DIFFICULTY_FLAG_BELOW = 0.3;
/** Below this point-biserial correlation a question is flagged `low-discrimination`. */
export const DISCRIMINATION_FLAG_BELOW = 0.2;

export interface ItemStats {
  questionId: string;
  /** From the most recent snapshot seen (the input's last attempt containing the question). */
  type: QuestionType | null;
  /** Attempts that contained the question. */
  attempts: number;
  /** Attempts in which the question was left blank. */
  blank: number;
  /**
   * Share of `attempts` in which the question earned full marks (points = maxPoints), 0 to 1.
   * Classical-test-theory "difficulty" (p-value): higher means easier.
   */
  difficulty: number;
  /**
   * Point-biserial correlation between full marks on this question (1/0) and the rest-of-test
   * percent (see `itemStatistics`), −1 to 1; null when it is undefined.
   */
  discrimination: number | null;
  /** single/multiple only: wrong option id → attempts that chose it (0 included). */
  wrongOptions?: Record<string, number>;
  /** single/multiple only: the wrong option chosen most often (first in option order on a tie), null if none was chosen. */
  mostChosenWrong?: string | null;
  flags: ItemFlag[];
}

const EPS = 1e-9;

/**
 * Computes item statistics over submitted attempts. Statistics are unrounded; format for display.
 *
 * For question i and attempt a that contains it:
 * - x_a = 1 if points ≥ maxPoints on i (full marks), else 0;
 * - rest_a = 100 × (attempt points − points on i) / (attempt max − max on i), the attempt's
 *   percent score without the item, so the item does not correlate with itself. Attempts where
 *   the item is the only one with points (denominator 0) are left out of the correlation.
 * - Over the n attempts kept: p = mean of x, M1 / M0 = mean rest among x = 1 / x = 0,
 *   s = population standard deviation of rest (divide by n), and
 *   discrimination r_pb = (M1 − M0) / s × √(p (1 − p)), which equals Pearson's r of x and rest.
 *   It is null when n < 2, p is 0 or 1 (everyone right or everyone wrong), or s = 0.
 *
 * Flags: `difficult` when difficulty < 0.3; `low-discrimination` when discrimination < 0.2
 * (a null discrimination raises no flag: there is not enough information to judge).
 *
 * @returns one entry per question, in the order questions are first met in the input
 */
export function itemStatistics(attempts: readonly StatsAttempt[]): ItemStats[] {
  interface Acc {
    type: QuestionType | null;
    attempts: number;
    blank: number;
    full: number;
    pairs: Array<{ x: 0 | 1; rest: number }>;
    wrongOptions: Map<string, number> | null;
  }
  const items = new Map<string, Acc>();

  for (const attempt of attempts) {
    const snapshot = new Map(attempt.questions.map((q) => [q.id, q]));
    const total = attempt.perQuestion.reduce((s, r) => s + r.points, 0);
    const totalMax = attempt.perQuestion.reduce((s, r) => s + r.maxPoints, 0);

    for (const r of attempt.perQuestion) {
      const q = snapshot.get(r.questionId);
      let acc = items.get(r.questionId);
      if (!acc) {
        acc = { type: null, attempts: 0, blank: 0, full: 0, pairs: [], wrongOptions: null };
        items.set(r.questionId, acc);
      }
      if (q) acc.type = q.type;
      acc.attempts++;
      if (r.answer === null) acc.blank++;
      const x = r.maxPoints > 0 && r.points >= r.maxPoints - EPS ? 1 : 0;
      acc.full += x;
      const restMax = totalMax - r.maxPoints;
      if (restMax > EPS) acc.pairs.push({ x, rest: (100 * (total - r.points)) / restMax });

      if (q && (q.type === 'single' || q.type === 'multiple') && q.options) {
        const counts = (acc.wrongOptions ??= new Map());
        const wrong = q.options.filter((o) => o.correct !== true).map((o) => o.id);
        for (const id of wrong) if (!counts.has(id)) counts.set(id, 0);
        const picks = new Set(typeof r.answer === 'string' ? [r.answer] : Array.isArray(r.answer) ? r.answer : []);
        for (const id of wrong) if (picks.has(id)) counts.set(id, (counts.get(id) ?? 0) + 1);
      }
    }
  }

  return [...items].map(([questionId, acc]) => {
    const difficulty = acc.attempts > 0 ? acc.full / acc.attempts : 0;
    const discrimination = pointBiserial(acc.pairs);
    const flags: ItemFlag[] = [];
    if (difficulty < DIFFICULTY_FLAG_BELOW) flags.push('difficult');
    if (discrimination !== null && discrimination < DISCRIMINATION_FLAG_BELOW) flags.push('low-discrimination');
    const stats: ItemStats = {
      questionId,
      type: acc.type,
      attempts: acc.attempts,
      blank: acc.blank,
      difficulty,
      discrimination,
      flags,
    };
    if (acc.wrongOptions) {
      let most: string | null = null;
      for (const [id, n] of acc.wrongOptions) if (n > 0 && (most === null || n > acc.wrongOptions.get(most)!)) most = id;
      stats.wrongOptions = Object.fromEntries(acc.wrongOptions);
      stats.mostChosenWrong = most;
    }
    return stats;
  });
}

/**
 * Point-biserial correlation of a 0/1 variable with a continuous one; see `itemStatistics`.
 * Null when undefined (fewer than 2 observations, no variance in either variable).
 */
export function pointBiserial(data: ReadonlyArray<{ x: 0 | 1; rest: number }>): number | null {
  const n = data.length;
  if (n < 2) return null;
  const ones = data.filter((d) => d.x === 1);
  const zeros = data.filter((d) => d.x === 0);
  if (ones.length === 0 || zeros.length === 0) return null;
  const mean = (xs: readonly number[]) => xs.reduce((s, v) => s + v, 0) / xs.length;
  const all = data.map((d) => d.rest);
  const m = mean(all);
  const s = Math.sqrt(all.reduce((acc, v) => acc + (v - m) ** 2, 0) / n);
  if (s < EPS) return null;
  const p = ones.length / n;
  const m1 = mean(ones.map((d) => d.rest));
  const m0 = mean(zeros.map((d) => d.rest));
  return ((m1 - m0) / s) * Math.sqrt(p * (1 - p));
}

/** The sums the database can aggregate in one pass, for one item. */
export interface BiserialSums {
  /** Responses with a defined rest-of-test score. */
  n: number;
  /** How many of them were fully correct. */
  n1: number;
  /** Σ rest, Σ rest over the correct ones, Σ rest². */
  sumY: number;
  sumY1: number;
  sumY2: number;
}

/**
 * The same point-biserial as `pointBiserial`, from sums, so reports over 100,000 attempts need one
 * GROUP BY instead of every response in memory: m = Σy/n, s = √(Σy²/n − m²), m1 = Σy1/n1,
 * m0 = (Σy − Σy1)/(n − n1), p = n1/n, r = (m1 − m0)/s · √(p(1 − p)).
 */
export function pointBiserialFromSums(s: BiserialSums): number | null {
  const { n, n1 } = s;
  if (n < 2 || n1 === 0 || n1 === n) return null;
  const m = s.sumY / n;
  const variance = s.sumY2 / n - m * m;
  if (variance < EPS * EPS) return null;
  const sd = Math.sqrt(variance);
  const m1 = s.sumY1 / n1;
  const m0 = (s.sumY - s.sumY1) / (n - n1);
  const p = n1 / n;
  return ((m1 - m0) / sd) * Math.sqrt(p * (1 - p));
}
