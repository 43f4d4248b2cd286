/** Enrolment and lesson progress. Every write is idempotent, so a double click changes nothing. */
import { clock } from '../shared/clock';
import { and, count, eq, isNotNull, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { enrollments, lessonProgress } from '../../../db/schema';

/** Enrols the learner in the course once; later calls keep the first enrolment date. */
export function enrol(db: Pick<Db, 'insert'>, userId: number, course: string, now = clock.now()): void {
  db.insert(enrollments).values({ userId, course, enrolledAt: now }).onConflictDoNothing().run();
}

/** The first visit to a lesson enrols the learner and records when they first saw it. */
export function recordLessonView(db: Db, userId: number, course: string, lesson: string, now = clock.now()): void {
  db.transaction((tx) => {
    enrol(tx, userId, course, now);
    tx.insert(lessonProgress).values({ userId, course, lesson, firstViewedAt: now }).onConflictDoNothing().run();
  });
}

/** Marks a lesson complete; the first completion time is kept. */
export function completeLesson(db: Db, userId: number, course: string, lesson: string, now = clock.now()): void {
  db.transaction((tx) => {
    enrol(tx, userId, course, now);
    tx.insert(lessonProgress)
      .values({ userId, course, lesson, firstViewedAt: now, completedAt: now })
      .onConflictDoUpdate({
        target: [lessonProgress.userId, lessonProgress.course, lessonProgress.lesson],
        set: { completedAt: sql`coalesce(${lessonProgress.completedAt}, ${now})` },
      })
      .run();
  });
}

/** Lesson slug -> completion time (null when viewed but not finished), for one learner and course. */
export function lessonStatus(db: Db, userId: number, course: string): Map<string, number | null> {
  const rows = db
    .select({ lesson: lessonProgress.lesson, completedAt: lessonProgress.completedAt })
    .from(lessonProgress)
    .where(and(eq(lessonProgress.userId, userId), eq(lessonProgress.course, course)))
    .all();
  return new Map(rows.map((r) => [r.lesson, r.completedAt]));
}

/** Completed lessons per course for one learner, in one grouped query (for the catalog). */
export function completedLessonCounts(db: Db, userId: number): Map<string, number> {
  const rows = db
    .select({ course: lessonProgress.course, n: count() })
    .from(lessonProgress)
    .where(and(eq(lessonProgress.userId, userId), isNotNull(lessonProgress.completedAt)))
    .groupBy(lessonProgress.course)
    .all();
  return new Map(rows.map((r) => [r.course, r.n]));
}

export function isEnrolled(db: Db, userId: number, course: string): boolean {
  return !!db.select({ u: enrollments.userId }).from(enrollments).where(and(eq(enrollments.userId, userId), eq(enrollments.course, course))).get();
}
