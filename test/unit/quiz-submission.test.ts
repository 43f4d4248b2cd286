import { describe, expect, it } from 'vitest';
import { scoreAttempt, scoreQuestion } from '~/lib/domain/quiz/scoring';
import type { Answers, DrawnQuestion } from '~/lib/domain/quiz/snapshot';
import {
  MAX_ANSWER_LENGTH,
  answerFieldName,
  collectFormFields,
  parseSubmission,
} from '~/lib/domain/quiz/submission';
import { feedbackView, learnerView } from '~/lib/domain/quiz/view';

const base = (id: string, points = 1) => ({
  id,
  objective: 'secret-objective',
  prompt: `Prompt of ${id}`,
  points,
  explanation: `Explanation-of-${id}`,
});

/** An attempt of six questions, one per type, in display order. */
const questions: DrawnQuestion[] = [
  {
    ...base('tooth-10'),
    type: 'single',
    options: [
      { id: 'a', text: 'Upper right lateral incisor' },
      { id: 'b', text: 'Upper left lateral incisor', correct: true },
      { id: 'c', text: 'Upper left canine' },
    ],
    optionOrder: ['c', 'a', 'b'],
  },
  {
    ...base('anterior', 3),
    type: 'multiple',
    scoring: 'partial',
    options: [
      { id: 'a', text: 'Tooth #8', correct: true },
      { id: 'b', text: 'Tooth #9', correct: true },
      { id: 'c', text: 'Tooth #3' },
    ],
    optionOrder: ['b', 'c', 'a'],
  },
  { ...base('medical-first'), type: 'true-false', answer: true },
  { ...base('fee', 2), type: 'numeric', answer: 1805, tolerance: 0, unit: '$' },
  {
    ...base('fdi', 2),
    type: 'matching',
    scoring: 'per-pair',
    pairs: [
      { id: 'p8', left: 'Universal #8', right: 'FDI 11' },
      { id: 'p9', left: 'Universal #9', right: 'FDI 21' },
    ],
    distractors: ['FDI 31'],
    rightChoices: [
      { id: 'r1', text: 'FDI 31', pairId: null },
      { id: 'r2', text: 'FDI 21', pairId: 'p9' },
      { id: 'r3', text: 'FDI 11', pairId: 'p8' },
    ],
  },
  { ...base('fracture'), type: 'code', accepted: ['S02.5XXA', 'S02.5XXB'], placeholder: 'A00.0XXA' },
];

const fullForm = {
  attemptId: 'abc123',
  _csrf: 'token',
  'q:tooth-10': 'b',
  'q:anterior': ['a', 'b'],
  'q:medical-first': 'true',
  'q:fee': '$1,805.00',
  'q:fdi:p8': 'r3',
  'q:fdi:p9': 'r1',
  'q:fracture': 's02.5 xxa',
};

function refused(form: Record<string, string | string[]>): string {
  const r = parseSubmission(questions, form);
  if (r.ok) throw new Error(`expected ${JSON.stringify(form)} to be refused`);
  return r.error;
}

describe('answerFieldName', () => {
  it('names question fields q:<id> and matching items q:<id>:<pairId>', () => {
    expect(answerFieldName('fee')).toBe('q:fee');
    expect(answerFieldName('fdi', 'p8')).toBe('q:fdi:p8');
  });
});

