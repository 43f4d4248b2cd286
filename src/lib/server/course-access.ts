/**
 * Who may open a course's lessons. Published courses are visible to all, drafts to staff only;
 * members-only lessons need a current membership (staff always pass, to teach and support).
 */
import { clock } from '../shared/clock';
import { isMember } from '../domain/membership';

export type LessonAccess = 'ok' | 'not-found' | 'sign-in' | 'members-only';

export function lessonAccess(
  course: { data: { published: boolean; access: 'open' | 'members' } } | undefined,
  user: { role: string; memberUntil: number | null } | null,
  now = clock.now(),
): LessonAccess {
  const staff = user?.role === 'instructor' || user?.role === 'admin';
  if (!course || (!course.data.published && !staff)) return 'not-found';
  if (!user) return 'sign-in';
  if (course.data.access === 'members' && !staff && !isMember(user, now)) return 'members-only';
  return 'ok';
}
