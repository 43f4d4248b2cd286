/**
 * Reads and checks the whole content/ tree straight from disk: every file against its schema and
 * every reference between files (instructors, objectives, quizzes, simulations, evaluations,
 * lesson order, CE hours backed by the content estimate in hours-check.ts). Errors name the file and the field.
 *
 * Used at build time by the content loader in src/content.config.ts (so `astro build` and
 * `astro check` fail on a bad file), by `npm run content:check`, and by the tests.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse as parseYaml } from 'yaml';
import {
  courseSchema,
  evaluationSchema,
  instructorSchema,
  lessonSchema,
  type CourseData,
  type EvaluationData,
  type LessonData,
} from '../shared/schemas/course';
import { checkExtraContent, type ExtraContent } from './tree-extra';
import { checkHours } from './hours-check';
import { parseWith, readYamlFile } from './parse';

export { parseWith };
import { keyTermsIn } from './keyterms';

export { keyTermsIn };

export const LESSON_COMPONENTS = ['Callout', 'Checkpoint', 'Figure', 'KeyTerm', 'Simulation', 'ToothChart'];

export interface LoadedFile<T> {
  id: string;
  file: string;
  data: T;
}
export interface LoadedLesson extends LoadedFile<LessonData> {
  course: string;
  slug: string;
  body: string;
}
export interface ContentTree {
  root: string;
  courses: LoadedFile<CourseData>[];
  lessons: LoadedLesson[];
  instructors: LoadedFile<unknown>[];
  evaluations: LoadedFile<EvaluationData>[];
  extra: ExtraContent;
}
export interface TreeReport {
  tree: ContentTree;
  errors: string[];
}

function listFiles(dir: string, suffix: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith(suffix))
    .sort()
    .map((f) => join(dir, f));
}

export function splitFrontmatter(source: string): { frontmatter: string; body: string } | null {
  const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(source);
  return m ? { frontmatter: m[1]!, body: m[2]! } : null;
}

export function loadContentTree(root: string): TreeReport {
  const errors: string[] = [];
  const rel = (p: string) => relative(join(root, '..'), p) || p;
  const tree: ContentTree = { root, courses: [], lessons: [], instructors: [], evaluations: [], extra: { quizzes: [], simulations: [], licensure: [] } };

  for (const path of listFiles(join(root, 'instructors'), '.yaml')) {
    const data = parseWith(instructorSchema, readYamlFile(path, rel(path), errors), rel(path), errors);
    if (data) tree.instructors.push({ id: path.split('/').pop()!.replace(/\.yaml$/, ''), file: rel(path), data });
  }
  for (const path of listFiles(join(root, 'evaluations'), '.yaml')) {
    const data = parseWith(evaluationSchema, readYamlFile(path, rel(path), errors), rel(path), errors);
    if (data) tree.evaluations.push({ id: path.split('/').pop()!.replace(/\.yaml$/, ''), file: rel(path), data });
  }

  const coursesDir = join(root, 'courses');
  const courseDirs = existsSync(coursesDir) ? readdirSync(coursesDir).filter((d) => statSync(join(coursesDir, d)).isDirectory()).sort() : [];
  for (const dir of courseDirs) {
    const coursePath = join(coursesDir, dir, 'course.yaml');
    if (!existsSync(coursePath)) {
      errors.push(`${rel(join(coursesDir, dir))}: (folder): has no course.yaml`);
      continue;
    }
    const data = parseWith(courseSchema, readYamlFile(coursePath, rel(coursePath), errors), rel(coursePath), errors);
    if (data) tree.courses.push({ id: dir, file: rel(coursePath), data });
    for (const path of listFiles(join(coursesDir, dir, 'lessons'), '.mdx')) {
      const name = path.split('/').pop()!;
      const m = /^(\d+)-([a-z0-9]+(?:-[a-z0-9]+)*)\.mdx$/.exec(name);
      if (!m) {
        errors.push(`${rel(path)}: (file name): lesson files are named NN-slug.mdx, like 03-tooth-numbering.mdx`);
        continue;
      }
      const split = splitFrontmatter(readFileSync(path, 'utf8'));
      if (!split) {
        errors.push(`${rel(path)}: (frontmatter): the file must start with --- frontmatter ---`);
        continue;
      }
      let raw: unknown;
      try {
        raw = parseYaml(split.frontmatter);
      } catch (e) {
        errors.push(`${rel(path)}: (frontmatter): not valid YAML: ${(e as Error).message.split('\n')[0]}`);
        continue;
      }
      const lesson = parseWith(lessonSchema, raw, rel(path), errors);
      if (lesson) tree.lessons.push({ id: `${dir}/${m[2]}`, course: dir, slug: m[2]!, file: rel(path), data: lesson, body: split.body });
    }
  }

  tree.extra = checkExtraContent(root, rel, errors);
  errors.push(...crossCheck(tree));
  return { tree, errors };
}

/** References between files, and rules that span several files. */
export function crossCheck(tree: ContentTree): string[] {
  const errors: string[] = [];
  const instructors = new Set(tree.instructors.map((i) => i.id));
  const evaluations = new Set(tree.evaluations.map((e) => e.id));
  const quizzes = new Map(tree.extra.quizzes.map((q) => [q.id, q]));
  const simulations = new Map(tree.extra.simulations.map((s) => [s.id, s]));

  for (const course of tree.courses) {
    const c = course.data;
    c.instructors.forEach((id, i) => {
      if (!instructors.has(id)) errors.push(`${course.file}: instructors[${i}]: unknown instructor "${id}" (no content/instructors/${id}.yaml)`);
    });
    if (c.evaluation && !evaluations.has(c.evaluation)) errors.push(`${course.file}: evaluation: unknown evaluation form "${c.evaluation}" (no content/evaluations/${c.evaluation}.yaml)`);
    const quiz = c.quiz ? quizzes.get(c.quiz) : undefined;
    if (c.quiz && !quiz) errors.push(`${course.file}: quiz: unknown question bank "${c.quiz}" (no content/quizzes/${c.quiz}.yaml)`);
    if (quiz && quiz.course !== course.id) errors.push(`${quiz.file}: course: says "${quiz.course}", but course "${course.id}" uses this bank`);
    c.simulations.forEach((sid, i) => {
      const sim = simulations.get(sid);
      if (!sim) errors.push(`${course.file}: simulations[${i}]: unknown simulation "${sid}" (no content/simulations/${sid}.yaml)`);
      else if (sim.course !== course.id) errors.push(`${sim.file}: course: says "${sim.course}", but course "${course.id}" requires this simulation`);
    });

    const objectiveIds = new Set(c.objectives.map((o) => o.id));
    const lessons = tree.lessons.filter((l) => l.course === course.id);
    if (lessons.length === 0) errors.push(`${course.file}: (lessons): the course has no lessons in lessons/`);
    const orders = new Map<number, string>();
    const served = new Set<string>();
    for (const lesson of lessons) {
      const other = orders.get(lesson.data.order);
      if (other) errors.push(`${lesson.file}: order: ${lesson.data.order} is also the order of ${other}`);
      orders.set(lesson.data.order, lesson.file);
      lesson.data.objectives.forEach((oid, i) => {
        if (!objectiveIds.has(oid)) errors.push(`${lesson.file}: objectives[${i}]: "${oid}" is not an objective of course "${course.id}"`);
        served.add(oid);
      });
      errors.push(...checkLessonBody(lesson, simulations));
    }
    for (const o of c.objectives) {
      if (lessons.length && !served.has(o.id)) errors.push(`${course.file}: objectives: "${o.id}" is not served by any lesson (list it in a lesson's objectives)`);
    }
    if (quiz) errors.push(...quiz.checkAgainst([...objectiveIds]).map((m) => `${quiz.file}: ${m}`));
    for (const sid of c.simulations) {
      const sim = simulations.get(sid);
      sim?.objectives.forEach((oid, i) => {
        if (!objectiveIds.has(oid)) errors.push(`${sim.file}: objectives[${i}]: "${oid}" is not an objective of course "${course.id}"`);
      });
    }
  }
  errors.push(...checkHours(tree));
  return errors;
}

function checkLessonBody(lesson: LoadedLesson, simulations: Map<string, unknown>): string[] {
  const errors: string[] = [];
  for (const m of lesson.body.matchAll(/<([A-Z][A-Za-z0-9]*)[\s/>]/g)) {
    if (!LESSON_COMPONENTS.includes(m[1]!)) errors.push(`${lesson.file}: body: <${m[1]}> is not a lesson component (use ${LESSON_COMPONENTS.join(', ')})`);
  }
  const keyTermTags = [...lesson.body.matchAll(/<KeyTerm\b/g)].length;
  if (keyTermTags !== keyTermsIn(lesson.body).length) {
    errors.push(`${lesson.file}: body: every <KeyTerm> needs term="…" and definition="…" as plain quoted text`);
  }
  for (const m of lesson.body.matchAll(/<Simulation\s+id="([^"]+)"/g)) {
    if (!simulations.has(m[1]!)) errors.push(`${lesson.file}: body: <Simulation id="${m[1]}"> names no scenario in content/simulations`);
  }
  if (/^import\s|^export\s/m.test(lesson.body)) errors.push(`${lesson.file}: body: lessons are data: no import or export lines`);
  return errors;
}
