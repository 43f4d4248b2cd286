/** What the post-test pages need about a learner and a course, gathered in one place. */
import { clock } from '../shared/clock';
import type { Course } from '../content/courses';
import { lessonSlug, lessonsOf } from '../content/courses';
import type { QuizBank } from '../shared/schemas/quiz';
import { attemptState, startDecision } from '../domain/quiz/policy';
import { db } from './db';
import { attemptGrant, listAttempts } from './attempts';
import { lessonStatus } from './progress';

export async function quizStatus(course: Course, bank: QuizBank, userId: number, now = clock.now()) {
  const lessons = await lessonsOf(course.id);
  const status = lessonStatus(db(), userId, course.id);
  const lessonsComplete = lessons.every((l) => !!status.get(lessonSlug(l)));
  const attempts = listAttempts(db(), userId, course.id).map((a) => ({ ...a, state: attemptState(a, now) }));
  const grant = attemptGrant(db(), userId, course.id);
  const decision = startDecision(bank.settings, attempts, lessonsComplete, now, grant);
  const used = attempts.length;
  const left = bank.settings.maxAttempts === null ? null : Math.max(0, bank.settings.maxAttempts + grant.extraAttempts - used);
  return { attempts, decision, used, left, lessonsComplete, passed: attempts.some((a) => a.state === 'passed') };
}
