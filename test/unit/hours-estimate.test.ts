import { describe, expect, it } from 'vitest';
import {
  countWords,
  estimateCase,
  estimateCourse,
  estimateLesson,
  estimatePostTest,
  judgeHours,
  lessonText,
} from '~/lib/domain/hours-estimate';
import type { Decision, Scenario } from '~/lib/shared/schemas/simulation';

/** `n` distinct-looking words. */
const words = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(' ');

describe('lesson estimate', () => {
  it('counts words, not markup', () => {
    expect(countWords('The claim’s ICD-10-CM code is S02.5XXA, not 3.5.')).toBe(8);
    expect(countWords('## Heading\n\n- **bold** item | cell |')).toBe(4);
  });

  it('reads the text of components but not paths, ids or alt text', () => {
    const text = lessonText('<KeyTerm term="Two words" definition="three more words" />\n<Figure src="/img/a-b.png" alt="ignored alt text" caption="one" />');
    expect(countWords(text)).toBe(2 + 3 + 1);
  });

  it('is words at 200 a minute plus 30 s a checkpoint, 15 s a figure and 30 s a table', () => {
    // 400 words of prose, a checkpoint whose question, 2 options and explanation have 4 + 2 + 4 words,
    // a tooth chart whose caption has 5 words, and a table of 2 × 2 cells with 4 words.
    const body = [
      words(400),
      '<Checkpoint question="Which tooth is this?" options={["Nine", "Ten"]} answer={1} explanation="Ten is the lateral." />',
      '<ToothChart teeth={[9, 10]} caption="The two upper left incisors." />',
      '| Left | Right |\n|---|---|\n| one | two |',
    ].join('\n\n');
    const e = estimateLesson(body);
    // 400 + 10 + 5 + 4 = 419 words; the table separator row has none.
    expect(e).toMatchObject({ words: 419, checkpoints: 1, figures: 1, tables: 1 });
    // 419 / 200 min = 2.095 min = 125.7 s, + 30 + 15 + 30 s = 200.7 s = 3.345 min.
    expect(e.minutes).toBeCloseTo(3.345, 6);
  });

  it('an empty lesson takes no time', () => {
    expect(estimateLesson('').minutes).toBe(0);
  });
});

const scenario = {
  title: 'A tiny case',
  course: 'c',
  summary: 's',
  objectives: ['o'],
  minutes: 5,
  role: 'front desk',
  passThreshold: 50,
  start: 'intro',
  nodes: {
    intro: { type: 'scene', narrative: words(100), next: 'ask' },
    ask: {
      type: 'choice',
      prompt: 'What now please?',
      options: [
        { id: 'a', text: 'Call back', points: 1, feedback: 'Good, that works.', next: 'done' },
        { id: 'b', text: 'Hang up now', points: 0, feedback: words(50), next: 'bad' },
      ],
    },
    done: { type: 'end', outcome: 'ok', label: 'Resolved', good: true, debrief: 'You kept the patient.' },
    bad: { type: 'end', outcome: 'lost', label: 'Lost', good: false, debrief: words(300) },
  },
} as unknown as Scenario;

describe('case estimate', () => {
  it('reads the words along the best path only, plus 20 s per decision', () => {
    const best: Decision[] = [
      { node: 'intro', kind: 'continue' },
      { node: 'ask', kind: 'choice', choice: 'a' },
    ];
    const e = estimateCase(scenario, ['intro', 'ask', 'done'], best);
    // intro 100; ask: prompt 3 + options 2 + 3 + feedback of the chosen option 3 = 11; end: label 1 + debrief 4 = 5.
    // The other option's 50-word feedback and the bad ending's 300 words are off the path.
    expect(e.words).toBe(116);
    // One decision (a continue is not one): 116 / 200 min = 34.8 s, + 20 s = 54.8 s.
    expect(e.decisions).toBe(1);
    expect(e.minutes).toBeCloseTo(54.8 / 60, 6);
  });
});

describe('post-test and course', () => {
  it('a post-test is the items drawn at the bank’s average time per item type', () => {
    // Bank of single (45 s), true-false (30 s), matching (90 s), multiple (60 s): average 56.25 s; 8 drawn = 450 s.
    expect(estimatePostTest(8, ['single', 'true-false', 'matching', 'multiple'])).toEqual({ items: 8, minutes: 7.5 });
  });

  it('adds lessons, cases, the post-test and a 3-minute evaluation', () => {
    const parts = estimateCourse({
      lessons: [
        { slug: 'one', title: 'One', body: words(1000) },
        { slug: 'two', title: 'Two', body: words(600) },
      ],
      cases: [],
      postTest: { questionsPerAttempt: 10, questionTypes: ['single'] },
      evaluation: true,
    });
    // 5 min + 3 min + 10 × 45 s = 7.5 min + 3 min.
    expect(parts.map((p) => [p.kind, p.id, p.minutes])).toEqual([
      ['lesson', 'one', 5],
      ['lesson', 'two', 3],
      ['post-test', 'post-test', 7.5],
      ['evaluation', 'evaluation', 3],
    ]);
  });
});

describe('are the claimed hours supported?', () => {
  const parts = [{ kind: 'lesson' as const, id: 'x', title: 'X', minutes: 52 }];
  it('passes up to 15 % over the estimate and fails beyond', () => {
    // 52 min × 1.15 = 59.8 min: 0.75 h (45 min) passes, 1 h (60 min) fails.
    expect(judgeHours(0.75, parts)).toEqual({ ok: true, claimedMinutes: 45, estimatedMinutes: 52, basis: 'content-estimate' });
    expect(judgeHours(1, parts).ok).toBe(false);
  });
  it('pilot data whose median supports the hours passes an inflated estimate', () => {
    // Median 55 min × 1.15 = 63.25 min ≥ 60 min.
    expect(judgeHours(1, parts, { medianMinutes: 55 })).toMatchObject({ ok: true, basis: 'pilot' });
    // Median 50 min × 1.15 = 57.5 min < 60 min.
    expect(judgeHours(1, parts, { medianMinutes: 50 }).ok).toBe(false);
  });
});
