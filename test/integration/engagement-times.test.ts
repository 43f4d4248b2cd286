import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { addUser, freshDb, type TestDb } from '../fixtures/db';
import { quizAttempts } from '../../db/schema';
import { learnerTimes, measuredTimes } from '~/lib/server/engagement';

const MIN = 60_000;
const T0 = Date.UTC(2026, 0, 5, 9);

let t: TestDb;
beforeAll(() => {
  t = freshDb();
});
afterAll(() => t.close());

const attempt = (userId: number, startedAt: number, submittedAt: number | null) =>
  t.db.insert(quizAttempts).values({ userId, course: 'times', questions: [], startedAt, submittedAt, passMark: 70 }).run();

describe('measured post-test times (issue 21: one learner read through their own index entries)', () => {
  it('count submitted attempts only, for one learner or for the whole course', () => {
    const a = addUser(t.db, 'times-a@x.test', 'A').id;
    const b = addUser(t.db, 'times-b@x.test', 'B').id;
    attempt(a, T0, T0 + 12 * MIN);
    attempt(a, T0 + 60 * MIN, null); // still open: no time yet
    attempt(b, T0, T0 + 7 * MIN);
    t.db.insert(quizAttempts).values({ userId: a, course: 'other', questions: [], startedAt: T0, submittedAt: T0 + 3 * MIN }).run();

    expect(learnerTimes(t.db, a, 'times', [])).toEqual([{ kind: 'post-test', id: 'post-test', ms: 12 * MIN }]);
    expect(measuredTimes(t.db, 'times', [], [a, b]).get(b)).toEqual([{ kind: 'post-test', id: 'post-test', ms: 7 * MIN }]);
    const all = measuredTimes(t.db, 'times', []);
    expect(all.get(a)).toEqual([{ kind: 'post-test', id: 'post-test', ms: 12 * MIN }]);
    expect(all.get(b)).toEqual([{ kind: 'post-test', id: 'post-test', ms: 7 * MIN }]);
  });

  it("one learner's attempts are read through the (user, course) index, not the course's", () => {
    const a = addUser(t.db, 'times-c@x.test', 'C').id;
    const prepare = vi.spyOn(t.db.$client, 'prepare');
    learnerTimes(t.db, a, 'times', []);
    const sql = prepare.mock.calls.map(([text]) => String(text)).find((text) => text.includes('"quiz_attempts"'));
    prepare.mockRestore();
    expect(sql).toBeDefined();
    // The statement as SQLite plans it, with any values in its placeholders (the plan does not depend on them).
    const params = Array.from(sql!.matchAll(/\?/g), () => 1);
    const plan = t.db.$client.prepare(`explain query plan ${sql}`).all(...params) as Array<{ detail: string }>;
    expect(plan.map((p) => p.detail).join('\n')).toContain('quiz_attempts_user_course_idx');
  });
});
