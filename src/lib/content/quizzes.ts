import { getEntry } from 'astro:content';
import type { QuizBank } from '../shared/schemas/quiz';
import type { Course } from './courses';

/** The question bank of a course, or undefined when the course has no post-test. Server only. */
const cache = new Map<string, Promise<QuizBank | undefined>>();
export function quizOf(course: Course): Promise<QuizBank | undefined> {
  const id = course.data.quiz;
  if (!id) return Promise.resolve(undefined);
  let hit = import.meta.env.DEV ? undefined : cache.get(id);
  if (!hit) {
    hit = (async () => (await getEntry('quizzes', id))?.data as QuizBank | undefined)();
    if (!import.meta.env.DEV) cache.set(id, hit);
  }
  return hit;
}
