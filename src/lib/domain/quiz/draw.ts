/**
 * Drawing an attempt from a bank. Randomness is injected so tests (and a support engineer
 * replaying a complaint) can reproduce a draw exactly from a seed.
 */
import type { Question, QuizBank } from '~/lib/shared/schemas/quiz';
import type { DrawnQuestion, RightChoice } from './snapshot';
import { shuffle, type Rng } from '../random';

export { mulberry32, shuffle, type Rng } from '../random';

/**
 * Why a bank cannot fill an attempt. Content validation (`quizBankSchema`,
 * `checkBankAgainstCourse`) reports the same problems at build time, so this only fires for a
 * bank that skipped validation.
 */
export class DrawError extends Error {
  override name = 'DrawError';
}

/**
 * Draws one attempt: `settings.questionsPerAttempt` distinct questions chosen at random.
 *
 * - `minPerObjective`: every objective that has questions in the bank gets at least that many
 *   (objectives are known here only through the bank; the course-level rule that every course
 *   objective has a question is `checkBankAgainstCourse`'s job). The minimum is drawn first, at
 *   random within each objective, then the remaining places are filled at random from all
 *   questions not yet drawn.
 * - `shuffleQuestions`: the drawn questions come in random order; otherwise in bank order.
 * - `shuffleOptions`: options (single, multiple) and right-hand choices (matching) are shuffled;
 *   otherwise they keep bank order (matching: the pairs' right-hand texts, then the distractors).
 *
 * Every returned question is a deep copy, safe to store and to mutate.
 *
 * @param rng Math.random in production; `mulberry32(seed)` in tests
 * @throws DrawError when the bank has too few questions overall or for some objective, or when
 *   the per-objective minimum cannot fit in one attempt
 */
export function drawAttempt(bank: QuizBank, rng: Rng): DrawnQuestion[] {
  const { questionsPerAttempt, minPerObjective, shuffleQuestions, shuffleOptions } = bank.settings;
  const indexes = bank.questions.map((_, i) => i);
  if (indexes.length < questionsPerAttempt) {
    throw new DrawError(`the bank has ${indexes.length} questions; an attempt needs ${questionsPerAttempt}`);
  }

  const byObjective = new Map<string, number[]>();
  for (const i of indexes) {
    const objective = bank.questions[i]!.objective;
    byObjective.set(objective, [...(byObjective.get(objective) ?? []), i]);
  }

  const chosen = new Set<number>();
  if (minPerObjective > 0) {
    if (byObjective.size * minPerObjective > questionsPerAttempt) {
      throw new DrawError(
        `${byObjective.size} objectives × minPerObjective ${minPerObjective} exceeds questionsPerAttempt ${questionsPerAttempt}`,
      );
    }
    for (const [objective, members] of byObjective) {
      if (members.length < minPerObjective) {
        throw new DrawError(`objective "${objective}" has ${members.length} questions; minPerObjective is ${minPerObjective}`);
      }
      for (const i of shuffle(members, rng).slice(0, minPerObjective)) chosen.add(i);
    }
  }
  const rest = shuffle(
    indexes.filter((i) => !chosen.has(i)),
    rng,
  );
  for (const i of rest.slice(0, questionsPerAttempt - chosen.size)) chosen.add(i);

  const ordered = shuffleQuestions ? shuffle([...chosen], rng) : [...chosen].sort((a, b) => a - b);
  return ordered.map((i) => snapshot(bank.questions[i]!, shuffleOptions, rng));
}

function snapshot(question: Question, shuffleOptions: boolean, rng: Rng): DrawnQuestion {
  // structuredClone so later edits to the in-memory bank (or to the snapshot) never leak across.
  const q = structuredClone(question);
  const order = <T>(items: readonly T[]) => (shuffleOptions ? shuffle(items, rng) : items.slice());
  switch (q.type) {
    case 'single':
    case 'multiple':
      return { ...q, optionOrder: order(q.options.map((o) => o.id)) };
    case 'matching': {
      const sources: Array<Omit<RightChoice, 'id'>> = [
        ...q.pairs.map((p) => ({ text: p.right, pairId: p.id })),
        ...q.distractors.map((text) => ({ text, pairId: null })),
      ];
      // Ids are given after shuffling, so an id says where a choice is shown and nothing else.
      const rightChoices = order(sources).map((c, k) => ({ id: `r${k + 1}`, ...c }));
      return { ...q, rightChoices };
    }
    default:
      return q;
  }
}
