/**
 * Who may read which course's reports: admins every course, instructors the courses that list an
 * instructor profile naming their account, everyone else none.
 */
export function taughtCourseIds(
  user: { email: string; role: string },
  courses: ReadonlyArray<{ id: string; instructors: readonly string[] }>,
  profiles: ReadonlyArray<{ id: string; accounts: readonly string[] }>,
): string[] {
  if (user.role === 'admin') return courses.map((c) => c.id);
  if (user.role !== 'instructor') return [];
  const email = user.email.toLowerCase();
  const mine = new Set(profiles.filter((p) => p.accounts.some((a) => a.toLowerCase() === email)).map((p) => p.id));
  return courses.filter((c) => c.instructors.some((id) => mine.has(id))).map((c) => c.id);
}