describe('parseSubmission', () => {
  it('reads a complete form, ignoring fields that are not answers', () => {
    const r = parseSubmission(questions, fullForm);
    expect(r).toEqual({
      ok: true,
      answers: {
        'tooth-10': 'b',
        anterior: ['a', 'b'],
        'medical-first': true,
        fee: '$1,805.00',
        fdi: { p8: 'r3', p9: 'r1' },
        fracture: 's02.5 xxa',
      },
    });
    // And the answers score as expected: 1 + 3 + 1 + 2 + 1 (one pair of two) + 1.
    if (r.ok) expect(scoreAttempt(questions, r.answers, 70).score).toBe(9);
  });

  it('treats missing fields as blank', () => {
    expect(parseSubmission(questions, { attemptId: 'x' })).toEqual({
      ok: true,
      answers: { 'tooth-10': null, anterior: null, 'medical-first': null, fee: null, fdi: null, fracture: null },
    });
  });

  it('treats empty values and whitespace-only text as blank', () => {
    const r = parseSubmission(questions, {
      'q:tooth-10': '',
      'q:anterior': [''],
      'q:medical-first': '',
      'q:fee': '   ',
      'q:fdi:p8': '',
      'q:fdi:p9': 'r2',
      'q:fracture': ' ',
    });
    expect(r).toEqual({
      ok: true,
      answers: { 'tooth-10': null, anterior: null, 'medical-first': null, fee: null, fdi: { p9: 'r2' }, fracture: null },
    });
  });

  it('reads false, a single ticked box, and a one-element array for a single answer', () => {
    const r = parseSubmission(questions, { 'q:medical-first': 'false', 'q:anterior': 'c', 'q:tooth-10': ['a'] });
    expect(r.ok && r.answers).toMatchObject({ 'medical-first': false, anterior: ['c'], 'tooth-10': 'a' });
  });

  it('keeps numeric and code answers as typed', () => {
    const r = parseSubmission(questions, { 'q:fee': ' 1805 ', 'q:fracture': 'S02.5XXA ' });
    expect(r.ok && r.answers).toMatchObject({ fee: ' 1805 ', fracture: 'S02.5XXA ' });
  });

  describe('refuses tampering', () => {
    const tampered = /does not match this attempt/;
    it.each<[string, Record<string, string | string[]>]>([
      ['a question not in the attempt', { 'q:other-question': 'a' }],
      ['an empty question id', { 'q:': 'a' }],
      ['an option id not offered (single)', { 'q:tooth-10': 'd' }],
      ['an option id not offered (multiple)', { 'q:anterior': ['a', 'z'] }],
      ['a true-false value other than true/false', { 'q:medical-first': 'yes' }],
      ['a capitalised true-false value', { 'q:medical-first': 'TRUE' }],
      ['a right-hand choice id not offered', { 'q:fdi:p8': 'r9' }],
      ['a pair id used as a right-hand choice id', { 'q:fdi:p8': 'p8' }],
      ['a pair not in the question', { 'q:fdi:p10': 'r1' }],
      ['a matching question posted without a pair', { 'q:fdi': 'r1' }],
      ['a pair on a question that is not matching', { 'q:tooth-10:p8': 'b' }],
      ['an extra name segment', { 'q:fdi:p8:x': 'r1' }],
      ['a prototype key as question id', { 'q:__proto__': 'a' }],
      ['a prototype key as pair id', { 'q:fdi:__proto__': 'r1' }],
    ])('%s', (_, form) => {
      expect(refused({ ...fullForm, ...form })).toMatch(tampered);
    });

    it.each([
      ['single', 'q:tooth-10', ['a', 'b'], /Question 1: give one answer only/],
      ['true-false', 'q:medical-first', ['true', 'false'], /Question 3: give one answer only/],
      ['numeric', 'q:fee', ['1805', '1806'], /Question 4: give one answer only/],
      ['code', 'q:fracture', ['S02.5XXA', 'S02.5XXB'], /Question 6: give one answer only/],
      ['matching item', 'q:fdi:p8', ['r3', 'r2'], /Question 5: choose one answer for “Universal #8”/],
    ] as const)('more than one value for %s', (_, name, values, message) => {
      expect(refused({ ...fullForm, [name]: [...values] })).toMatch(message);
    });

    it('an option ticked twice', () => {
      expect(refused({ ...fullForm, 'q:anterior': ['a', 'a'] })).toBe('Question 2: an option was ticked twice.');
    });

    it('values longer than the limit, in any field', () => {
      const long = 'x'.repeat(MAX_ANSWER_LENGTH + 1);
      expect(refused({ ...fullForm, 'q:fracture': long })).toBe('Question 6: the answer is too long (at most 200 characters).');
      expect(refused({ ...fullForm, 'q:fee': `1805${' '.repeat(200)}` })).toMatch(/Question 4: the answer is too long/);
      expect(refused({ ...fullForm, 'q:anterior': ['a', long] })).toMatch(/Question 2: the answer is too long/);
      expect(refused({ ...fullForm, 'q:nope': long })).toMatch(/^An answer is too long/);
      // Exactly at the limit is fine.
      expect(parseSubmission(questions, { 'q:fracture': 'x'.repeat(MAX_ANSWER_LENGTH) }).ok).toBe(true);
    });

    it('a non-string value', () => {
      expect(refused({ ...fullForm, 'q:fee': [1805 as unknown as string] })).toMatch(tampered);
    });
  });

  it.each(['abc', '1.2.3', '1,80,5', '18 05', '1805 dollars'])('refuses the unreadable number %j, naming the question', (v) => {
    expect(refused({ ...fullForm, 'q:fee': v })).toBe(
      `Question 4: “${v}” is not a number. Type digits only, for example 1805 or 1,805.50.`,
    );
  });

  it('ignores fields that do not start with q:', () => {
    const r = parseSubmission(questions, { attemptId: 'x', 'Q:tooth-10': 'zzz', 'question:fee': 'abc', q: 'x' });
    expect(r.ok).toBe(true);
  });
});

describe('collectFormFields', () => {
  it('groups repeated names into arrays and drops files', () => {
    const body = new URLSearchParams('attemptId=1&q%3Aanterior=a&q%3Aanterior=b&q%3Afee=1%2C805');
    expect(collectFormFields(body)).toEqual({ attemptId: '1', 'q:anterior': ['a', 'b'], 'q:fee': '1,805' });
    expect(collectFormFields([['q:fee', { size: 1 }], ['x', 'y']])).toEqual({ x: 'y' });
  });

  it('feeds parseSubmission from a FormData', () => {
    const fd = new FormData();
    fd.append('attemptId', '1');
    fd.append('q:anterior', 'a');
    fd.append('q:anterior', 'b');
    fd.append('q:fdi:p8', 'r3');
    const r = parseSubmission(questions, collectFormFields(fd));
    expect(r.ok && r.answers).toMatchObject({ anterior: ['a', 'b'], fdi: { p8: 'r3' } });
  });
});

describe('learnerView', () => {
  it('shows each type with options and choices in display order', () => {
    expect(questions.map(learnerView)).toEqual([
      {
        id: 'tooth-10',
        type: 'single',
        prompt: 'Prompt of tooth-10',
        options: [
          { id: 'c', text: 'Upper left canine' },
          { id: 'a', text: 'Upper right lateral incisor' },
          { id: 'b', text: 'Upper left lateral incisor' },
        ],
      },
      {
        id: 'anterior',
        type: 'multiple',
        prompt: 'Prompt of anterior',
        options: [
          { id: 'b', text: 'Tooth #9' },
          { id: 'c', text: 'Tooth #3' },
          { id: 'a', text: 'Tooth #8' },
        ],
      },
      { id: 'medical-first', type: 'true-false', prompt: 'Prompt of medical-first' },
      { id: 'fee', type: 'numeric', prompt: 'Prompt of fee', unit: '$' },
      {
        id: 'fdi',
        type: 'matching',
        prompt: 'Prompt of fdi',
        items: [
          { id: 'p8', left: 'Universal #8' },
          { id: 'p9', left: 'Universal #9' },
        ],
        choices: [
          { id: 'r1', text: 'FDI 31' },
          { id: 'r2', text: 'FDI 21' },
          { id: 'r3', text: 'FDI 11' },
        ],
      },
      { id: 'fracture', type: 'code', prompt: 'Prompt of fracture', placeholder: 'A00.0XXA' },
    ]);
  });

  it('leaks no key, explanation, points or objective', () => {
    for (const q of questions) {
      const json = JSON.stringify(learnerView(q));
      expect(json).not.toContain('correct');
      expect(json).not.toContain(q.explanation);
      expect(json).not.toContain('Explanation');
      expect(json).not.toContain('points');
      expect(json).not.toContain('secret-objective');
      expect(json).not.toContain('answer');
      expect(json).not.toContain('tolerance');
      expect(json).not.toContain('scoring');
      expect(json).not.toContain('pairId');
      expect(json).not.toContain('S02.5XXA');
      expect(json).not.toContain('S02.5XXB');
      expect(json).not.toContain('accepted');
      expect(json).not.toContain('1805');
    }
  });

  it('omits unit and placeholder when the question has none', () => {
    expect(learnerView({ ...base('n'), type: 'numeric', answer: 3, tolerance: 0 })).toEqual({ id: 'n', type: 'numeric', prompt: 'Prompt of n' });
    expect(learnerView({ ...base('k'), type: 'code', accepted: ['K02.9'] })).toEqual({ id: 'k', type: 'code', prompt: 'Prompt of k' });
  });
});

describe('feedbackView', () => {
  const answers: Answers = {
    'tooth-10': 'a',
    anterior: ['a', 'c'],
    'medical-first': true,
    fee: ' $1,805 ',
    fdi: { p8: 'r3' },
    fracture: 'S02.5XXD',
  };
  const view = (i: number, mode: 'score-only' | 'feedback' | 'full') => {
    const q = questions[i]!;
    const answer = answers[q.id] ?? null;
    return feedbackView(q, answer, scoreQuestion(q, answer), mode);
  };

  it('score-only shows the learner’s own answer and nothing that gives away the result', () => {
    const v = view(0, 'score-only');
    expect(v).toEqual({ id: 'tooth-10', type: 'single', prompt: 'Prompt of tooth-10', mode: 'score-only', yourAnswer: ['Upper right lateral incisor'] });
    for (let i = 0; i < questions.length; i++) {
      const json = JSON.stringify(view(i, 'score-only'));
      expect(json).not.toMatch(/correct|points|Explanation/);
    }
  });

  it('feedback adds right/wrong, points and the explanation, but not the key', () => {
    expect(view(1, 'feedback')).toEqual({
      id: 'anterior',
      type: 'multiple',
      prompt: 'Prompt of anterior',
      mode: 'feedback',
      yourAnswer: ['Tooth #3', 'Tooth #8'],
      correct: false,
      points: 0,
      maxPoints: 3,
      explanation: 'Explanation-of-anterior',
    });
    expect(JSON.stringify(view(5, 'feedback'))).not.toContain('S02.5XXA');
  });

  it('full adds the correct answer in readable form for every type', () => {
    expect(questions.map((_, i) => [view(i, 'full').yourAnswer, view(i, 'full').correctAnswer])).toEqual([
      [['Upper right lateral incisor'], ['Upper left lateral incisor']],
      [['Tooth #3', 'Tooth #8'], ['Tooth #9', 'Tooth #8']],
      [['True'], ['True']],
      [['$1,805'], ['$1,805']],
      [
        ['Universal #8 → FDI 11', 'Universal #9 → (no answer)'],
        ['Universal #8 → FDI 11', 'Universal #9 → FDI 21'],
      ],
      [['S02.5XXD'], ['S02.5XXA', 'S02.5XXB']],
    ]);
    expect(view(3, 'full')).toMatchObject({ correct: true, points: 2, maxPoints: 2 });
    expect(view(4, 'full')).toMatchObject({ correct: false, points: 1, maxPoints: 2 });
  });

  it('shows a blank answer as no lines, and numeric tolerance and units in the key', () => {
    const q: DrawnQuestion = { ...base('months'), type: 'numeric', answer: 12.5, tolerance: 0.5, unit: 'months' };
    const v = feedbackView(q, null, scoreQuestion(q, null), 'full');
    expect(v.yourAnswer).toEqual([]);
    expect(v.correctAnswer).toEqual(['12.5 months (± 0.5)']);
    expect(v.correct).toBe(false);
  });
});
