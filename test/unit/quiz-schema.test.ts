import { describe, expect, it } from 'vitest';
import { checkBankAgainstCourse, quizBankSchema } from '~/lib/shared/schemas/quiz';
import type { QuizBank, QuizBankInput } from '~/lib/shared/schemas/quiz';

type QuestionInput = QuizBankInput['questions'][number];

const settings = {
  questionsPerAttempt: 6,
  minPerObjective: 1,
  passMark: 70,
  maxAttempts: 3,
  cooldownMinutes: 60,
  timeLimitMinutes: null,
  shuffleQuestions: true,
  shuffleOptions: true,
  requireLessons: true,
  expectedMinutes: 30,
  showAfterSubmit: { beforePass: 'feedback', afterPass: 'full' },
} as const;

const common = (id: string, objective = 'tooth-numbering') => ({
  id,
  objective,
  prompt: `Prompt of ${id}`,
  points: 1,
  explanation: `Because ${id}.`,
});

function validQuestions(): QuestionInput[] {
  return [
    {
      ...common('tooth-10-universal'),
      type: 'single',
      options: [
        { id: 'a', text: 'Upper right lateral incisor' },
        { id: 'b', text: 'Upper left lateral incisor', correct: true },
        { id: 'c', text: 'Upper left canine' },
      ],
    },
    {
      ...common('anterior-teeth', 'tooth-numbering'),
      type: 'multiple',
      scoring: 'partial',
      options: [
        { id: 'a', text: '#8', correct: true },
        { id: 'b', text: '#9', correct: true },
        { id: 'c', text: '#3' },
      ],
    },
    { ...common('medical-first', 'billing-order'), type: 'true-false', answer: true },
    { ...common('fee', 'billing-order'), type: 'numeric', answer: 1805, tolerance: 0, unit: '$' },
    {
      ...common('match-fdi', 'icd-codes'),
      type: 'matching',
      pairs: [
        { id: 'p8', left: 'Universal #8', right: 'FDI 11' },
        { id: 'p9', left: 'Universal #9', right: 'FDI 21' },
      ],
      distractors: ['FDI 31'],
    },
    { ...common('fracture-code', 'icd-codes'), type: 'code', accepted: ['S02.5XXA'], placeholder: 'A00.0XXA' },
  ];
}

const bankInput = (questions: QuestionInput[] = validQuestions(), overrides: Partial<QuizBankInput['settings']> = {}): QuizBankInput => ({
  course: 'medical-cross-coding',
  settings: { ...settings, ...overrides },
  questions,
});

