/**
 * The editor writes the house format: a file read into the editor and saved unchanged is the same
 * bytes; a change rewrites only the changed value; a new file is laid out as docs/authoring.md shows.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { collectionOf } from '~/lib/authoring/collections';
import { editorData, fileBytes } from '~/lib/authoring/save';
import { houseMdx } from '~/lib/authoring/house-mdx';

/** Every YAML file the editor edits in the shipped content, as `content/...` paths. */
function editedYamlFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (collectionOf(p)?.format === 'yaml') out.push(p);
    }
  };
  walk('content');
  return out;
}

/** What Keystatic saves for a file it read: the form data back as YAML (it writes js-yaml, we parse it alike). */
const savedByEditor = (path: string, text: string) => JSON.stringify(parseYaml(editorData(path, text)));

describe('house format', () => {
  const files = editedYamlFiles();

  it('finds the shipped courses, banks, evaluations and instructor profiles', () => {
    expect(files).toContain('content/courses/sample-course/course.yaml');
    expect(files).toContain('content/quizzes/medical-cross-coding.yaml');
    expect(files).toContain('content/evaluations/standard.yaml');
    expect(files).toContain('content/instructors/course-team.yaml');
    expect(files.length).toBe(4 + 3 + 1 + 2);
  });

  it.each(editedYamlFiles())('%s saved unchanged is byte-identical', (path) => {
    const text = readFileSync(path, 'utf8');
    expect(fileBytes(path, savedByEditor(path, text), text)).toBe(text);
  });

  it('hands the editor a question as { discriminant, value } and flattens it back', () => {
    const path = 'content/quizzes/x.yaml';
    const text = 'course: x\nquestions:\n  - id: q1\n    type: true-false\n    answer: true\n';
    const editor = JSON.parse(editorData(path, text));
    expect(editor.questions[0]).toEqual({ discriminant: 'true-false', value: { id: 'q1', answer: true } });
  });

  it('rewrites only the value that changed, keeping comments and folded lines', () => {
    const path = 'content/courses/sample-course/course.yaml';
    const text = readFileSync(path, 'utf8');
    const data = JSON.parse(savedByEditor(path, text));
    data.title = 'A new title';
    const out = fileBytes(path, JSON.stringify(data), text);
    const before = text.split('\n');
    const after = out.split('\n');
    expect(after.length).toBe(before.length);
    const changed = after.flatMap((line, i) => (line === before[i] ? [] : [line]));
    expect(changed).toEqual(['title: A new title']);
  });

  it('adds a new key after the others and removes a dropped one by its lines, keeping every comment', () => {
    const path = 'content/courses/draft-example/course.yaml';
    const text = readFileSync(path, 'utf8');
    const data = JSON.parse(savedByEditor(path, text));
    data.cover = { image: 'cover.svg', alt: 'A tooth chart' };
    const added = fileBytes(path, JSON.stringify(data), text);
    // The whole file as it was, then the new key in the house layout (worked out by hand).
    expect(added).toBe(`${text.replace(/\n$/, '')}\ncover:\n  image: cover.svg\n  alt: A tooth chart\n`);
    delete data.cover;
    expect(fileBytes(path, JSON.stringify(data), added)).toBe(text);
    const nested = 'name: A\n# about them\nbio: C\ncredentials: B\ndisclosure: D\n';
    const dropped = { ...parseYaml(nested) };
    delete dropped.credentials;
    expect(fileBytes('content/instructors/x.yaml', JSON.stringify({ ...dropped, credentials: undefined }), nested)).toBe('name: A\n# about them\nbio: C\ndisclosure: D\n');
  });

  it('adds an item to a list of options in the list style the file already uses', () => {
    const path = 'content/instructors/x.yaml';
    const text = 'name: A\ncredentials: B\nbio: C\ndisclosure: D\n# who teaches\naccounts: [a@x.test]\n';
    const data = { ...parseYaml(text), accounts: ['a@x.test', 'b@x.test'] };
    expect(fileBytes(path, JSON.stringify(data), text)).toBe('name: A\ncredentials: B\nbio: C\ndisclosure: D\n# who teaches\naccounts: [a@x.test, b@x.test]\n');
  });

  it('leaves out an optional object left empty and an unticked optional checkbox', () => {
    const path = 'content/quizzes/x.yaml';
    const saved = {
      course: 'x',
      questions: [{ discriminant: 'single', value: { id: 'q', options: [{ id: 'a', text: 'Yes', correct: true }, { id: 'b', text: 'No', correct: false }] } }],
    };
    const out = parseYaml(fileBytes(path, JSON.stringify(saved), undefined));
    expect(out.questions[0]).toEqual({ type: 'single', id: 'q', options: [{ id: 'a', text: 'Yes', correct: true }, { id: 'b', text: 'No' }] });
    const course = 'content/courses/x/course.yaml';
    const withPilot = { title: 'T', pilot: { learners: null, medianMinutes: null } };
    expect(parseYaml(fileBytes(course, JSON.stringify(withPilot), undefined))).toEqual({ title: 'T' });
  });

  it('writes a new file in the house layout', () => {
    const path = 'content/instructors/new.yaml';
    const saved = {
      name: 'Pat Lee',
      credentials: 'CDA',
      bio: 'A certified dental assistant who has trained new front-desk staff in three practices since 2015.',
      disclosure: 'None.',
      accounts: ['pat@example.test'],
    };
    expect(fileBytes(path, JSON.stringify(saved), undefined)).toBe(
      [
        'name: Pat Lee',
        'credentials: CDA',
        'bio: >-',
        '  A certified dental assistant who has trained new front-desk staff in three practices since 2015.',
        'disclosure: None.',
        'accounts: [pat@example.test]',
        '',
      ].join('\n'),
    );
  });
});

describe('house layout of a lesson body', () => {
  it('turns what Keystatic writes into what authors write', () => {
    const keystatic = [
      '* one',
      '* two',
      '',
      '| Step | What you say     |',
      '| ---- | ---------------- |',
      '| 1    | "Hi, \\[name]." |',
      '|      | Total            |',
      '',
      '<Callout type="tip">',
      '  Read **this**.',
      '</Callout>',
      '',
      '<Checkpoint question="Which?" options={["a","b, c"]} answer={1} explanation="Because." />',
      '',
      '```yaml',
      '* kept: |  as is  |',
      '```',
    ].join('\n');
    expect(houseMdx(keystatic)).toBe(
      [
        '- one',
        '- two',
        '',
        '| Step | What you say |',
        '|---|---|',
        '| 1 | "Hi, [name]." |',
        '| | Total |',
        '',
        '<Callout type="tip">',
        'Read **this**.',
        '</Callout>',
        '',
        '<Checkpoint question="Which?" options={["a", "b, c"]} answer={1} explanation="Because." />',
        '',
        '```yaml',
        '* kept: |  as is  |',
        '```',
      ].join('\n'),
    );
  });

  it('keeps the quoting of a changed title in the frontmatter', () => {
    const path = 'content/courses/x/lessons/01-a.mdx';
    const before = '---\ntitle: "Money: the basics"\norder: 1\nobjectives: [a]\n---\n\nText.\n';
    const saved = "---\ntitle: 'Money: the new basics'\norder: 1\nobjectives:\n  - a\n---\n\nText.\n";
    expect(fileBytes(path, saved, before)).toBe('---\ntitle: "Money: the new basics"\norder: 1\nobjectives: [a]\n---\n\nText.\n');
  });
});
