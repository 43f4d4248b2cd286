import { describe, expect, it } from 'vitest';
import type { DrawnQuestion } from '~/lib/domain/quiz/snapshot';
import { itemStatistics, pointBiserial } from '~/lib/domain/quiz/stats';
import type { StatsAttempt, StatsQuestion } from '~/lib/domain/quiz/stats';

const Q1: StatsQuestion = {
  id: 'q1',
  type: 'single',
  options: [{ id: 'a', correct: true }, { id: 'b' }, { id: 'c' }, { id: 'd' }],
};
const Q2: StatsQuestion = { id: 'q2', type: 'true-false' };
const Q3: StatsQuestion = { id: 'q3', type: 'numeric' };
const Q4: StatsQuestion = { id: 'q4', type: 'code' };

type Row = StatsAttempt['perQuestion'][number];
const row = (questionId: string, points: number, maxPoints: number, answer: Row['answer']): Row => ({
  questionId,
  points,
  maxPoints,
  answer,
});

/*
 * Hand-made data: 5 attempts. q1 (single, 1 pt), q2 (true-false, 1 pt), q3 (numeric, 2 pts),
 * q4 (code, 2 pts, drawn only in A5 instead of q3).
 *
 *        q1        q2        q3        q4        total
 *   A1   a  → 1    T → 1     → 2                 4 / 4
 *   A2   b  → 0    F → 0     → 2                 2 / 4
 *   A3   c  → 0    T → 1     → 0                 1 / 4
 *   A4   b  → 0    F → 0     → 2                 2 / 4
 *   A5   –  → 0    – → 0               → 2       2 / 4
 *
 * Difficulty = full-mark attempts / attempts containing the item:
 *   q1 = 1/5 = 0.2 (flag: difficult, < 0.3)   q2 = 2/5 = 0.4   q3 = 3/4 = 0.75   q4 = 1/1 = 1
 *
 * Discrimination r = (M1 − M0) / s × √(p(1 − p)), rest = 100 × (total − item) / (max − item max),
 * s the population SD of rest over the attempts containing the item. r is unchanged by scaling
 * rest, so the arithmetic below uses convenient units.
 *
 * q1: x = [1,0,0,0,0]; rest out of 3 points = [3,2,1,2,2] (× 100/3 %).
 *   mean = 10/5 = 2; M1 = 3; M0 = (2+1+2+2)/4 = 1.75; M1 − M0 = 1.25
 *   deviations 1,0,−1,0,0 → squares sum 2 → variance 2/5 = 0.4 → s = 0.632456
 *   p = 0.2 → √(0.2 × 0.8) = 0.4
 *   r = 1.25 / 0.632456 × 0.4 = 1.976424 × 0.4 = 0.790569
 *
 * q2: x = [1,0,1,0,0]; rest out of 3 points = [3,2,0,2,2].
 *   mean = 9/5 = 1.8; M1 = (3+0)/2 = 1.5; M0 = (2+2+2)/3 = 2; M1 − M0 = −0.5
 *   deviations 1.2,0.2,−1.8,0.2,0.2 → squares 1.44+0.04+3.24+0.04+0.04 = 4.8 → variance 0.96 → s = 0.979796
 *   p = 0.4 → √(0.4 × 0.6) = 0.489898
 *   r = −0.5 / 0.979796 × 0.489898 = −0.5 × 0.5 = −0.25   (flag: low-discrimination, < 0.2)
 *
 * q3 (A1–A4 only): x = [1,1,0,1]; rest out of 2 points = [2,0,1,0] (× 50 %).
 *   mean = 3/4 = 0.75; M1 = (2+0+0)/3 = 0.666667; M0 = 1; M1 − M0 = −0.333333
 *   deviations 1.25,−0.75,0.25,−0.75 → squares 1.5625+0.5625+0.0625+0.5625 = 2.75 → variance 0.6875 → s = 0.829156
 *   p = 0.75 → √(0.75 × 0.25) = 0.433013
 *   r = −0.333333 / 0.829156 × 0.433013 = −0.402015 × 0.433013 = −0.174078   (flag: low-discrimination)
 *
 * q4: one attempt → r undefined (null), no flags.
 *
 * Wrong options of q1: b chosen in A2 and A4 (2), c in A3 (1), d never (0); most chosen: b.
 * Blanks: q1 1 (A5), q2 1 (A5), q3 0, q4 0.
 */
