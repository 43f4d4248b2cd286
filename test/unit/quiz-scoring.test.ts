import { describe, expect, it } from 'vitest';
import { normalizeCode, parseNumber } from '~/lib/domain/quiz/normalize';
import { round2, scoreAttempt, scoreQuestion } from '~/lib/domain/quiz/scoring';
import type {
  Answer,
  DrawnCodeQuestion,
  DrawnMatchingQuestion,
  DrawnMultipleQuestion,
  DrawnNumericQuestion,
  DrawnQuestion,
  DrawnSingleQuestion,
  DrawnTrueFalseQuestion,
} from '~/lib/domain/quiz/snapshot';

const base = (id: string, points = 1) => ({ id, objective: 'obj', prompt: `Prompt ${id}`, points, explanation: `Why ${id}` });

const single = (points = 1): DrawnSingleQuestion => ({
  ...base('single', points),
  type: 'single',
  options: [
    { id: 'a', text: 'A' },
    { id: 'b', text: 'B', correct: true },
    { id: 'c', text: 'C', correct: false },
  ],
  optionOrder: ['c', 'a', 'b'],
});

const multiple = (scoring: 'partial' | 'all-or-nothing', points = 3): DrawnMultipleQuestion => ({
  ...base('multiple', points),
  type: 'multiple',
  scoring,
  options: [
    { id: 'a', text: 'A', correct: true },
    { id: 'b', text: 'B', correct: true },
    { id: 'c', text: 'C', correct: true },
    { id: 'x', text: 'X' },
    { id: 'y', text: 'Y' },
  ],
  optionOrder: ['a', 'b', 'c', 'x', 'y'],
});

const trueFalse = (answer: boolean): DrawnTrueFalseQuestion => ({ ...base('tf'), type: 'true-false', answer });

const numeric = (answer: number, tolerance = 0, points = 1): DrawnNumericQuestion => ({
  ...base('num', points),
  type: 'numeric',
  answer,
  tolerance,
  unit: '$',
});

const matching = (scoring: 'per-pair' | 'all-or-nothing', points = 3): DrawnMatchingQuestion => ({
  ...base('match', points),
  type: 'matching',
  scoring,
  pairs: [
    { id: 'p8', left: '#8', right: '11' },
    { id: 'p9', left: '#9', right: '21' },
    { id: 'p10', left: '#10', right: '22' },
  ],
  distractors: ['31'],
  rightChoices: [
    { id: 'r1', text: '22', pairId: 'p10' },
    { id: 'r2', text: '31', pairId: null },
    { id: 'r3', text: '11', pairId: 'p8' },
    { id: 'r4', text: '21', pairId: 'p9' },
  ],
});

const code = (accepted = ['S02.5XXA']): DrawnCodeQuestion => ({ ...base('code'), type: 'code', accepted });

describe('normalizeCode', () => {
  it.each(['s02.5xxa', 'S025XXA', 'S02.5 XXA', ' S02.5XXA ', 's 0 2 . 5 x x a', 'S02.5\tXXA'])('%j → S025XXA', (s) => {
    expect(normalizeCode(s)).toBe('S025XXA');
  });
  it('keeps other punctuation, so a hyphenated code stays different', () => {
    expect(normalizeCode('S02-5XXA')).toBe('S02-5XXA');
  });
});

describe('parseNumber', () => {
  it.each([
    ['1805', 1805],
    ['1,805', 1805],
    ['$1805.00', 1805],
    [' 1805 ', 1805],
    ['$1,805.00', 1805],
    ['$ 1,805', 1805],
    ['-2.5', -2.5],
    ['\u22122.5', -2.5],
    ['-$2.50', -2.5],
    ['$-2.50', -2.5],
    ['+3', 3],
    ['.5', 0.5],
    ['5.', 5],
    ['0', 0],
    ['-0', 0],
    ['12,345,678.9', 12345678.9],
    ['007', 7],
  ])('%j → %d', (s, n) => {
    expect(parseNumber(s)).toBe(n);
  });

  it.each(['', '   ', 'abc', '1.2.3', '1,80,5', '2,5', '1805,', ',1805', '1 805', '1e3', '12 months', '--2', '-$-2', '$', '.', '-', 'Infinity', 'NaN', '0x10', '$$5', '1805$'])(
    '%j → null',
    (s) => {
      expect(parseNumber(s)).toBeNull();
    },
  );

  it('returns null for a number too large to represent', () => {
    expect(parseNumber('9'.repeat(400))).toBeNull();
  });
});

