/** Enrolment and lesson progress. Every write is idempotent, so a double click changes nothing. */
import { clock } from '../shared/clock';
import { and, count, desc, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { enrollments, lessonProgress } from '../../../db/schema';
import { preparedOnce } from './db';

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

export type CompleteLessonResult = { ok: true } | { ok: false; reason: 'not-opened' } | { ok: false; reason: 'too-early'; earliestAt: number };

/**
 * Marks a lesson complete; the first completion time is kept. The lesson must have been served to
 * the learner (its first view is recorded) at least `minimumMs` before: an early or blind request
 * stores nothing. A lesson already complete stays complete.
 */
export function completeLesson(db: Db, userId: number, course: string, lesson: string, minimumMs: number, now = clock.now()): CompleteLessonResult {
  return db.transaction((tx) => {
    const row = tx
      .select({ firstViewedAt: lessonProgress.firstViewedAt, completedAt: lessonProgress.completedAt })
      .from(lessonProgress)
      .where(and(eq(lessonProgress.userId, userId), eq(lessonProgress.course, course), eq(lessonProgress.lesson, lesson)))
      .get();
    if (!row) return { ok: false, reason: 'not-opened' } as const;
    if (row.completedAt !== null) return { ok: true } as const;
    const earliestAt = row.firstViewedAt + Math.max(0, minimumMs);
    if (now < earliestAt) return { ok: false, reason: 'too-early', earliestAt } as const;
    tx.update(lessonProgress)
      .set({ completedAt: sql`coalesce(${lessonProgress.completedAt}, ${now})` })
      .where(and(eq(lessonProgress.userId, userId), eq(lessonProgress.course, course), eq(lessonProgress.lesson, lesson)))
      .run();
    return { ok: true } as const;
  });
}

/** The first time each lesson of a course was served to the learner, and when it was completed. */
export function lessonTimes(db: Db, userId: number, course: string): Array<{ lesson: string; firstViewedAt: number; completedAt: number | null }> {
  return db
    .select({ lesson: lessonProgress.lesson, firstViewedAt: lessonProgress.firstViewedAt, completedAt: lessonProgress.completedAt })
    .from(lessonProgress)
    .where(and(eq(lessonProgress.userId, userId), eq(lessonProgress.course, course)))
    .all();
}

/** Records, once, when the course evaluation was first shown to the learner. */
export function recordEvaluationOpened(db: Db, userId: number, course: string, now = clock.now()): void {
  db.transaction((tx) => {
    enrol(tx, userId, course, now);
    tx.update(enrollments)
      .set({ evaluationOpenedAt: now })
      .where(and(eq(enrollments.userId, userId), eq(enrollments.course, course), isNull(enrollments.evaluationOpenedAt)))
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

/** The courses a learner has enrolled in (opened a lesson or the evaluation of), most recent first. */
export function enrolledCourses(db: Db, userId: number): string[] {
  return db
    .select({ course: enrollments.course })
    .from(enrollments)
    .where(eq(enrollments.userId, userId))
    .orderBy(desc(enrollments.enrolledAt))
    .all()
    .map((r) => r.course);
}

/** Everything a course's pages show of one learner's progress, read in one statement. */
export interface CourseProgress {
  /** Lesson slug -> completion time (null when viewed but not finished): as lessonStatus. */
  lessons: Map<string, number | null>;
  /** Passed the course's post-test (as attempts.hasPassed). */
  quizPassed: boolean;
  /** Submitted the course's evaluation (as evaluations.hasEvaluated). */
  evaluated: boolean;
  /** Every case this learner has passed, in any course (as runs.hasPassedScenario). */
  passedScenarios: Set<string>;
}

// One round trip instead of one query per part: a lesson page showed the progress bar, the sidebar
// and the next step from four to seven separate queries, each built by Drizzle on every request.
// The conditions are the ones of lessonStatus, hasPassed, hasEvaluated and hasPassedScenario;
// test/integration/course-progress.test.ts holds them equal.
const PROGRESS_SQL = `
select 'lesson' as kind, lesson as key, completed_at as at from lesson_progress where user_id = :user and course = :course
union all select 'quiz', null, null where exists (select 1 from quiz_attempts where user_id = :user and course = :course and passed = 1)
union all select 'evaluation', null, null where exists (select 1 from evaluations where user_id = :user and course = :course)
union all select distinct 'case', scenario, null from simulation_runs where user_id = :user and passed = 1`;
// Compiled once per connection: SQLite parsing and planning the union on every lesson page was most
// of this function's time in the bench's profiles.
const progressStatement = preparedOnce((db) => db.$client.prepare(PROGRESS_SQL));

/** One learner's progress in one course (see CourseProgress), from one prepared statement. */
export function courseProgress(db: Db, userId: number, course: string): CourseProgress {
  const rows = progressStatement(db).all({ user: userId, course }) as Array<{ kind: string; key: string | null; at: number | null }>;
  const progress: CourseProgress = { lessons: new Map(), quizPassed: false, evaluated: false, passedScenarios: new Set() };
  for (const r of rows) {
    if (r.kind === 'lesson') progress.lessons.set(r.key!, r.at);
    else if (r.kind === 'quiz') progress.quizPassed = true;
    else if (r.kind === 'evaluation') progress.evaluated = true;
    else progress.passedScenarios.add(r.key!);
  }
  return progress;
}
