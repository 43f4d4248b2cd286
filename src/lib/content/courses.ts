/**
 * Read helpers over astro:content. Collections are loaded into the data store at build time, so
 * these are in-memory lookups: no file is parsed on a request.
 */
import { getCollection, getEntry, type CollectionEntry } from 'astro:content';
import { keyTermsIn } from './keyterms';

export type Course = CollectionEntry<'courses'>;
export type Lesson = CollectionEntry<'lessons'>;
export type Instructor = CollectionEntry<'instructors'>;

/** Courses a visitor may see: published ones, plus drafts for staff. */
export async function listCourses(opts: { includeDrafts?: boolean } = {}): Promise<Course[]> {
  const all = await getCollection('courses', (c) => opts.includeDrafts || c.data.published);
  return all.sort((a, b) => Number(a.data.published === false) - Number(b.data.published === false) || a.data.title.localeCompare(b.data.title));
}

const courseById = new Map<string, Promise<Course | undefined>>();
export async function getCourse(id: string): Promise<Course | undefined> {
  if (!/^[a-z0-9-]{1,80}$/.test(id)) return undefined;
  if (import.meta.env.DEV) return getEntry('courses', id);
  // The data store is fixed at build time, and getEntry walks the entry's data on every call:
  // look each course up once per process (every course page and lesson asks for it).
  let hit = courseById.get(id);
  if (!hit) courseById.set(id, (hit = Promise.resolve(getEntry('courses', id)) as Promise<Course | undefined>));
  return hit;
}

let byCourse: Promise<Map<string, Lesson[]>> | undefined;
/** The lessons of a course in authored order. */
export async function lessonsOf(courseId: string): Promise<Lesson[]> {
  if (import.meta.env.DEV) {
    const all = await getCollection('lessons', (l) => l.id.startsWith(`${courseId}/`));
    return all.sort((a, b) => a.data.order - b.data.order);
  }
  // The data store is fixed at build time: group and sort the lessons once per process.
  byCourse ??= getCollection('lessons').then((all) => {
    const map = new Map<string, Lesson[]>();
    for (const l of all.sort((a, b) => a.data.order - b.data.order)) {
      const c = l.id.slice(0, l.id.indexOf('/'));
      (map.get(c) ?? map.set(c, []).get(c)!).push(l);
    }
    return map;
  });
  return (await byCourse).get(courseId) ?? [];
}

export function lessonSlug(lesson: Lesson): string {
  return lesson.id.slice(lesson.id.indexOf('/') + 1);
}

export async function instructorsOf(course: Course): Promise<Instructor[]> {
  const found = await Promise.all(course.data.instructors.map((id) => getEntry('instructors', id)));
  return found.filter((i): i is Instructor => !!i);
}

export interface GlossaryEntry {
  term: string;
  definition: string;
  lesson: { slug: string; title: string };
}

/** Every KeyTerm of a course, alphabetically; a term defined twice keeps its first definition. */
export async function glossaryOf(courseId: string): Promise<GlossaryEntry[]> {
  const seen = new Map<string, GlossaryEntry>();
  for (const lesson of await lessonsOf(courseId)) {
    for (const { term, definition } of keyTermsIn(lesson.body ?? '')) {
      const key = term.toLowerCase();
      if (!seen.has(key)) seen.set(key, { term, definition, lesson: { slug: lessonSlug(lesson), title: lesson.data.title } });
    }
  }
  return [...seen.values()].sort((a, b) => a.term.localeCompare(b.term, 'en', { sensitivity: 'base' }));
}

/** Instructor profiles with the accounts that teach as them (the rule is `teaches` in lib/server/access). */
export async function instructorProfiles(): Promise<Array<{ id: string; accounts: string[] }>> {
  return (await getCollection('instructors')).map((i) => ({ id: i.id, accounts: i.data.accounts ?? [] }));
}