describe('round2', () => {
  it('rounds half away from zero, including the 1.005 float trap', () => {
    expect(round2(1.005)).toBe(1.01);
    expect(round2(2 / 3)).toBe(0.67);
    expect(round2(1 / 3)).toBe(0.33);
    expect(round2(0)).toBe(0);
  });
});

describe('scoreQuestion', () => {
  it('single: full points for the correct option only', () => {
    expect(scoreQuestion(single(2), 'b')).toEqual({ points: 2, maxPoints: 2, correct: true });
    expect(scoreQuestion(single(2), 'a')).toEqual({ points: 0, maxPoints: 2, correct: false });
    expect(scoreQuestion(single(2), 'c')).toEqual({ points: 0, maxPoints: 2, correct: false });
    expect(scoreQuestion(single(2), 'zz')).toEqual({ points: 0, maxPoints: 2, correct: false });
    expect(scoreQuestion(single(2), null)).toEqual({ points: 0, maxPoints: 2, correct: false });
  });

  it('treats an answer of the wrong shape as blank', () => {
    expect(scoreQuestion(single(), ['b'])).toEqual({ points: 0, maxPoints: 1, correct: false });
    expect(scoreQuestion(trueFalse(true), 'true')).toEqual({ points: 0, maxPoints: 1, correct: false });
    expect(scoreQuestion(multiple('partial'), 'a')).toEqual({ points: 0, maxPoints: 3, correct: false });
    expect(scoreQuestion(matching('per-pair'), ['r3'])).toEqual({ points: 0, maxPoints: 3, correct: false });
    expect(scoreQuestion(numeric(5), 5 as unknown as Answer)).toEqual({ points: 0, maxPoints: 1, correct: false });
  });

  describe('multiple, all-or-nothing', () => {
    const q = multiple('all-or-nothing');
    it('gives full points only for exactly the correct set, in any order', () => {
      expect(scoreQuestion(q, ['c', 'a', 'b'])).toEqual({ points: 3, maxPoints: 3, correct: true });
      expect(scoreQuestion(q, ['a', 'b'])).toEqual({ points: 0, maxPoints: 3, correct: false });
      expect(scoreQuestion(q, ['a', 'b', 'c', 'x'])).toEqual({ points: 0, maxPoints: 3, correct: false });
      expect(scoreQuestion(q, [])).toEqual({ points: 0, maxPoints: 3, correct: false });
      expect(scoreQuestion(q, null)).toEqual({ points: 0, maxPoints: 3, correct: false });
    });
  });

  describe('multiple, partial: points × max(0, (right − wrong) / correct)', () => {
    const q = multiple('partial'); // 3 points, 3 correct options (a, b, c), 2 wrong (x, y)
    it.each<[string[], number, boolean]>([
      [['a', 'b', 'c'], 3, true], // 3 × 3/3
      [['a', 'b'], 2, false], // 3 × 2/3
      [['a'], 1, false], // 3 × 1/3
      [['a', 'b', 'c', 'x'], 2, false], // 3 × (3 − 1)/3
      [['a', 'b', 'x'], 1, false], // 3 × (2 − 1)/3
      [['a', 'x'], 0, false], // 3 × 0/3
      [['a', 'x', 'y'], 0, false], // 3 × max(0, −1/3): the floor
      [['x', 'y'], 0, false], // 3 × max(0, −2/3)
      [['a', 'a', 'a'], 1, false], // a repeated pick counts once
      [[], 0, false],
    ])('%j → %d', (picks, points, correct) => {
      expect(scoreQuestion(q, picks)).toEqual({ points, maxPoints: 3, correct });
    });

    it('rounds to two decimals', () => {
      expect(scoreQuestion(multiple('partial', 1), ['a']).points).toBe(0.33);
      expect(scoreQuestion(multiple('partial', 1), ['a', 'b']).points).toBe(0.67);
      expect(scoreQuestion(multiple('partial', 2.5), ['a']).points).toBe(0.83);
    });

    it('counts an id that is not an option as a wrong pick', () => {
      expect(scoreQuestion(q, ['a', 'b', 'c', 'zz']).points).toBe(2);
    });
  });

  it('true-false: full points when equal, for both keys', () => {
    expect(scoreQuestion(trueFalse(true), true).correct).toBe(true);
    expect(scoreQuestion(trueFalse(true), false).correct).toBe(false);
    expect(scoreQuestion(trueFalse(false), false)).toEqual({ points: 1, maxPoints: 1, correct: true });
    expect(scoreQuestion(trueFalse(false), true)).toEqual({ points: 0, maxPoints: 1, correct: false });
    expect(scoreQuestion(trueFalse(false), null)).toEqual({ points: 0, maxPoints: 1, correct: false });
  });

  describe('numeric', () => {
    it.each(['1805', '1,805', '$1805.00', ' 1805 ', '$1,805.00', '1805.0'])('%j matches 1805 exactly', (s) => {
      expect(scoreQuestion(numeric(1805), s)).toEqual({ points: 1, maxPoints: 1, correct: true });
    });

    it.each(['1806', '1804.99', '18.05', '1,80,5', 'abc', '', '   '])('%j does not match 1805 with tolerance 0', (s) => {
      expect(scoreQuestion(numeric(1805), s).correct).toBe(false);
    });

    it('accepts answers within ± tolerance, inclusive at both edges', () => {
      const q = numeric(12, 0.5);
      expect(scoreQuestion(q, '12.5').correct).toBe(true);
      expect(scoreQuestion(q, '11.5').correct).toBe(true);
      expect(scoreQuestion(q, '12.2').correct).toBe(true);
      expect(scoreQuestion(q, '12.51').correct).toBe(false);
      expect(scoreQuestion(q, '11.49').correct).toBe(false);
    });

    it('is not fooled by binary fractions at the edge (0.3 ± 0.1)', () => {
      const q = numeric(0.3, 0.1);
      expect(scoreQuestion(q, '0.4').correct).toBe(true);
      expect(scoreQuestion(q, '0.2').correct).toBe(true);
      expect(scoreQuestion(q, '0.40001').correct).toBe(false);
      expect(scoreQuestion(q, '0.19999').correct).toBe(false);
    });

    it('handles negative keys', () => {
      expect(scoreQuestion(numeric(-2.5), '-2.5').correct).toBe(true);
      expect(scoreQuestion(numeric(-2.5), '2.5').correct).toBe(false);
    });
  });

  describe('code', () => {
    it.each(['s02.5xxa', 'S025XXA', 'S02.5 XXA', 'S02.5XXA', ' s02.5xxa '])('%j matches S02.5XXA', (s) => {
      expect(scoreQuestion(code(), s)).toEqual({ points: 1, maxPoints: 1, correct: true });
    });
    it.each(['S02.5XXD', 'S02.5', 'S02-5XXA', '', ' . ', 'S02.5XXAA'])('%j does not match', (s) => {
      expect(scoreQuestion(code(), s).correct).toBe(false);
    });
    it('matches any accepted code, however the author wrote it', () => {
      const q = code(['k08.119', 'K08.11']);
      expect(scoreQuestion(q, 'K08119').correct).toBe(true);
      expect(scoreQuestion(q, 'k0811').correct).toBe(true);
      expect(scoreQuestion(q, 'K081').correct).toBe(false);
    });
  });

  describe('matching', () => {
    const allRight = { p8: 'r3', p9: 'r4', p10: 'r1' };
    it('per-pair: points × right pairs / pairs', () => {
      const q = matching('per-pair');
      expect(scoreQuestion(q, allRight)).toEqual({ points: 3, maxPoints: 3, correct: true });
      expect(scoreQuestion(q, { ...allRight, p10: 'r2' })).toEqual({ points: 2, maxPoints: 3, correct: false });
      expect(scoreQuestion(q, { p8: 'r3' })).toEqual({ points: 1, maxPoints: 3, correct: false });
      expect(scoreQuestion(q, { p8: 'r4', p9: 'r3', p10: 'r2' })).toEqual({ points: 0, maxPoints: 3, correct: false });
      expect(scoreQuestion(q, {})).toEqual({ points: 0, maxPoints: 3, correct: false });
      expect(scoreQuestion(matching('per-pair', 1), { p8: 'r3' }).points).toBe(0.33);
    });

    it('all-or-nothing: full points only when every pair is right', () => {
      const q = matching('all-or-nothing');
      expect(scoreQuestion(q, allRight)).toEqual({ points: 3, maxPoints: 3, correct: true });
      expect(scoreQuestion(q, { ...allRight, p10: 'r4' })).toEqual({ points: 0, maxPoints: 3, correct: false });
      expect(scoreQuestion(q, { p8: 'r3', p9: 'r4' })).toEqual({ points: 0, maxPoints: 3, correct: false });
    });

    it('ignores keys that are not pairs, and choice ids that do not exist', () => {
      const q = matching('per-pair');
      expect(scoreQuestion(q, { p8: 'r3', zz: 'r4', toString: 'r1' }).points).toBe(1);
      expect(scoreQuestion(q, { p8: 'p8', p9: 'p9', p10: 'p10' }).points).toBe(0);
    });
  });
});

