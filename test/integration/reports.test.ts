import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { addUser, freshDb, type TestDb } from '../fixtures/db';
import { issueCertificate } from '~/lib/server/certificates';
import { roster, rosterPage, itemAnalysis, funnelCounts, matchingResponses, scorePercents, scoreBinCounts } from '~/lib/server/reports';
import { wrongPairings, type MatchingResponse } from '~/lib/domain/reports';
import { binsFromCounts, histogram } from '~/lib/domain/reports';
import { pointBiserial } from '~/lib/domain/quiz/stats';
import { sql } from 'drizzle-orm';
import { toCsv } from '~/lib/server/csv';
import { hashPassword } from '~/lib/server/password';
import { seedDemo } from '../../scripts/demo-data';

describe('report data', () => {
  let t: TestDb;
  const range = { from: 0, to: Date.now() + 86_400_000 };
  beforeAll(async () => {
    t = freshDb();
    await seedDemo(t.db, hashPassword);
  });
  afterAll(() => t.close());

  it('the funnel narrows step by step over the demo cohort', () => {
    const stages = funnelCounts(t.db, { course: 'sample-course', range, lessons: 3, simulations: [], hasQuiz: true, hasEvaluation: true });
    expect(stages.map((s) => s.id)).toEqual(['enrolled', 'lessons', 'quiz', 'evaluated', 'certified']);
    expect(stages[0]!.count).toBe(40);
    for (let i = 1; i < stages.length; i++) expect(stages[i]!.count).toBeLessThanOrEqual(stages[i - 1]!.count);
  });

  it('item analysis has one row per question seen, with difficulty between 0 and 1', () => {
    const items = itemAnalysis(t.db, 'sample-course', range);
    expect(items.length).toBeGreaterThan(0);
    for (const i of items) {
      expect(i.difficulty).toBeGreaterThanOrEqual(0);
      expect(i.difficulty).toBeLessThanOrEqual(1);
      if (i.discrimination !== null) expect(Math.abs(i.discrimination)).toBeLessThanOrEqual(1);
    }
    expect(scorePercents(t.db, 'sample-course', range).every((p) => p >= 0 && p <= 100)).toBe(true);
  });

  it('the trigger-kept sums give the same difficulty and discrimination as the raw responses', () => {
    const raw = t.db.all<{ q: string; correct: number; blank: number; rest: number | null }>(sql`
      select r.question_id as q, coalesce(r.correct, 0) as correct, (r.answer is null) as blank,
        case when a.max_score - r.max_points > 0 then (a.score - r.points) * 100.0 / (a.max_score - r.max_points) end as rest
      from quiz_attempts a join quiz_responses r on r.attempt_id = a.id where a.course = 'sample-course' and a.submitted_at is not null`);
    const byQ = new Map<string, typeof raw>();
    for (const x of raw) byQ.set(x.q, [...(byQ.get(x.q) ?? []), x]);
    const items = itemAnalysis(t.db, 'sample-course', range);
    expect(items.length).toBe(byQ.size);
    for (const item of items) {
      const rows = byQ.get(item.questionId)!;
      expect(item.attempts).toBe(rows.length);
      expect(item.difficulty).toBeCloseTo(rows.filter((r) => r.correct).length / rows.length, 10);
      const expected = pointBiserial(rows.filter((r) => r.rest !== null).map((r) => ({ x: (r.correct ? 1 : 0) as 0 | 1, rest: r.rest! })));
      if (expected === null) expect(item.discrimination).toBeNull();
      else expect(item.discrimination).toBeCloseTo(expected, 9);
    }
  });

  it('scores binned in SQL match the histogram of the raw percents', () => {
    expect(binsFromCounts(scoreBinCounts(t.db, 'sample-course', range))).toEqual(histogram(scorePercents(t.db, 'sample-course', range)));
  });

  it('the roster CSV keeps names with commas and quotes whole and defuses formulas', () => {
    const hostile = ['=HYPERLINK("http://evil.test","x")', '+1 555', '-2+3', '@SUM(A1:A2)', 'O\'Neill, "Jr."'];
    for (const [i, name] of hostile.entries()) {
      const u = addUser(t.db, `hostile${i}@x.test`, name);
      issueCertificate(t.db, {
        userId: u.id,
        course: 'csv-course',
        verifyBase: 'http://x',
        snapshot: {
          participant: { fullName: name, profession: 'other' },
          course: { id: 'csv-course', title: 'CSV, "quoted" course', ceHours: 1, format: 'self-instruction-online', agd: [{ code: '550', hours: 1 }] },
          provider: { name: 'P', adaCerpStatement: 'a', agdPaceStatement: 'b' },
          instructors: ['X'],
          completedOn: '2026-11-27',
        },
      });
    }
    const rows = roster(t.db, 'csv-course', range);
    const csv = toCsv(['participant', 'course'], rows.map((r) => [r.snapshot.participant.fullName, r.snapshot.course.title]));
    const back = parse(csv.replace(/^\uFEFF/, ''), { columns: true }) as Array<{ participant: string; course: string }>;
    expect(back.map((r) => r.participant)).toEqual([`'=HYPERLINK("http://evil.test","x")`, "'+1 555", "'-2+3", "'@SUM(A1:A2)", 'O\'Neill, "Jr."']);
    expect(back.every((r) => r.course === 'CSV, "quoted" course')).toBe(true);
  });

  it('wrong matching answers come with their attempt’s snapshot, so they read as the bank’s texts', () => {
    const rows = matchingResponses(t.db, 'customer-service', range, ['role-habits']);
    expect(rows.length).toBeGreaterThan(0);
    const parsed = rows.map((r) => ({ answer: JSON.parse(r.answer), ...JSON.parse(r.snapshot!) }) as MatchingResponse);
    const lefts = ['A patient walks in while the receptionist is on the phone', 'The assistant seats the patient before a long procedure', 'The dentist has found a cracked molar', 'A patient leaves a message about a confusing statement'];
    const rights = ['A smile and a raised finger within seconds', 'Say what comes next and roughly how long it takes', 'Sit at eye level and explain the options in everyday words', 'Return the call the same day'];
    const top = wrongPairings(parsed);
    expect(top.length).toBeGreaterThan(0);
    for (const p of top) {
      expect(lefts).toContain(p.left);
      // A wrong pairing never puts a left text against its own right text.
      expect(p.right).not.toBe(rights[lefts.indexOf(p.left)]);
    }
    expect(matchingResponses(t.db, 'customer-service', range, [])).toEqual([]);
  });

  it('roster rows carry the account email so namesakes can be told apart', () => {
    const rows = roster(t.db, 'csv-course', range);
    // Issued in the order of the test above, oldest first: hostile0 to hostile4.
    expect(rows.map((r) => r.email)).toEqual(['hostile0@x.test', 'hostile1@x.test', 'hostile2@x.test', 'hostile3@x.test', 'hostile4@x.test']);
  });

  it('the report page shows the roster a page at a time, newest first, while the CSV keeps every row', () => {
    // The five certificates of the test above, issued in this order.
    const names = (p: ReturnType<typeof rosterPage>) => p.rows.map((r) => r.snapshot.participant.fullName);
    const first = rosterPage(t.db, 'csv-course', range, 1, 2);
    expect({ total: first.total, pages: first.pages, page: first.page }).toEqual({ total: 5, pages: 3, page: 1 });
    expect(names(first)).toEqual(['O\'Neill, "Jr."', '@SUM(A1:A2)']);
    expect(names(rosterPage(t.db, 'csv-course', range, 2, 2))).toEqual(['-2+3', '+1 555']);
    expect(names(rosterPage(t.db, 'csv-course', range, 3, 2))).toEqual(['=HYPERLINK("http://evil.test","x")']);
    // Out-of-range or nonsense page numbers land on the nearest real page.
    expect(rosterPage(t.db, 'csv-course', range, 99, 2).page).toBe(3);
    expect(rosterPage(t.db, 'csv-course', range, Number.NaN, 2).page).toBe(1);
    expect(rosterPage(t.db, 'csv-course', range, -4, 2).page).toBe(1);
    expect(rosterPage(t.db, 'no-such-course', range, 1)).toMatchObject({ total: 0, pages: 1, page: 1, rows: [] });
    expect(roster(t.db, 'csv-course', range)).toHaveLength(5);
  });
});