const attempts: StatsAttempt[] = [
  { questions: [Q1, Q2, Q3], perQuestion: [row('q1', 1, 1, 'a'), row('q2', 1, 1, true), row('q3', 2, 2, '1805')] },
  { questions: [Q1, Q2, Q3], perQuestion: [row('q1', 0, 1, 'b'), row('q2', 0, 1, false), row('q3', 2, 2, '1,805')] },
  { questions: [Q1, Q2, Q3], perQuestion: [row('q1', 0, 1, 'c'), row('q2', 1, 1, true), row('q3', 0, 2, '1806')] },
  { questions: [Q1, Q2, Q3], perQuestion: [row('q1', 0, 1, 'b'), row('q2', 0, 1, false), row('q3', 2, 2, '$1805')] },
  { questions: [Q1, Q2, Q4], perQuestion: [row('q1', 0, 1, null), row('q2', 0, 1, null), row('q4', 2, 2, 'S02.5XXA')] },
];

describe('itemStatistics on a hand-computed data set', () => {
  const stats = itemStatistics(attempts);
  const byId = Object.fromEntries(stats.map((s) => [s.questionId, s]));

  it('lists questions in the order first met', () => {
    expect(stats.map((s) => s.questionId)).toEqual(['q1', 'q2', 'q3', 'q4']);
    expect(stats.map((s) => s.type)).toEqual(['single', 'true-false', 'numeric', 'code']);
  });

  it('counts attempts and blanks', () => {
    expect(stats.map((s) => [s.attempts, s.blank])).toEqual([
      [5, 1],
      [5, 1],
      [4, 0],
      [1, 0],
    ]);
  });

  it('computes difficulty as the share of full marks', () => {
    expect(byId.q1!.difficulty).toBeCloseTo(0.2, 3);
    expect(byId.q2!.difficulty).toBeCloseTo(0.4, 3);
    expect(byId.q3!.difficulty).toBeCloseTo(0.75, 3);
    expect(byId.q4!.difficulty).toBeCloseTo(1, 3);
  });

  it('computes discrimination as the point-biserial against the rest-of-test percent', () => {
    expect(byId.q1!.discrimination).toBeCloseTo(0.790569, 3);
    expect(byId.q2!.discrimination).toBeCloseTo(-0.25, 3);
    expect(byId.q3!.discrimination).toBeCloseTo(-0.174078, 3);
    expect(byId.q4!.discrimination).toBeNull();
  });

  it('flags difficult and poorly discriminating questions', () => {
    expect(stats.map((s) => s.flags)).toEqual([['difficult'], ['low-discrimination'], ['low-discrimination'], []]);
  });

  it('counts wrong options for single/multiple questions only', () => {
    expect(byId.q1!.wrongOptions).toEqual({ b: 2, c: 1, d: 0 });
    expect(byId.q1!.mostChosenWrong).toBe('b');
    expect(byId.q2).not.toHaveProperty('wrongOptions');
    expect(byId.q3).not.toHaveProperty('mostChosenWrong');
  });
});

