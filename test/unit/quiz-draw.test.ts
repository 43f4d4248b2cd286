import { describe, expect, it } from 'vitest';
import { DrawError, drawAttempt, mulberry32, shuffle } from '~/lib/domain/quiz/draw';
import { drawnQuestionSchema } from '~/lib/domain/quiz/snapshot';
import type { DrawnQuestion } from '~/lib/domain/quiz/snapshot';
import { quizBankSchema } from '~/lib/shared/schemas/quiz';
import type { QuizBank, QuizBankInput } from '~/lib/shared/schemas/quiz';

type QuestionInput = QuizBankInput['questions'][number];

/**
 * 12 questions: objective "alpha" has 7, "beta" 3, "gamma" 2. A draw of 5 with minPerObjective 1
 * would often miss gamma by chance (C(10,5)/C(12,5) ≈ 32 %), so the rule is visible in a test.
 */
function makeBank(settings: Partial<QuizBankInput['settings']> = {}): QuizBank {
  const objectives = ['alpha', 'alpha', 'alpha', 'alpha', 'alpha', 'alpha', 'alpha', 'beta', 'beta', 'beta', 'gamma', 'gamma'];
  const questions: QuestionInput[] = objectives.map((objective, i) => {
    const common = { id: `q${i}`, objective, prompt: `Prompt ${i}`, points: 1, explanation: `Because ${i}` };
    if (i % 3 === 0) {
      return {
        ...common,
        type: 'single',
        options: [
          { id: 'a', text: 'A' },
          { id: 'b', text: 'B', correct: true },
          { id: 'c', text: 'C' },
          { id: 'd', text: 'D' },
        ],
      };
    }
    if (i % 3 === 1) {
      return {
        ...common,
        type: 'matching',
        pairs: [
          { id: 'p1', left: 'L1', right: 'R1' },
          { id: 'p2', left: 'L2', right: 'R2' },
          { id: 'p3', left: 'L3', right: 'R3' },
        ],
        distractors: ['D1', 'D2'],
      };
    }
    return { ...common, type: 'true-false', answer: i % 2 === 0 };
  });
  return quizBankSchema.parse({
    course: 'c',
    settings: {
      questionsPerAttempt: 5,
      minPerObjective: 1,
      passMark: 70,
      maxAttempts: null,
      cooldownMinutes: 0,
      shuffleQuestions: true,
      shuffleOptions: true,
      requireLessons: false,
      expectedMinutes: 10,
      showAfterSubmit: { beforePass: 'feedback', afterPass: 'full' },
      ...settings,
    },
    questions,
  });
}

const SEEDS = Array.from({ length: 400 }, (_, i) => i + 1);
const countBy = (qs: DrawnQuestion[]) =>
  qs.reduce<Record<string, number>>((acc, q) => ({ ...acc, [q.objective]: (acc[q.objective] ?? 0) + 1 }), {});

describe('mulberry32', () => {
  it('is deterministic per seed and stays in [0, 1)', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(mulberry32(43)()).not.toBe(xs[0]);
  });

  it('spreads values roughly evenly', () => {
    const r = mulberry32(7);
    const buckets = [0, 0, 0, 0];
    for (let i = 0; i < 4000; i++) buckets[Math.floor(r() * 4)]! += 1;
    for (const b of buckets) expect(b).toBeGreaterThan(850);
  });
});

describe('shuffle', () => {
  it('returns a permutation and leaves the input alone', () => {
    const input = [1, 2, 3, 4, 5, 6];
    const out = shuffle(input, mulberry32(1));
    expect(input).toEqual([1, 2, 3, 4, 5, 6]);
    expect([...out].sort()).toEqual(input);
  });

  it('copes with an rng that returns 1 or 0', () => {
    expect(shuffle([1, 2, 3], () => 0.9999999999999999).sort()).toEqual([1, 2, 3]);
    expect(shuffle([1, 2, 3], () => 1).sort()).toEqual([1, 2, 3]);
    expect(shuffle([1, 2, 3], () => 0).sort()).toEqual([1, 2, 3]);
  });
});

