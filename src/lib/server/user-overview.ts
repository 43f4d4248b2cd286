/** What the admin's page about one user shows: the account, enrolments, certificates and sessions. */
import { and, desc, eq, gt } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { enrollments, sessions } from '../../../db/schema';
import { clock } from '../shared/clock';
import { certificatesOf } from './certificates';
import { completedLessonCounts } from './progress';
import { getUserById } from './users';

export function userOverview(db: Db, userId: number, now = clock.now()) {
  const user = getUserById(db, userId);
  if (!user) return null;
  const enrolled = db.select().from(enrollments).where(eq(enrollments.userId, userId)).orderBy(desc(enrollments.enrolledAt)).all();
  const live = db
    .select({ createdAt: sessions.createdAt, expiresAt: sessions.expiresAt, persistent: sessions.persistent })
    .from(sessions)
    .where(and(eq(sessions.userId, userId), gt(sessions.expiresAt, now)))
    .orderBy(desc(sessions.createdAt))
    .all();
  return { user, enrolled, lessonsDone: completedLessonCounts(db, userId), certificates: certificatesOf(db, userId), sessions: live };
}