describe('itemStatistics edge cases', () => {
  it('returns nothing for no attempts', () => {
    expect(itemStatistics([])).toEqual([]);
  });

  it('gives null discrimination when everyone got the item right, or for a single attempt', () => {
    const all = itemStatistics([
      { questions: [Q2, Q3], perQuestion: [row('q2', 1, 1, true), row('q3', 2, 2, '1')] },
      { questions: [Q2, Q3], perQuestion: [row('q2', 1, 1, true), row('q3', 0, 2, '2')] },
    ]);
    expect(all[0]).toMatchObject({ questionId: 'q2', difficulty: 1, discrimination: null, flags: [] });
    // q3: x = [1, 0], rest = [100, 100]: no variance in the rest score.
    expect(all[1]).toMatchObject({ questionId: 'q3', difficulty: 0.5, discrimination: null, flags: [] });
  });

  it('leaves out of the correlation an attempt where the item carries all the points', () => {
    const s = itemStatistics([
      { questions: [Q2], perQuestion: [row('q2', 1, 1, true)] },
      { questions: [Q2], perQuestion: [row('q2', 0, 1, false)] },
    ]);
    expect(s[0]).toMatchObject({ attempts: 2, difficulty: 0.5, discrimination: null });
  });

  it('counts partial credit as not fully correct', () => {
    const multiple: DrawnQuestion = {
      id: 'm',
      objective: 'o',
      prompt: 'p',
      points: 3,
      explanation: 'e',
      type: 'multiple',
      scoring: 'partial',
      options: [
        { id: 'a', text: 'A', correct: true },
        { id: 'b', text: 'B', correct: true },
        { id: 'x', text: 'X' },
        { id: 'y', text: 'Y' },
      ],
      optionOrder: ['a', 'b', 'x', 'y'],
    };
    const s = itemStatistics([
      { questions: [multiple], perQuestion: [row('m', 1.5, 3, ['a'])] },
      { questions: [multiple], perQuestion: [row('m', 3, 3, ['a', 'b'])] },
      { questions: [multiple], perQuestion: [row('m', 0, 3, ['a', 'x', 'y'])] },
      { questions: [multiple], perQuestion: [row('m', 0, 3, ['y'])] },
    ]);
    expect(s[0]).toMatchObject({ difficulty: 0.25, wrongOptions: { x: 1, y: 2 }, mostChosenWrong: 'y', flags: ['difficult'] });
  });

  it('breaks a tie for the most chosen wrong option by option order, and reports none when none was chosen', () => {
    const tie = itemStatistics([
      { questions: [Q1], perQuestion: [row('q1', 0, 1, 'd')] },
      { questions: [Q1], perQuestion: [row('q1', 0, 1, 'c')] },
    ]);
    expect(tie[0]!.mostChosenWrong).toBe('c');
    const none = itemStatistics([{ questions: [Q1], perQuestion: [row('q1', 1, 1, 'a')] }]);
    expect(none[0]).toMatchObject({ wrongOptions: { b: 0, c: 0, d: 0 }, mostChosenWrong: null });
  });
});

describe('pointBiserial', () => {
  it('equals Pearson’s r of the 0/1 variable and the scores', () => {
    const data = [
      { x: 1, rest: 90 },
      { x: 1, rest: 70 },
      { x: 0, rest: 60 },
      { x: 1, rest: 40 },
      { x: 0, rest: 30 },
      { x: 0, rest: 50 },
    ] as const;
    const n = data.length;
    const mx = data.reduce((s, d) => s + d.x, 0) / n;
    const my = data.reduce((s, d) => s + d.rest, 0) / n;
    const cov = data.reduce((s, d) => s + (d.x - mx) * (d.rest - my), 0);
    const sx = Math.sqrt(data.reduce((s, d) => s + (d.x - mx) ** 2, 0));
    const sy = Math.sqrt(data.reduce((s, d) => s + (d.rest - my) ** 2, 0));
    expect(pointBiserial(data)).toBeCloseTo(cov / (sx * sy), 10);
  });

  it('is null for fewer than two observations', () => {
    expect(pointBiserial([])).toBeNull();
    expect(pointBiserial([{ x: 1, rest: 50 }])).toBeNull();
  });
});
