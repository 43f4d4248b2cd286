/**
 * Findings next to their field (issue 22): a content-check finding about the file being saved is
 * mapped to the editor's form: the Nth block of a lesson component, the Nth item of a list, and the
 * label of the field itself, taken from the Keystatic config the form is built from.
 */
import { describe, expect, it } from 'vitest';
import editorConfig, { lessonComponentsForEditor } from '~/lib/authoring/keystatic.config';
import { formTargets, pathSegments, targetOf } from '~/lib/authoring/finding-targets';

const lessonFile = 'content/courses/sample-course/lessons/04-x.mdx';
const lesson = [
  '---',
  'title: X',
  'order: 4',
  'objectives: [navigate]',
  '---',
  '',
  '<Checkpoint question="First?" options={["a", "b"]} answer={0} explanation="Because." />',
  '',
  'Text.',
  '',
  '<Checkpoint question="Second?" options={["a", "b", "c"]} answer={5} explanation="Because." />',
  '',
].join('\n');
const lessonCtx = { file: lessonFile, text: lesson, schema: editorConfig.collections.lessons.schema, components: lessonComponentsForEditor };

const bankFile = 'content/quizzes/x.yaml';
const bank = ['course: x', 'questions:', '  - id: first', '    type: single', '  - id: second', '    type: numeric', ''].join('\n');
const bankCtx = { file: bankFile, text: bank, schema: editorConfig.collections.quizzes.schema };

describe('a finding in a lesson', () => {
  it('points at the field of the component on the finding line: the second Checkpoint, line 11', () => {
    const finding = `${lessonFile}:11: <Checkpoint> answer: must be the 0-based index of the right option: 0 to 2 for 3 options, not 5`;
    expect(targetOf(finding, lessonCtx)).toEqual({
      steps: [{ component: 'Checkpoint', index: 1 }],
      field: 'Answer',
      message: 'must be the 0-based index of the right option: 0 to 2 for 3 options, not 5',
    });
  });

  it('points at one item of a list prop, opened in its own dialog', () => {
    const target = targetOf(`${lessonFile}:7: <Checkpoint> options[1]: an option cannot be empty`, lessonCtx);
    expect(target?.steps).toEqual([{ component: 'Checkpoint', index: 0 }, { list: 'Options', index: 1 }]);
    expect(target?.field).toBe('Options');
  });

  it('points at a frontmatter field by its label', () => {
    const target = targetOf(`${lessonFile}: objectives[0]: "gloves" is not an objective of course "sample-course"`, lessonCtx);
    expect(target).toEqual({ steps: [{ list: 'Objectives', index: 0 }], field: 'Objectives', message: '"gloves" is not an objective of course "sample-course"' });
  });

  it('has no target for a finding about the body as a whole or about another file', () => {
    expect(targetOf(`${lessonFile}:9: body: lessons are data: no {code} in the text; write the words out`, lessonCtx)).toBeUndefined();
    expect(targetOf('content/courses/sample-course/course.yaml: title: must not be empty', lessonCtx)).toBeUndefined();
  });
});

describe('a finding in a question bank', () => {
  it('points at the question named by its index, in the branch of its type', () => {
    const target = targetOf(`${bankFile}: questions[1].tolerance: tolerance cannot be negative`, bankCtx);
    expect(target).toEqual({ steps: [{ list: 'Questions', index: 1 }], field: 'Tolerance', message: 'tolerance cannot be negative' });
  });

  it('reads the bank-against-course wording and the lint naming a question by id', () => {
    expect(targetOf(`${bankFile}: questions[0] "first", field objective: "nope" is not an objective of course "x"`, bankCtx)).toEqual({
      steps: [{ list: 'Questions', index: 0 }],
      field: 'Objective',
      message: '"nope" is not an objective of course "x"',
    });
    expect(targetOf(`${bankFile}: item second: all-none-of-the-above: option "d" says "all of the above"`, bankCtx)).toEqual({
      steps: [{ list: 'Questions', index: 1 }],
      field: undefined,
      message: 'all-none-of-the-above: option "d" says "all of the above"',
    });
  });

  it('points at a setting inside an object, and leaves a sentence that is no field path to the summary', () => {
    expect(targetOf(`${bankFile}: settings.questionsPerAttempt: an attempt draws 9 questions but the bank has only 2`, bankCtx)?.field).toBe('Questions Per Attempt');
    expect(targetOf(`${bankFile}: objective "navigate" has no question; add at least one question with objective: navigate`, bankCtx)).toBeUndefined();
    expect(pathSegments('objective "navigate" has no question')).toBeUndefined();
  });

  it('maps only the findings about the files a save writes', () => {
    const forms = { schemaOf: (p: string) => (p === bankFile ? editorConfig.collections.quizzes.schema : undefined), components: undefined };
    const findings = [`${bankFile}: questions[0].points: points must be greater than 0`, 'content/courses/x/course.yaml: quiz: unknown question bank "y"'];
    expect(formTargets(findings, [{ path: bankFile, contents: bank }], forms).map((t) => t.field)).toEqual(['Points']);
    expect(formTargets(findings, [{ path: bankFile, contents: null }], forms)).toEqual([]);
  });
});