describe('scoreAttempt', () => {
  const questions: DrawnQuestion[] = [single(1), multiple('partial', 3), trueFalse(true), numeric(1805, 0, 2), matching('per-pair', 3), code()];
  // max = 1 + 3 + 1 + 2 + 3 + 1 = 11

  it('scores an all-blank attempt as 0 and failed', () => {
    const r = scoreAttempt(questions, {}, 70);
    expect(r).toMatchObject({ score: 0, maxScore: 11, percent: 0, passed: false });
    expect(r.perQuestion.map((p) => p.answer)).toEqual([null, null, null, null, null, null]);
    expect(r.perQuestion.map((p) => p.questionId)).toEqual(['single', 'multiple', 'tf', 'num', 'match', 'code']);
    expect(scoreAttempt(questions, Object.fromEntries(questions.map((q) => [q.id, null])), 70).score).toBe(0);
  });

  it('adds up points and passes at the mark', () => {
    const r = scoreAttempt(
      questions,
      {
        single: 'b', // 1
        multiple: ['a', 'b'], // 2
        tf: true, // 1
        num: '$1,805', // 2
        match: { p8: 'r3', p9: 'r4' }, // 2
        code: 'S02.5XXD', // 0
      },
      70,
    );
    expect(r.score).toBe(8);
    expect(r.maxScore).toBe(11);
    expect(r.percent).toBe(72.73);
    expect(r.passed).toBe(true);
    expect(r.perQuestion.map((p) => p.points)).toEqual([1, 2, 1, 2, 2, 0]);
    expect(r.perQuestion.map((p) => p.correct)).toEqual([true, false, true, true, false, false]);
    expect(r.perQuestion[3]).toEqual({ questionId: 'num', answer: '$1,805', points: 2, maxPoints: 2, correct: true });
  });

  it('passes at exactly the pass mark and fails just below it, comparing unrounded', () => {
    const ten = Array.from({ length: 10 }, (_, i) => ({ ...trueFalse(true), id: `t${i}` }));
    const answers = (right: number) => Object.fromEntries(ten.map((q, i) => [q.id, i < right]));
    expect(scoreAttempt(ten, answers(7), 70)).toMatchObject({ score: 7, percent: 70, passed: true });
    expect(scoreAttempt(ten, answers(6), 70)).toMatchObject({ score: 6, percent: 60, passed: false });
    // 2/3 = 66.666…%: displayed as 66.67, which must not pass a 66.67 mark.
    const three = ten.slice(0, 3);
    const r = scoreAttempt(three, answers(2), 66.67);
    expect(r.percent).toBe(66.67);
    expect(r.passed).toBe(false);
    expect(scoreAttempt(three, answers(2), 66.66).passed).toBe(true);
  });

  it('sums fractional points without float drift', () => {
    const qs = [multiple('partial', 0.3), { ...multiple('partial', 0.3), id: 'm2' }];
    // 0.3 × 1/3 = 0.1 and 0.3 × 2/3 = 0.2
    const r = scoreAttempt(qs, { multiple: ['a'], m2: ['a', 'b'] }, 50);
    expect(r.score).toBe(0.3);
    expect(r.maxScore).toBe(0.6);
    expect(r.percent).toBe(50);
    expect(r.passed).toBe(true);
  });

  it('ignores answers for questions that are not in the attempt', () => {
    expect(scoreAttempt([single()], { single: 'b', other: 'a' }, 100)).toMatchObject({ score: 1, maxScore: 1, passed: true });
  });

  it('does not pass an empty attempt', () => {
    expect(scoreAttempt([], {}, 70)).toMatchObject({ score: 0, maxScore: 0, percent: 0, passed: false, perQuestion: [] });
  });
});
