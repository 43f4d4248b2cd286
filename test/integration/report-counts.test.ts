import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { addUser, freshDb, type TestDb } from '../fixtures/db';
import { certificates, enrollments, evaluations, quizAttempts } from '../../db/schema';
import { courseSummary, evaluationRows, funnelCounts } from '~/lib/server/reports';
import { hashPassword } from '~/lib/server/password';
import { seedDemo } from '../../scripts/demo-data';

const DAY = 86_400_000;

describe('the demo seed stays in the past', () => {
  let t: TestDb;
  const now = Date.UTC(2026, 10, 29, 12);
  beforeAll(async () => {
    t = freshDb();
    await seedDemo(t.db, hashPassword, undefined, now);
  });
  afterAll(() => t.close());

  it('writes no record dated after now (expiry dates aside)', () => {
    const tables = t.db.all<{ name: string }>(sql`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%'`);
    const future: string[] = [];
    for (const { name } of tables) {
      const columns = t.db.all<{ name: string }>(sql.raw(`select name from pragma_table_info('${name}')`));
      for (const c of columns.filter((x) => /_at$|_on$/.test(x.name) && !/expires|until|next_/.test(x.name))) {
        const max = t.db.get<{ m: number | null }>(sql.raw(`select max("${c.name}") as m from "${name}" where typeof("${c.name}") = 'integer'`))?.m;
        if (max !== null && max !== undefined && max > now) future.push(`${name}.${c.name} = ${new Date(max).toISOString()}`);
      }
    }
    expect(future).toEqual([]);
  });

  it('course list, funnel and evaluation summary give the same certified and evaluated counts', () => {
    // A range ending 20 days ago cuts through the demo's stories, where the panels used to part ways.
    for (const range of [{ from: now - 365 * DAY, to: now }, { from: now - 365 * DAY, to: now - 20 * DAY }]) {
      for (const [course, lessons, simulations] of [['sample-course', 3, []], ['customer-service', 6, ['upset-caller']]] as const) {
        const list = courseSummary(t.db, course, range);
        const stages = funnelCounts(t.db, { course, range, lessons, simulations: [...simulations], hasQuiz: true, hasEvaluation: true });
        const stage = (id: string) => stages.find((s) => s.id === id)!.count;
        expect(list.enrolled).toBe(stage('enrolled'));
        expect(list.certified).toBe(stage('certified'));
        expect(evaluationRows(t.db, course, range)).toHaveLength(stage('evaluated'));
        expect(list.certified).toBeGreaterThan(0);
      }
    }
  });
});

describe('counts follow one cohort', () => {
  let t: TestDb;
  // The range is January 2026.
  const range = { from: Date.UTC(2026, 0, 1), to: Date.UTC(2026, 0, 31, 23, 59, 59, 999) };
  beforeAll(() => {
    t = freshDb();
    const add = (email: string, enrolledAt: number, doneAt: number | null) => {
      const u = addUser(t.db, email, email);
      t.db.insert(enrollments).values({ userId: u.id, course: 'c', enrolledAt }).run();
      if (doneAt === null) return;
      t.db.insert(quizAttempts).values({ userId: u.id, course: 'c', questions: [], passMark: 70, startedAt: doneAt - DAY, submittedAt: doneAt - DAY, score: 9, maxScore: 10, passed: true }).run();
      t.db.insert(evaluations).values({ userId: u.id, course: 'c', answers: {}, submittedAt: doneAt }).run();
      t.db.insert(certificates).values({ code: `code-${u.id}`, userId: u.id, course: 'c', snapshot: {}, issuedAt: doneAt }).run();
    };
    add('in-in@x.test', Date.UTC(2026, 0, 5), Date.UTC(2026, 0, 20)); // enrolled and certified in January
    add('before-in@x.test', Date.UTC(2025, 11, 20), Date.UTC(2026, 0, 3)); // enrolled in December: not in the cohort
    add('in-after@x.test', Date.UTC(2026, 0, 28), Date.UTC(2026, 1, 4)); // certified in February: not yet by the range's end
    add('in-none@x.test', Date.UTC(2026, 0, 10), null);
  });
  afterAll(() => t.close());

  it('counts the January cohort and what it had done by 31 January, on every panel', () => {
    const list = courseSummary(t.db, 'c', range);
    const stages = funnelCounts(t.db, { course: 'c', range, lessons: 0, simulations: [], hasQuiz: true, hasEvaluation: true });
    const stage = (id: string) => stages.find((s) => s.id === id)!.count;
    // Cohort: in-in, in-after, in-none (3). By 31 January only in-in had passed, evaluated and been certified.
    expect({ enrolled: list.enrolled, certified: list.certified, attempts: list.attempts }).toEqual({ enrolled: 3, certified: 1, attempts: 1 });
    expect([stage('enrolled'), stage('quiz'), stage('evaluated'), stage('certified')]).toEqual([3, 1, 1, 1]);
    expect(evaluationRows(t.db, 'c', range)).toHaveLength(1);
  });
});
