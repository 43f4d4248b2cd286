import { describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { checkContent } from '~/lib/content/checks';
import { treeCourseParts } from '~/lib/content/checks/hours';
import { quizBankSchema } from '~/lib/shared/schemas/quiz';
import { courseSchema } from '~/lib/shared/schemas/course';

const CONTENT = join(process.cwd(), 'content');

describe('the content/ tree', () => {
  const { tree, errors } = checkContent(CONTENT);

  it('parses completely, with every cross-reference resolved', () => {
    expect(errors).toEqual([]);
    expect(tree.courses.map((c) => c.id).sort()).toEqual(['customer-service', 'draft-example', 'medical-cross-coding', 'sample-course']);
    expect(tree.simulations.map((s) => s.id).sort()).toEqual(['broken-tooth-10', 'upset-caller']);
  });

  it('every step of every shipped case can be reached by some run (no condition that never holds)', () => {
    // broken-tooth-10's "patient-leaves" once sat behind trust < 30, which no run reaches.
    for (const s of tree.simulations) expect(s.analysis.warnings, s.id).toEqual([]);
  });

  it.each(['customer-service', 'medical-cross-coding'])('%s: every objective is served by a lesson and tested by at least two questions; hours are backed by time', (id) => {
    const course = tree.courses.find((c) => c.id === id)!.data;
    const bank = quizBankSchema.parse(parse(readFileSync(join(CONTENT, 'quizzes', `${course.quiz}.yaml`), 'utf8')));
    const lessons = tree.lessons.filter((l) => l.course === id);
    for (const o of course.objectives) {
      expect(lessons.some((l) => l.data.objectives.includes(o.id)), `lesson for ${o.id}`).toBe(true);
      expect(bank.questions.filter((q) => q.objective === o.id).length, `questions for ${o.id}`).toBeGreaterThanOrEqual(2);
    }
    // Claimed hours within 15 % of the content estimate (a course that claims 100 min needs 87+).
    const estimated = treeCourseParts(tree, id).reduce((s, p) => s + p.minutes, 0);
    expect(course.ceHours * 60).toBeLessThanOrEqual(estimated * 1.15);
    expect(course.hoursBasis).toBe('content-estimate');
    expect(bank.settings).toMatchObject({ passMark: 70, maxAttempts: 3 });
    expect(course.evaluation).toBe('standard');
  });

  it('medical-cross-coding is coding content: released 2026-11-29, its review may not move past 2027-11-29', () => {
    const raw = parse(readFileSync(join(CONTENT, 'courses', 'medical-cross-coding', 'course.yaml'), 'utf8'));
    expect(raw.codingContent).toBe(true);
    const problems = (reviewDate: string) => {
      const r = courseSchema.safeParse({ ...raw, reviewDate });
      return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    };
    expect(problems('2027-11-29')).toEqual([]);
    expect(problems('2027-11-30')).toEqual(['reviewDate: coding content is reviewed yearly: reviewDate must be at most one year after releaseDate (by 2027-11-29)']);
  });

  it('the flagship banks are deep enough: 18+ questions of 4+ types, and 30+ of 5+ types with code entry and a numeric question', () => {
    const bank = (id: string) => quizBankSchema.parse(parse(readFileSync(join(CONTENT, 'quizzes', `${id}.yaml`), 'utf8')));
    const cs = bank('customer-service');
    expect(cs.questions.length).toBeGreaterThanOrEqual(18);
    expect(new Set(cs.questions.map((q) => q.type)).size).toBeGreaterThanOrEqual(4);
    const mc = bank('medical-cross-coding');
    expect(mc.questions.length).toBeGreaterThanOrEqual(30);
    const types = new Set(mc.questions.map((q) => q.type));
    expect(types.size).toBeGreaterThanOrEqual(5);
    expect(types.has('code') && types.has('numeric')).toBe(true);
    // A plan's payment worked out from its terms, filed under medical-coverage: $900 allowed, $150
    // deductible left, 80 % after it and $50 left before the out-of-pocket maximum once the
    // deductible is paid, so her share is $150 + $50 and the plan pays $700.
    expect(mc.questions.some((q) => q.type === 'numeric' && q.objective === 'medical-coverage' && q.answer === 700)).toBe(true);
    // The case's own subtraction ($1,850 − $1,805 = $45) is the case's question, not the post-test's
    // (second expert read, N4).
    expect(mc.questions.some((q) => q.type === 'numeric' && q.answer === 45)).toBe(false);
  });
});

/** A copy of the committed sample content, with one file changed. */
function brokenTree(edit: (root: string) => void): string[] {
  const root = mkdtempSync(join(tmpdir(), 'content-'));
  try {
    for (const part of ['instructors', 'evaluations', 'quizzes/sample-course.yaml', 'courses/sample-course']) {
      cpSync(join(CONTENT, part), join(root, part), { recursive: true });
    }
    edit(root);
    return checkContent(root).errors;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
const edit = (root: string, file: string, from: string | RegExp, to: string) => {
  const path = join(root, file);
  const before = readFileSync(path, 'utf8');
  const after = before.replace(from, to);
  if (after === before) throw new Error(`fixture edit did not apply to ${file}`);
  writeFileSync(path, after);
};

describe('a broken content file is reported with its file and field', () => {
  it('accepts the unbroken copy', () => {
    expect(brokenTree(() => {})).toEqual([]);
  });

  it.each([
    ['an unknown instructor', 'courses/sample-course/course.yaml', 'instructors: [sample-instructor]', 'instructors: [nobody]', /courses\/sample-course\/course\.yaml: instructors\[0\]: unknown instructor "nobody"/],
    ['CE hours not in quarter hours', 'courses/sample-course/course.yaml', 'ceHours: 0.5', 'ceHours: 0.6', /course\.yaml: ceHours: hours must be a multiple of 0\.25/],
    ['AGD hours that do not add up', 'courses/sample-course/course.yaml', /hours: 0\.5\n/, 'hours: 0.25\n', /course\.yaml: agd: the AGD hours add up to 0\.25, but ceHours is 0\.5/],
    ['a misspelt field', 'courses/sample-course/course.yaml', 'summary:', 'sumary:', /course\.yaml: .*(Unrecognized key|summary)/],
    ['an unknown simulation', 'courses/sample-course/course.yaml', 'quiz: sample-course', 'quiz: sample-course\nsimulations: [no-such-case]', /course\.yaml: simulations\[0\]: unknown simulation "no-such-case"/],
    ['a lesson serving an unknown objective', 'courses/sample-course/lessons/01-welcome.mdx', 'objectives: [navigate]', 'objectives: [navigate, flying]', /01-welcome\.mdx: objectives\[1\]: "flying" is not an objective/],
    ['two lessons with the same order', 'courses/sample-course/lessons/02-tooth-numbers.mdx', 'order: 2', 'order: 1', /02-tooth-numbers\.mdx: order: 1 is also the order of/],
    ['an unknown component in a lesson', 'courses/sample-course/lessons/03-earning-credit.mdx', 'To earn credit', '<Marquee>hi</Marquee>\n\nTo earn credit', /03-earning-credit\.mdx:7: body: <Marquee> is not a lesson component/],
    ['a question on an objective the course does not have', 'quizzes/sample-course.yaml', 'objective: credit\n    type: code', 'objective: billing\n    type: code', /quizzes\/sample-course\.yaml: .*billing/],
    // The sample course's parts: lessons of 1.5 + 1.5 + 1.5 min, a 2.9-min post-test, a 3-min evaluation: 10 min.
    ['hours the content does not support', 'courses/sample-course/course.yaml', 'credit: false', 'credit: true', /course\.yaml: ceHours: course "sample-course" claims 0\.5 h \(30 min\) but its content is estimated at 10 min/],
    ['a lesson that still types its minutes', 'courses/sample-course/lessons/01-welcome.mdx', 'order: 1', 'order: 1\nminutes: 10', /01-welcome\.mdx: minutes: lesson minutes are now estimated from the content/],
  ])('%s', (_what, file, from, to, expected) => {
    const errors = brokenTree((root) => edit(root, file, from, to));
    expect(errors.join('\n')).toMatch(expected);
  });
});

/** The sample course with one more lesson, test/fixtures/lessons/<fixture>.mdx, as its 04-bad.mdx. */
function withLesson(fixture: string): string[] {
  return brokenTree((root) => cpSync(join('test', 'fixtures', 'lessons', `${fixture}.mdx`), join(root, 'courses', 'sample-course', 'lessons', '04-bad.mdx')));
}
const BAD = 'courses/sample-course/lessons/04-bad.mdx';

describe('lesson components are checked prop by prop, naming the file, line and prop', () => {
  // Each of the first four passed the old check and then failed on the learner's screen with a 500.
  it.each([
    ['a self-check answer that is not one of its three options', 'checkpoint-answer-out-of-range', `${BAD}:13: <Checkpoint> answer: must be the 0-based index of the right option: 0 to 2 for 3 options, not 5`],
    ['a figure with empty alt text', 'figure-empty-alt', `${BAD}:10: <Figure> alt: cannot be empty: describe the image for someone who cannot see it`],
    ['a figure whose image is not in public/', 'figure-missing-image', `${BAD}:11: <Figure> src: no file public/images/sample-course/no-such-picture.svg`],
    ['a tooth chart with tooth 33', 'toothchart-bad-tooth', `${BAD}:10: <ToothChart> teeth[1]: 33 is not a Universal tooth number (1 to 32)`],
    ['a prop computed by code', 'prop-is-code', `${BAD}:8: <ToothChart> teeth: write the value out (text in quotes, or a number or a list in braces), not code`],
    ['a misspelt prop', 'misspelt-prop', `${BAD}:8: <Callout> titel: not a prop of <Callout> (its props: type, title)`],
    ['an import line', 'import-line', `${BAD}:8: body: lessons are data: no import or export lines`],
    ['an element left open', 'not-mdx', `${BAD}:10: body: not valid MDX: Expected a closing tag for \`<Callout>\``],
  ])('%s', (_what, fixture, expected) => {
    const errors = withLesson(fixture);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.replace(/^[^/]*\//, '')).toContain(expected);
  });

  it('npm run content:check exits 1 and prints the problem', () => {
    const root = mkdtempSync(join(tmpdir(), 'content-cli-'));
    try {
      for (const part of ['instructors', 'evaluations', 'quizzes/sample-course.yaml', 'courses/sample-course']) cpSync(join(CONTENT, part), join(root, part), { recursive: true });
      cpSync(join('test', 'fixtures', 'lessons', 'checkpoint-answer-out-of-range.mdx'), join(root, BAD));
      const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/content-check.ts'], { env: { ...process.env, CONTENT_DIR: root }, encoding: 'utf8' });
      expect(r.status).toBe(1);
      expect(r.stderr).toContain('04-bad.mdx:13: <Checkpoint> answer: must be the 0-based index');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }, 30_000);
});

describe('the build', () => {
  it('accepts what the browser editor writes: its fixtures in their places pass the content check and load in the build', () => {
    // The editor suite (test/authoring) proves the editor writes these fixtures byte for byte; here
    // the same bytes, put where the editor puts them, pass content:check and `astro sync` (the
    // build's content step). The learner page of the new lesson is rendered in the editor suite.
    const root = mkdtempSync(join(tmpdir(), 'content-editor-'));
    const fixture = (name: string) => join('test', 'fixtures', 'authoring', name);
    try {
      cpSync(CONTENT, root, { recursive: true });
      cpSync(fixture('pat-lee.yaml'), join(root, 'instructors', 'pat-lee.yaml'));
      cpSync(fixture('04-front-desk-checklist.mdx'), join(root, 'courses', 'sample-course', 'lessons', '04-front-desk-checklist.mdx'));
      cpSync(fixture('draft-example-bank.yaml'), join(root, 'quizzes', 'draft-example.yaml'));
      cpSync(fixture('chart-the-molar.yaml'), join(root, 'simulations', 'chart-the-molar.yaml'));
      const { tree, errors } = checkContent(root, { publicDir: 'public' });
      expect(errors).toEqual([]);
      expect(tree.lessons.some((l) => l.course === 'sample-course' && l.slug === 'front-desk-checklist')).toBe(true);
      expect(tree.simulations.map((x) => x.id)).toContain('chart-the-molar');
      const r = spawnSync(process.execPath, ['node_modules/astro/astro.js', 'sync'], { env: { ...process.env, CONTENT_DIR: root, ASTRO_TELEMETRY_DISABLED: '1' }, encoding: 'utf8', timeout: 120_000 });
      expect(r.stdout + r.stderr).not.toMatch(/error/i);
      expect(r.status).toBe(0);
    } finally {
      rmSync(root, { recursive: true, force: true });
      spawnSync(process.execPath, ['node_modules/astro/astro.js', 'sync'], { env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' }, timeout: 120_000 });
    }
  }, 240_000);

  it('fails on a broken content file, naming the file and the field', () => {
    const root = mkdtempSync(join(tmpdir(), 'content-build-'));
    try {
      for (const part of ['instructors', 'evaluations', 'quizzes/sample-course.yaml', 'courses/sample-course']) cpSync(join(CONTENT, part), join(root, part), { recursive: true });
      edit(root, 'courses/sample-course/lessons/01-welcome.mdx', 'objectives: [navigate]', 'objectives: [flying]');
      // `astro sync` is the step of `astro build` and `astro check` that loads and checks content.
      const r = spawnSync(process.execPath, ['node_modules/astro/astro.js', 'sync'], { env: { ...process.env, CONTENT_DIR: root, ASTRO_TELEMETRY_DISABLED: '1' }, encoding: 'utf8', timeout: 120_000 });
      expect(r.status).not.toBe(0);
      expect(r.stdout + r.stderr).toMatch(/01-welcome\.mdx: objectives\[0\]: "flying" is not an objective of course "sample-course"/);
    } finally {
      rmSync(root, { recursive: true, force: true });
      // Leave the generated types matching the real content.
      spawnSync(process.execPath, ['node_modules/astro/astro.js', 'sync'], { env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' }, timeout: 120_000 });
    }
  }, 240_000);
});
