/** Which courses an account may read reports for (the rule is in lib/domain/teaching). */
import { getCollection } from 'astro:content';
import { taughtCourseIds } from '../domain/teaching';
import { listCourses, type Course } from './courses';

export async function coursesTaughtBy(user: { email: string; role: string }): Promise<Course[]> {
  const all = await listCourses({ includeDrafts: true });
  const profiles = (await getCollection('instructors')).map((i) => ({ id: i.id, accounts: i.data.accounts ?? [] }));
  const ids = new Set(taughtCourseIds(user, all.map((c) => ({ id: c.id, instructors: c.data.instructors })), profiles));
  return all.filter((c) => ids.has(c.id));
}

export async function teaches(user: { email: string; role: string }, courseId: string): Promise<boolean> {
  return (await coursesTaughtBy(user)).some((c) => c.id === courseId);
}