/** "path: message" lines, which is what an author reads. */
function problems(input: unknown): string[] {
  const r = quizBankSchema.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

function parse(input: unknown): QuizBank {
  return quizBankSchema.parse(input);
}

describe('quizBankSchema', () => {
  it('accepts a bank with one question of every type and fills in the defaults', () => {
    const bank = parse(
      bankInput(
        validQuestions().map((q) => {
          // Drop optional fields to see the defaults.
          if (q.type === 'multiple') return { ...q, scoring: undefined };
          if (q.type === 'numeric') return { ...q, tolerance: undefined };
          if (q.type === 'matching') return { ...q, distractors: undefined, scoring: undefined };
          return q;
        }),
        { minPerObjective: undefined, timeLimitMinutes: undefined },
      ),
    );
    expect(bank.questions.map((q) => q.type)).toEqual(['single', 'multiple', 'true-false', 'numeric', 'matching', 'code']);
    expect(bank.settings.minPerObjective).toBe(0);
    expect(bank.settings.timeLimitMinutes).toBeNull();
    const [, multiple, , numeric, matching] = bank.questions;
    expect(multiple?.type === 'multiple' && multiple.scoring).toBe('all-or-nothing');
    expect(numeric?.type === 'numeric' && numeric.tolerance).toBe(0);
    expect(matching?.type === 'matching' && matching.scoring).toBe('per-pair');
    expect(matching?.type === 'matching' && matching.distractors).toEqual([]);
  });

  it('reports a misspelt field by name (strict objects)', () => {
    const qs = validQuestions();
    qs[0] = { ...qs[0], corect: true } as unknown as QuestionInput;
    const out = problems(bankInput(qs));
    expect(out).toHaveLength(1);
    expect(out[0]).toMatch(/^questions\.0: .*corect/);
    expect(problems({ ...bankInput(), setings: {} }).join('\n')).toMatch(/setings/);
    expect(problems(bankInput(undefined, { shuffle: true } as never)).join('\n')).toMatch(/^settings: .*shuffle/m);
  });

  it('reports a misspelt option field', () => {
    const qs = validQuestions();
    const single = qs[0] as Extract<QuestionInput, { type: 'single' }>;
    single.options[2] = { id: 'c', text: 'Upper left canine', Correct: true } as never;
    expect(problems(bankInput(qs)).join('\n')).toMatch(/questions\.0\.options\.2: .*Correct/);
  });

  it('rejects an unknown question type', () => {
    const qs = validQuestions();
    qs[2] = { ...qs[2], type: 'yes-no' } as unknown as QuestionInput;
    expect(problems(bankInput(qs)).join('\n')).toMatch(/^questions\.2\.type: /m);
  });

  it('rejects points of 0, a negative tolerance and an upper-case id', () => {
    const qs = validQuestions();
    qs[0] = { ...qs[0]!, points: 0 } as QuestionInput;
    qs[3] = { ...qs[3], tolerance: -1 } as QuestionInput;
    qs[5] = { ...qs[5]!, id: 'Fracture_Code' } as QuestionInput;
    const out = problems(bankInput(qs)).join('\n');
    expect(out).toMatch(/questions\.0\.points: points must be greater than 0/);
    expect(out).toMatch(/questions\.3\.tolerance: tolerance cannot be negative/);
    expect(out).toMatch(/questions\.5\.id: use lower-case/);
  });

  it('reports a duplicate question id at the repeat', () => {
    const qs = validQuestions();
    qs[4] = { ...qs[4]!, id: 'fee' } as QuestionInput;
    expect(problems(bankInput(qs))).toEqual(['questions.4.id: question id "fee" is used twice; ids must be unique in the bank']);
  });

  it('reports a duplicate option id within a question', () => {
    const qs = validQuestions();
    const single = qs[0] as Extract<QuestionInput, { type: 'single' }>;
    single.options[2] = { id: 'a', text: 'Upper left canine' };
    expect(problems(bankInput(qs))).toEqual(['questions.0.options.2.id: question "tooth-10-universal": option id "a" is used twice']);
  });

  it('allows the same option ids in different questions', () => {
    // Both the single and the multiple question use a, b, c.
    expect(problems(bankInput())).toEqual([]);
  });

  it('requires exactly one correct option in a single-answer question', () => {
    const none = validQuestions();
    (none[0] as Extract<QuestionInput, { type: 'single' }>).options[1]!.correct = false;
    expect(problems(bankInput(none))).toEqual([
      'questions.0.options: question "tooth-10-universal": a single-answer question needs exactly one option with "correct: true" (found 0)',
    ]);
    const two = validQuestions();
    (two[0] as Extract<QuestionInput, { type: 'single' }>).options[0]!.correct = true;
    expect(problems(bankInput(two))[0]).toMatch(/found 2/);
  });

  it('requires at least one correct option in a multiple-answer question', () => {
    const qs = validQuestions();
    for (const o of (qs[1] as Extract<QuestionInput, { type: 'multiple' }>).options) delete o.correct;
    expect(problems(bankInput(qs))).toEqual([
      'questions.1.options: question "anterior-teeth": a multiple-answer question needs at least one option with "correct: true"',
    ]);
  });

  it('limits option counts (single 2–6, multiple 2–8)', () => {
    const qs = validQuestions();
    const single = qs[0] as Extract<QuestionInput, { type: 'single' }>;
    single.options = single.options.slice(1, 2);
    expect(problems(bankInput(qs)).join('\n')).toMatch(/questions\.0\.options: give at least 2 options/);
    const many = validQuestions();
    const multiple = many[1] as Extract<QuestionInput, { type: 'multiple' }>;
    multiple.options = Array.from({ length: 9 }, (_, i) => ({ id: `o${i}`, text: `Option ${i}`, correct: i === 0 }));
    expect(problems(bankInput(many)).join('\n')).toMatch(/questions\.1\.options: give at most 8 options/);
  });

  it('requires unique pair ids and unambiguous right-hand texts in a matching question', () => {
    const qs = validQuestions();
    const m = qs[4] as Extract<QuestionInput, { type: 'matching' }>;
    m.pairs[1] = { id: 'p8', left: 'Universal #9', right: 'FDI 21' };
    expect(problems(bankInput(qs))).toEqual(['questions.4.pairs.1.id: question "match-fdi": pair id "p8" is used twice']);

    const same = validQuestions();
    (same[4] as Extract<QuestionInput, { type: 'matching' }>).distractors = ['FDI 11'];
    expect(problems(bankInput(same))).toEqual(['questions.4.distractors.0: question "match-fdi": right-hand text "FDI 11" appears twice']);
  });

  it('requires at least one accepted code with a letter or digit', () => {
    const qs = validQuestions();
    qs[5] = { ...qs[5], accepted: [] } as QuestionInput;
    expect(problems(bankInput(qs)).join('\n')).toMatch(/questions\.5\.accepted: give at least one accepted code/);
    const dots = validQuestions();
    dots[5] = { ...dots[5], accepted: [' . '] } as QuestionInput;
    expect(problems(bankInput(dots)).join('\n')).toMatch(/questions\.5\.accepted\.0: an accepted code needs/);
  });

  it('requires true-false answers to be booleans, not strings', () => {
    const qs = validQuestions();
    qs[2] = { ...qs[2], answer: 'true' } as unknown as QuestionInput;
    expect(problems(bankInput(qs)).join('\n')).toMatch(/questions\.2\.answer: answer must be true or false/);
  });

  it('reports a bank too small for questionsPerAttempt', () => {
    expect(problems(bankInput(undefined, { questionsPerAttempt: 7 }))).toEqual([
      'settings.questionsPerAttempt: an attempt draws 7 questions but the bank has only 6',
    ]);
  });

  it('validates settings ranges', () => {
    const out = problems(bankInput(undefined, { passMark: 170, maxAttempts: 0, showAfterSubmit: { beforePass: 'all', afterPass: 'full' } as never }));
    expect(out.join('\n')).toMatch(/settings\.passMark: passMark is a percentage/);
    expect(out.join('\n')).toMatch(/settings\.maxAttempts: /);
    expect(out.join('\n')).toMatch(/settings\.showAfterSubmit\.beforePass: /);
    expect(problems(bankInput(undefined, { maxAttempts: null }))).toEqual([]);
  });
});

describe('checkBankAgainstCourse', () => {
  const objectives = ['tooth-numbering', 'billing-order', 'icd-codes'];

  it('returns no errors for a bank that fits its course', () => {
    expect(checkBankAgainstCourse(parse(bankInput()), objectives)).toEqual([]);
  });

  it('names a question whose objective is not a course objective', () => {
    const qs = validQuestions();
    qs[3] = { ...qs[3]!, objective: 'billing-ordr' } as QuestionInput;
    const errors = checkBankAgainstCourse(parse(bankInput(qs, { minPerObjective: 0 })), objectives);
    expect(errors).toEqual([
      'questions[3] "fee", field objective: "billing-ordr" is not an objective of course "medical-cross-coding" ' +
        '(its objectives are: tooth-numbering, billing-order, icd-codes)',
    ]);
  });

  it('names a course objective with no question', () => {
    const errors = checkBankAgainstCourse(parse(bankInput(undefined, { minPerObjective: 0 })), [...objectives, 'narratives']);
    expect(errors).toEqual(['objective "narratives" has no question; add at least one question with objective: narratives']);
  });

  it('reports minPerObjective × objectives > questionsPerAttempt', () => {
    const errors = checkBankAgainstCourse(parse(bankInput(undefined, { minPerObjective: 2, questionsPerAttempt: 5 })), objectives);
    expect(errors).toEqual([
      'settings.minPerObjective: 2 per objective × 3 objectives = 6 questions, more than settings.questionsPerAttempt (5)',
    ]);
  });

  it('reports an objective with fewer questions than minPerObjective', () => {
    const qs = validQuestions();
    qs[1] = { ...qs[1]!, objective: 'billing-order' } as QuestionInput;
    // tooth-numbering now has 1 question, billing-order 3, icd-codes 2.
    const errors = checkBankAgainstCourse(parse(bankInput(qs, { minPerObjective: 2 })), objectives);
    expect(errors).toEqual(['objective "tooth-numbering" has 1 question but settings.minPerObjective is 2']);
  });
});
