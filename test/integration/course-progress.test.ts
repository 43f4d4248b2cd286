/**
 * Issue 21: a lesson page reads a learner's progress in one statement (progress.courseProgress).
 * It must say exactly what the separate queries it replaced say (lessonStatus, hasPassed,
 * hasEvaluated, hasPassedScenario), for this learner and this course only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, freshDb, type TestDb } from '../fixtures/db';
import { evaluations, lessonProgress, quizAttempts, simulationRuns } from '../../db/schema';
import { courseProgress, lessonStatus } from '~/lib/server/progress';
import { hasPassed } from '~/lib/server/attempts';
import { hasEvaluated } from '~/lib/server/evaluations';
import { hasPassedScenario } from '~/lib/server/runs';

let t: TestDb;
let learner: number;
let other: number;
beforeAll(() => {
  t = freshDb();
  learner = addUser(t.db, 'learner@x.test', 'Learner').id;
  other = addUser(t.db, 'other@x.test', 'Other').id;
  const db = t.db;
  db.insert(lessonProgress)
    .values([
      { userId: learner, course: 'course-a', lesson: 'one', firstViewedAt: 1_000, completedAt: 2_000 },
      { userId: learner, course: 'course-a', lesson: 'two', firstViewedAt: 3_000 },
      { userId: learner, course: 'course-b', lesson: 'one', firstViewedAt: 1_000, completedAt: 5_000 },
      { userId: other, course: 'course-a', lesson: 'three', firstViewedAt: 1_000, completedAt: 9_000 },
    ])
    .run();
  db.insert(quizAttempts)
    .values([
      // In course-a the learner failed once and has an open attempt; in course-b they passed.
      { userId: learner, course: 'course-a', questions: [], submittedAt: 4_000, score: 3, maxScore: 10, passed: false },
      { userId: learner, course: 'course-a', questions: [] },
      { userId: learner, course: 'course-b', questions: [], submittedAt: 6_000, score: 9, maxScore: 10, passed: true },
      { userId: other, course: 'course-a', questions: [], submittedAt: 6_000, score: 10, maxScore: 10, passed: true },
    ])
    .run();
  db.insert(evaluations)
    .values([
      { userId: learner, course: 'course-b', answers: {} },
      { userId: other, course: 'course-a', answers: {} },
    ])
    .run();
  db.insert(simulationRuns)
    .values([
      { userId: learner, scenario: 'case-passed', state: {}, finishedAt: 7_000, passed: true },
      { userId: learner, scenario: 'case-passed', state: {}, finishedAt: 8_000, passed: true },
      { userId: learner, scenario: 'case-failed', state: {}, finishedAt: 7_000, passed: false },
      { userId: learner, scenario: 'case-open', state: {} },
      { userId: other, scenario: 'case-other', state: {}, finishedAt: 7_000, passed: true },
    ])
    .run();
});
afterAll(() => t.close());

describe('a learner\'s progress in one statement', () => {
  it('reads lessons, post-test, evaluation and cases of this learner and course only', () => {
    const a = courseProgress(t.db, learner, 'course-a');
    expect([...a.lessons].sort()).toEqual([
      ['one', 2_000],
      ['two', null],
    ]);
    expect(a.quizPassed).toBe(false);
    expect(a.evaluated).toBe(false);
    // Cases belong to no course in the database: every case the learner passed, once.
    expect([...a.passedScenarios]).toEqual(['case-passed']);

    const b = courseProgress(t.db, learner, 'course-b');
    expect([...b.lessons]).toEqual([['one', 5_000]]);
    expect(b.quizPassed).toBe(true);
    expect(b.evaluated).toBe(true);

    const none = courseProgress(t.db, learner, 'course-c');
    expect(none).toEqual({ lessons: new Map(), quizPassed: false, evaluated: false, passedScenarios: new Set(['case-passed']) });
  });

  it('says what the separate queries say', () => {
    for (const user of [learner, other]) {
      for (const course of ['course-a', 'course-b', 'course-c']) {
        const p = courseProgress(t.db, user, course);
        expect(p.lessons).toEqual(lessonStatus(t.db, user, course));
        expect(p.quizPassed).toBe(hasPassed(t.db, user, course));
        expect(p.evaluated).toBe(hasEvaluated(t.db, user, course));
        for (const scenario of ['case-passed', 'case-failed', 'case-open', 'case-other']) {
          expect(p.passedScenarios.has(scenario)).toBe(hasPassedScenario(t.db, user, scenario));
        }
      }
    }
  });
});

describe('the statement kept per connection', () => {
  it('sees writes made after its first use, and each database sees its own rows', () => {
    const second = freshDb();
    try {
      const someone = addUser(second.db, 'someone@x.test', 'Someone').id;
      expect(courseProgress(second.db, someone, 'course-a').lessons.size).toBe(0);
      second.db.insert(lessonProgress).values({ userId: someone, course: 'course-a', lesson: 'four', firstViewedAt: 1_000 }).run();
      expect([...courseProgress(second.db, someone, 'course-a').lessons]).toEqual([['four', null]]);
      second.db.insert(evaluations).values({ userId: someone, course: 'course-a', answers: {} }).run();
      expect(courseProgress(second.db, someone, 'course-a').evaluated).toBe(true);
      // The first database, its statement already kept, is untouched by the second's rows.
      expect([...courseProgress(t.db, learner, 'course-a').lessons].sort()).toEqual([
        ['one', 2_000],
        ['two', null],
      ]);
      expect(courseProgress(t.db, learner, 'course-a').evaluated).toBe(false);
    } finally {
      second.close();
    }
  });
});