describe('drawAttempt', () => {
  it('draws questionsPerAttempt distinct questions, honouring minPerObjective, for every seed', () => {
    const bank = makeBank();
    let missedGammaWithoutRule = 0;
    for (const seed of SEEDS) {
      const qs = drawAttempt(bank, mulberry32(seed));
      expect(qs).toHaveLength(5);
      expect(new Set(qs.map((q) => q.id)).size).toBe(5);
      const by = countBy(qs);
      expect(by.alpha ?? 0, `seed ${seed}`).toBeGreaterThanOrEqual(1);
      expect(by.beta ?? 0, `seed ${seed}`).toBeGreaterThanOrEqual(1);
      expect(by.gamma ?? 0, `seed ${seed}`).toBeGreaterThanOrEqual(1);

      const free = drawAttempt(makeBank({ minPerObjective: 0 }), mulberry32(seed));
      if (!free.some((q) => q.objective === 'gamma')) missedGammaWithoutRule++;
    }
    // Proves the test above could fail: without the rule, gamma is often missing.
    expect(missedGammaWithoutRule).toBeGreaterThan(50);
  });

  it('honours minPerObjective 2 (2 × 3 objectives ≤ 6 questions)', () => {
    const bank = makeBank({ questionsPerAttempt: 6, minPerObjective: 2 });
    for (const seed of SEEDS) {
      const qs = drawAttempt(bank, mulberry32(seed));
      expect(new Set(qs.map((q) => q.id)).size).toBe(6);
      expect(countBy(qs)).toEqual({ alpha: 2, beta: 2, gamma: 2 });
    }
  });

  it('draws every question sometimes, and is reproducible per seed', () => {
    const bank = makeBank();
    const seen = new Set<string>();
    for (const seed of SEEDS) for (const q of drawAttempt(bank, mulberry32(seed))) seen.add(q.id);
    expect(seen.size).toBe(12);
    expect(drawAttempt(bank, mulberry32(99))).toEqual(drawAttempt(bank, mulberry32(99)));
  });

  it('draws the whole bank when questionsPerAttempt equals its size', () => {
    const qs = drawAttempt(makeBank({ questionsPerAttempt: 12 }), mulberry32(5));
    expect(qs.map((q) => q.id).sort()).toEqual(makeBank().questions.map((q) => q.id).sort());
  });

  it('keeps bank order when shuffleQuestions is false', () => {
    const bank = makeBank({ shuffleQuestions: false });
    for (const seed of SEEDS.slice(0, 50)) {
      const idx = drawAttempt(bank, mulberry32(seed)).map((q) => Number(q.id.slice(1)));
      expect(idx).toEqual([...idx].sort((a, b) => a - b));
    }
  });

  it('shuffles question order when shuffleQuestions is true', () => {
    const bank = makeBank({ questionsPerAttempt: 12 });
    const orders = new Set(SEEDS.slice(0, 20).map((s) => drawAttempt(bank, mulberry32(s)).map((q) => q.id).join()));
    expect(orders.size).toBeGreaterThan(15);
  });

  it('keeps options and right-hand choices in bank order when shuffleOptions is false', () => {
    const qs = drawAttempt(makeBank({ shuffleOptions: false, questionsPerAttempt: 12 }), mulberry32(3));
    for (const q of qs) {
      if (q.type === 'single' || q.type === 'multiple') expect(q.optionOrder).toEqual(['a', 'b', 'c', 'd']);
      if (q.type === 'matching') {
        expect(q.rightChoices).toEqual([
          { id: 'r1', text: 'R1', pairId: 'p1' },
          { id: 'r2', text: 'R2', pairId: 'p2' },
          { id: 'r3', text: 'R3', pairId: 'p3' },
          { id: 'r4', text: 'D1', pairId: null },
          { id: 'r5', text: 'D2', pairId: null },
        ]);
      }
    }
  });

  it('shuffles options and right-hand choices when shuffleOptions is true, with ids in display order', () => {
    const bank = makeBank({ questionsPerAttempt: 12 });
    const optionOrders = new Set<string>();
    const rightOrders = new Set<string>();
    for (const seed of SEEDS.slice(0, 30)) {
      for (const q of drawAttempt(bank, mulberry32(seed))) {
        if (q.type === 'single' || q.type === 'multiple') {
          expect([...q.optionOrder].sort()).toEqual(['a', 'b', 'c', 'd']);
          optionOrders.add(q.optionOrder.join());
          // Options themselves stay in bank order: the key is not reordered.
          expect(q.options.map((o) => o.id)).toEqual(['a', 'b', 'c', 'd']);
        }
        if (q.type === 'matching') {
          expect(q.rightChoices.map((c) => c.id)).toEqual(['r1', 'r2', 'r3', 'r4', 'r5']);
          expect(q.rightChoices.map((c) => c.text).sort()).toEqual(['D1', 'D2', 'R1', 'R2', 'R3']);
          for (const c of q.rightChoices) {
            expect(c.pairId === null ? null : `R${c.pairId.slice(1)}`).toBe(c.text.startsWith('R') ? c.text : null);
          }
          rightOrders.add(q.rightChoices.map((c) => c.text).join());
        }
      }
    }
    expect(optionOrders.size).toBeGreaterThan(10);
    expect(rightOrders.size).toBeGreaterThan(10);
  });

  it('returns deep copies: changing a snapshot does not change the bank', () => {
    const bank = makeBank({ questionsPerAttempt: 12, shuffleQuestions: false });
    const [first] = drawAttempt(bank, mulberry32(1));
    if (first?.type !== 'single') throw new Error('expected q0 to be a single-answer question');
    first.options[0]!.text = 'changed';
    const original = bank.questions[0];
    expect(original?.type === 'single' && original.options[0]?.text).toBe('A');
  });

  it('produces snapshots that survive a JSON round trip through drawnQuestionSchema', () => {
    const qs = drawAttempt(makeBank({ questionsPerAttempt: 12 }), mulberry32(8));
    const back = JSON.parse(JSON.stringify(qs)).map((q: unknown) => drawnQuestionSchema.parse(q));
    expect(back).toEqual(qs);
    expect(() => drawnQuestionSchema.parse({ ...qs[0], optionOrder: undefined, rightChoices: undefined })).toThrow();
  });

  it('throws DrawError for a bank that cannot fill an attempt', () => {
    const bank = makeBank();
    expect(() => drawAttempt({ ...bank, settings: { ...bank.settings, questionsPerAttempt: 13 } }, Math.random)).toThrow(DrawError);
    expect(() => drawAttempt({ ...bank, settings: { ...bank.settings, minPerObjective: 2, questionsPerAttempt: 5 } }, Math.random)).toThrow(
      /3 objectives × minPerObjective 2 exceeds questionsPerAttempt 5/,
    );
    expect(() => drawAttempt({ ...bank, settings: { ...bank.settings, minPerObjective: 3, questionsPerAttempt: 12 } }, Math.random)).toThrow(
      /objective "gamma" has 2 questions; minPerObjective is 3/,
    );
  });

  it('works with Math.random', () => {
    expect(drawAttempt(makeBank(), Math.random)).toHaveLength(5);
  });
});
