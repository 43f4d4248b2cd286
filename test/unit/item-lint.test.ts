import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { formatFinding, lintBank, lintYamlTruncation, longestCorrect, stemSimilarity } from '~/lib/domain/item-lint';
import { quizBankSchema, type Question } from '~/lib/shared/schemas/quiz';

const fixture = (rule: string) => {
  const file = `test/fixtures/item-lint/${rule}.yaml`;
  const source = readFileSync(file, 'utf8');
  return { file, source, questions: quizBankSchema.parse(parse(source)).questions };
};
const CHECKPOINTS = [{ file: 'content/courses/sample-course/lessons/01-welcome.mdx', line: 25, question: 'What does the Resume button open?' }];
const single = (id: string, texts: string[], correct: number): Question =>
  ({ id, objective: 'o', type: 'single', prompt: 'P?', points: 1, explanation: 'E', options: texts.map((text, i) => ({ id: `o${i}`, text, correct: i === correct })) }) as Question;

describe('correct option uniquely longest', () => {
  it('counts chance as the sum of 1/n over items with a uniquely longest option, and allows one SD (at least 1) more', () => {
    const qs = [
      single('a', ['x', 'yyyy', 'z'], 1), // correct longest
      single('b', ['xxxx', 'y', 'z'], 1), // distractor longest
      single('c', ['xx', 'yy', 'z'], 0), // tie: not counted at all
      single('d', ['x', 'y', 'zzzz', 'w'], 2), // correct longest, 4 options
    ];
    const r = longestCorrect(qs);
    // chance = 1/3 + 1/3 + 1/4 = 0.9167; variance = 2/9 + 2/9 + 3/16 = 0.6319, sd 0.795; margin max(1, sd) = 1.
    expect(r.counted).toBe(2);
    expect(r.items).toEqual(['a', 'd']);
    expect(r.chance).toBeCloseTo(0.9167, 4);
    expect(r.sd).toBeCloseTo(0.795, 3);
    expect(r.limit).toBeCloseTo(1.9167, 4);
  });

  it('refuses the fixture with file, items and rule in the message', () => {
    const { file, questions } = fixture('correct-longest');
    const findings = lintBank(file, questions, []);
    expect(findings.map(formatFinding)).toEqual([
      'test/fixtures/item-lint/correct-longest.yaml: item long-one, long-two, long-three: correct-longest: the correct option is the uniquely longest in 3 single-choice items; chance alone gives about 1 and the limit is 2 (chance plus a margin of one standard deviation, at least one item); make a distractor the longest in some of these items',
    ]);
  });

  it('passes a bank at the limit', () => {
    // Two of three items: chance 1, limit 2, 2 is not above it.
    expect(lintBank('f', [single('a', ['x', 'yyyy', 'z'], 1), single('b', ['xxx', 'y', 'z'], 0), single('c', ['xxx', 'y', 'z'], 1)], [])).toEqual([]);
  });
});

describe('all / none of the above', () => {
  it('refuses the fixture', () => {
    const { file, questions } = fixture('all-none-of-the-above');
    expect(lintBank(file, questions, []).map(formatFinding)).toEqual([
      'test/fixtures/item-lint/all-none-of-the-above.yaml: item above: all-none-of-the-above: option "c" says "All of the above"; write out the options instead, so the item tests knowledge rather than a test-taking trick',
    ]);
  });

  it('finds "none of the options" in a multiple-answer item too, and leaves ordinary text alone', () => {
    const q = { ...single('m', ['None of the options', 'Above the line', 'All teeth'], 0), type: 'multiple', scoring: 'partial' } as Question;
    expect(lintBank('f', [q], []).map((f) => f.rule)).toEqual(['all-none-of-the-above']);
  });
});

describe('stems that copy a checkpoint', () => {
  it('scores word overlap without stop words', () => {
    expect(stemSimilarity('What does the Resume button open?', 'What does the **Resume** button open?')).toBe(1);
    // {resume, button, course, page, open} against {resume, button, open}: 3 of 5.
    expect(stemSimilarity('What does the Resume button on a course page open?', 'What does the Resume button open?')).toBeCloseTo(0.6, 5);
    expect(stemSimilarity('Which FDI number is tooth 10?', 'How long is the post-test?')).toBe(0);
  });

  it('refuses the fixture and names the checkpoint', () => {
    const { file, questions } = fixture('checkpoint-copy');
    expect(lintBank(file, questions, CHECKPOINTS).map(formatFinding)).toEqual([
      'test/fixtures/item-lint/checkpoint-copy.yaml: item resume-copy: checkpoint-copy: the stem is a near-copy (100% of words shared) of the checkpoint in content/courses/sample-course/lessons/01-welcome.mdx:25 ("What does the Resume button open?"); ask the idea in a new situation',
    ]);
  });
});

describe('YAML text cut short by " #"', () => {
  it('refuses the fixture, naming the line and the key', () => {
    const { file, source } = fixture('yaml-truncated');
    expect(lintYamlTruncation(file, source).map(formatFinding)).toEqual([
      'test/fixtures/item-lint/yaml-truncated.yaml: line 21 (prompt): yaml-truncated: YAML reads " #10, which quadrant is" as a comment, so the text stops at "…In the story of the broken"; put the text in quotes or use >-',
    ]);
  });

  it('leaves quoted, block, finished and numeric values alone, and catches a glued # after a sentence', () => {
    const source = [
      'a: "the broken #10"',
      "b: 'the broken #10'",
      'c: >-',
      '  the broken #10 in a block',
      'd: A finished sentence. # a real comment',
      'e: 45 # dollars',
      'f: [one, two] # flow',
      '- text: Ends with a word #3 is glued',
      'g: It is done. #10 glued after a full stop',
      '# a whole-line comment with text in it',
    ].join('\n');
    expect(lintYamlTruncation('x.yaml', source).map((f) => f.item)).toEqual(['line 8 (text)', 'line 9 (g)']);
  });

  it('finds nothing in the other fixtures', () => {
    for (const rule of ['correct-longest', 'all-none-of-the-above', 'checkpoint-copy']) expect(lintYamlTruncation(rule, fixture(rule).source)).toEqual([]);
  });
});
