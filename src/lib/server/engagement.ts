/**
 * Engaged time as stored by the server: lessons (first served to completion asked), post-test
 * attempts (start to submit), case runs (start to the last decision), the evaluation (opened to
 * sent). Capping and summing is pure (domain/engagement.ts).
 */
import { and, eq, inArray, isNotNull, max } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { enrollments, evaluations, lessonProgress, quizAttempts, simulationDecisions, simulationRuns } from '../../../db/schema';
import type { PartTime } from '../domain/engagement';

/** Measured times per learner for one course (all learners, or only `userIds`). */
export function measuredTimes(db: Db, course: string, scenarios: string[], userIds?: number[]): Map<number, PartTime[]> {
  const out = new Map<number, PartTime[]>();
  const add = (userId: number, t: PartTime) => (out.get(userId) ?? out.set(userId, []).get(userId)!).push(t);
  if (userIds && userIds.length === 0) return out;
  const who = (col: Parameters<typeof inArray>[0]) => (userIds ? inArray(col, userIds) : undefined);

  for (const r of db
    .select({ userId: lessonProgress.userId, lesson: lessonProgress.lesson, from: lessonProgress.firstViewedAt, to: lessonProgress.completedAt })
    .from(lessonProgress)
    .where(and(eq(lessonProgress.course, course), isNotNull(lessonProgress.completedAt), who(lessonProgress.userId)))
    .all()) {
    add(r.userId, { kind: 'lesson', id: r.lesson, ms: r.to! - r.from });
  }
  // For named learners the open attempts are skipped here rather than in SQL: with `submitted_at
  // is not null` in the query, SQLite walks every submitted attempt of the course (the report
  // index) instead of these learners' own (user, course) index entries (issue 21: the case
  // decision that ends a run paid for all of them).
  for (const r of db
    .select({ userId: quizAttempts.userId, from: quizAttempts.startedAt, to: quizAttempts.submittedAt })
    .from(quizAttempts)
    .where(and(eq(quizAttempts.course, course), userIds ? who(quizAttempts.userId) : isNotNull(quizAttempts.submittedAt)))
    .all()) {
    if (r.to !== null) add(r.userId, { kind: 'post-test', id: 'post-test', ms: r.to - r.from });
  }
  if (scenarios.length) {
    for (const r of db
      .select({ userId: simulationRuns.userId, scenario: simulationRuns.scenario, from: simulationRuns.startedAt, last: max(simulationDecisions.at) })
      .from(simulationRuns)
      .innerJoin(simulationDecisions, eq(simulationDecisions.runId, simulationRuns.id))
      .where(and(inArray(simulationRuns.scenario, scenarios), who(simulationRuns.userId)))
      .groupBy(simulationRuns.id)
      .all()) {
      if (r.last !== null) add(r.userId, { kind: 'case', id: r.scenario, ms: Number(r.last) - r.from });
    }
  }
  for (const r of db
    .select({ userId: evaluations.userId, from: enrollments.evaluationOpenedAt, to: evaluations.submittedAt })
    .from(evaluations)
    .innerJoin(enrollments, and(eq(enrollments.userId, evaluations.userId), eq(enrollments.course, evaluations.course)))
    .where(and(eq(evaluations.course, course), isNotNull(enrollments.evaluationOpenedAt), who(evaluations.userId)))
    .all()) {
    add(r.userId, { kind: 'evaluation', id: 'evaluation', ms: r.to - r.from! });
  }
  return out;
}

/** One learner's measured times in one course. */
export function learnerTimes(db: Db, userId: number, course: string, scenarios: string[]): PartTime[] {
  return measuredTimes(db, course, scenarios, [userId]).get(userId) ?? [];
}

