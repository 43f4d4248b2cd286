/**
 * The one reader of the content/ tree. It reads every authored file once, parses it (YAML with
 * `yaml`, lessons with Astro's frontmatter parser and the MDX grammar, see lesson-source.ts) and
 * validates it against its schema, collecting "file: field: message" problems instead of stopping.
 *
 * Its result feeds the content collections (src/content.config.ts), `npm run content:check`, the
 * demo data and the tests; the rules that span files run over it in ./checks.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { courseSchema, evaluationSchema, instructorSchema, lessonSchema, type CourseData, type EvaluationData, type InstructorData, type LessonData } from '../shared/schemas/course';
import { quizBankSchema, type QuizBank } from '../shared/schemas/quiz';
import { licensureSchema, type Licensure } from '../shared/schemas/licensure';
import { providerSchema, type Provider } from '../shared/schemas/provider';
import type { Scenario } from '../shared/schemas/simulation';
import { validateScenario, type ScenarioValidation } from '../domain/simulation/graph';
import { parseLessonSource, type ComponentUse } from './lesson-source';

/** One parsed file. `file` is the path shown in messages, like `content/courses/x/course.yaml`. */
export interface Entry<T> {
  id: string;
  file: string;
  /** Absolute path on disk. */
  path: string;
  data: T;
}
export interface LessonEntry extends Entry<LessonData> {
  course: string;
  slug: string;
  /** The MDX body, with blank lines where the frontmatter was (so line numbers match the file). */
  body: string;
  /** Every JSX element in the body with its line and literal props. */
  components: ComponentUse[];
  esmLines: number[];
  expressionLines: number[];
}
export interface SimulationEntry extends Entry<Scenario> {
  analysis: Extract<ScenarioValidation, { ok: true }>['analysis'];
}
export interface ContentTree {
  /** Absolute path of the content folder. */
  root: string;
  /** Absolute path of public/, where lesson figures live. */
  publicDir: string;
  provider?: Entry<Provider>;
  instructors: Entry<InstructorData>[];
  evaluations: Entry<EvaluationData>[];
  courses: Entry<CourseData>[];
  lessons: LessonEntry[];
  quizzes: Entry<QuizBank>[];
  simulations: SimulationEntry[];
  licensure: Entry<Licensure>[];
}
export interface ReadResult {
  tree: ContentTree;
  /** Problems within single files ("file: field: message"); references between files are checked in ./checks. */
  errors: string[];
}
export interface ReadOptions {
  /** Where `<Figure src="/…">` files are looked up; public/ of the working directory by default. */
  publicDir?: string;
}

const LESSON_FILE = /^(\d+)-([a-z0-9]+(?:-[a-z0-9]+)*)\.mdx$/;

export function readContentTree(root: string, options: ReadOptions = {}): ReadResult {
  root = resolve(root);
  const errors: string[] = [];
  const shown = (path: string) => relative(join(root, '..'), path) || path;
  const tree: ContentTree = {
    root,
    publicDir: resolve(options.publicDir ?? 'public'),
    instructors: [],
    evaluations: [],
    courses: [],
    lessons: [],
    quizzes: [],
    simulations: [],
    licensure: [],
  };
  const yamlEntries = <S extends z.ZodTypeAny>(dir: string, schema: S): Entry<z.infer<S>>[] => {
    const out: Entry<z.infer<S>>[] = [];
    for (const { id, path } of filesIn(join(root, dir), '.yaml')) {
      const file = shown(path);
      const data = parseWith(schema, readYaml(path, file, errors), file, errors);
      if (data !== undefined) out.push({ id, file, path, data });
    }
    return out;
  };

  const providerPath = join(root, 'provider.yaml');
  if (existsSync(providerPath)) {
    const file = shown(providerPath);
    const data = parseWith(providerSchema, readYaml(providerPath, file, errors), file, errors);
    if (data) tree.provider = { id: 'provider', file, path: providerPath, data };
  }
  tree.instructors = yamlEntries('instructors', instructorSchema);
  tree.evaluations = yamlEntries('evaluations', evaluationSchema);
  tree.quizzes = yamlEntries('quizzes', quizBankSchema);
  tree.licensure = yamlEntries('licensure', licensureSchema);

  for (const { id, path } of filesIn(join(root, 'simulations'), '.yaml')) {
    const file = shown(path);
    const raw = readYaml(path, file, errors);
    if (raw === undefined) continue;
    const result = validateScenario(id, raw);
    if (result.ok) tree.simulations.push({ id, file, path, data: result.scenario, analysis: result.analysis });
    else for (const e of result.errors) errors.push(`${file}: ${e}`);
  }

  const coursesDir = join(root, 'courses');
  const courseDirs = existsSync(coursesDir) ? readdirSync(coursesDir).filter((d) => statSync(join(coursesDir, d)).isDirectory()).sort() : [];
  for (const course of courseDirs) {
    const coursePath = join(coursesDir, course, 'course.yaml');
    if (!existsSync(coursePath)) {
      errors.push(`${shown(join(coursesDir, course))}: (folder): has no course.yaml`);
      continue;
    }
    const file = shown(coursePath);
    const data = parseWith(courseSchema, readYaml(coursePath, file, errors), file, errors);
    if (data) tree.courses.push({ id: course, file, path: coursePath, data });
    for (const { path } of filesIn(join(coursesDir, course, 'lessons'), '.mdx')) {
      const lesson = readLesson(course, path, shown(path), errors);
      if (lesson) tree.lessons.push(lesson);
    }
  }
  return { tree, errors };
}

function readLesson(course: string, path: string, file: string, errors: string[]): LessonEntry | undefined {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const m = LESSON_FILE.exec(name);
  if (!m) {
    errors.push(`${file}: (file name): lesson files are named NN-slug.mdx, like 03-tooth-numbering.mdx`);
    return undefined;
  }
  const parsed = parseLessonSource(readFileSync(path, 'utf8'));
  if (!parsed.ok) {
    errors.push(`${file}${parsed.line ? `:${parsed.line}` : ''}: ${parsed.field}: ${parsed.message}`);
    return undefined;
  }
  const data = parseWith(lessonSchema, parsed.lesson.frontmatter, file, errors);
  if (!data) return undefined;
  const { body, components, esmLines, expressionLines } = parsed.lesson;
  return { id: `${course}/${m[2]}`, course, slug: m[2]!, file, path, data, body, components, esmLines, expressionLines };
}

function filesIn(dir: string, suffix: string): Array<{ id: string; path: string }> {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith(suffix))
    .sort()
    .map((f) => ({ id: f.slice(0, -suffix.length), path: join(dir, f) }));
}

function readYaml(path: string, file: string, errors: string[]): unknown {
  try {
    return parseYaml(readFileSync(path, 'utf8'));
  } catch (e) {
    errors.push(`${file}: (file): not valid YAML: ${(e as Error).message.split('\n')[0]}`);
    return undefined;
  }
}

function fieldPath(path: (string | number)[]): string {
  return path.length ? path.map((p) => (typeof p === 'number' ? `[${p}]` : p)).join('.').replace(/\.\[/g, '[') : '(file)';
}

/** Parses data with a schema, pushing "file: field: message" for each problem. */
export function parseWith<S extends z.ZodTypeAny>(schema: S, raw: unknown, file: string, errors: string[]): z.infer<S> | undefined {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  for (const issue of result.error.issues) errors.push(`${file}: ${fieldPath(issue.path)}: ${issue.message}`);
  return undefined;
}
