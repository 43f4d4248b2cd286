import { describe, expect, it } from 'vitest';
import { CycleAnchorError, currentCycle, cycleReport, totalsByAgdCode, totalsByYear, type CeRecord, type CycleReport } from '~/lib/domain/ce-cycle';
import { licenceRulesSchema, type LicenceRules, type LicenceRulesInput } from '~/lib/shared/schemas/licensure';

const SRC = 'https://example.org/rule';

/** Rules parsed through the real schema, so defaults and validation match the content files. */
function rules(over: Partial<LicenceRulesInput> = {}): LicenceRules {
  return licenceRulesSchema.parse({
    label: 'Dentist',
    hoursPerCycle: { hours: 24, source: SRC },
    cycle: { years: 2, anchor: { kind: 'licence-expiry' }, source: SRC },
    ...over,
  });
}

const fixedFeb28Even = rules({ hoursPerCycle: { hours: 30, source: SRC }, cycle: { years: 2, anchor: { kind: 'fixed-date', month: 2, day: 28, endYearRemainder: 0 }, source: SRC } });

let n = 0;
function rec(date: string, hoursCenti: number, over: Partial<CeRecord> = {}): CeRecord {
  return { id: `r${++n}`, date, hoursCenti, agdCode: '010', selfStudy: false, source: 'external', ...over };
}

const countedOf = (r: CycleReport, id: string | undefined) => r.counted.find((c) => c.record.id === id)?.countedCenti;

describe('cycle boundaries', () => {
  describe('fixed date: 28 February of even years (2-year cycle)', () => {
    it('places a mid-cycle day', () => {
      // 2025 is odd, so the next even year is 2026: end 2026-02-28; previous end 2024-02-28, so start is the day after.
      // 2024 is a leap year, so the day after 28 Feb is 29 Feb.
      expect(currentCycle(fixedFeb28Even, {}, '2025-06-15')).toEqual({ start: '2024-02-29', end: '2026-02-28', years: 2 });
    });

    it('keeps the end date inside the cycle and starts the next cycle the day after', () => {
      expect(currentCycle(fixedFeb28Even, {}, '2026-02-28')).toEqual({ start: '2024-02-29', end: '2026-02-28', years: 2 });
      // 2026 is not a leap year: 28 Feb -> 1 Mar; the next end is 28 Feb 2028.
      expect(currentCycle(fixedFeb28Even, {}, '2026-03-01')).toEqual({ start: '2026-03-01', end: '2028-02-28', years: 2 });
    });

    it('puts 29 February of a leap renewal year into the next cycle', () => {
      // 2024-02-28 is the last day of the 2022-2024 cycle (start: day after 2022-02-28 = 2022-03-01).
      expect(currentCycle(fixedFeb28Even, {}, '2024-02-28')).toEqual({ start: '2022-03-01', end: '2024-02-28', years: 2 });
      expect(currentCycle(fixedFeb28Even, {}, '2024-02-29')).toEqual({ start: '2024-02-29', end: '2026-02-28', years: 2 });
    });

    it('handles the turn of a century (2100 is not a leap year)', () => {
      // End 2100-02-28; previous end 2098-02-28 -> start 2098-03-01; the cycle after starts 2100-03-01.
      expect(currentCycle(fixedFeb28Even, {}, '2099-12-31')).toEqual({ start: '2098-03-01', end: '2100-02-28', years: 2 });
      expect(currentCycle(fixedFeb28Even, {}, '2100-03-01')).toEqual({ start: '2100-03-01', end: '2102-02-28', years: 2 });
    });
  });

  describe("license expiry: the date on the member's license", () => {
    const r = rules();

    it('projects a future expiry back to the current cycle', () => {
      // Expiry 2027-09-30, 2-year cycle: cycles end 30 Sep of odd years. On 2026-05-10 the next end is 2027-09-30;
      // the previous is 2025-09-30, so the cycle starts 2025-10-01.
      expect(currentCycle(r, { licenceExpiresOn: '2027-09-30' }, '2026-05-10')).toEqual({ start: '2025-10-01', end: '2027-09-30', years: 2 });
    });

    it('projects a past expiry forward, boundary day included', () => {
      // Same license, given with an older expiry (2023-09-30): on 2025-09-30 the cycle is 2023-10-01..2025-09-30.
      expect(currentCycle(r, { licenceExpiresOn: '2023-09-30' }, '2025-09-30')).toEqual({ start: '2023-10-01', end: '2025-09-30', years: 2 });
      expect(currentCycle(r, { licenceExpiresOn: '2023-09-30' }, '2025-10-01')).toEqual({ start: '2025-10-01', end: '2027-09-30', years: 2 });
    });

    it('moves a 29 February expiry to 28 February in common years', () => {
      // Expiry 2024-02-29: in 2026 the end is 28 Feb (no 29th); the previous end 2024-02-29 -> start 2024-03-01.
      expect(currentCycle(r, { licenceExpiresOn: '2024-02-29' }, '2025-01-10')).toEqual({ start: '2024-03-01', end: '2026-02-28', years: 2 });
      // In 2028 (leap) the end is 29 Feb again; start the day after 2026-02-28 = 2026-03-01.
      expect(currentCycle(r, { licenceExpiresOn: '2024-02-29' }, '2026-03-01')).toEqual({ start: '2026-03-01', end: '2028-02-29', years: 2 });
    });

    it('handles three-year cycles', () => {
      // Expiry 2027-06-30, 3 years: ends in years ≡ 2027 (mod 3). From 2026-01-01 that is 2027; previous end 2024-06-30.
      const tri = rules({ cycle: { years: 3, anchor: { kind: 'licence-expiry' }, source: SRC } });
      expect(currentCycle(tri, { licenceExpiresOn: '2027-06-30' }, '2026-01-01')).toEqual({ start: '2024-07-01', end: '2027-06-30', years: 3 });
      expect(currentCycle(tri, { licenceExpiresOn: '2027-06-30' }, '2027-07-01')).toEqual({ start: '2027-07-01', end: '2030-06-30', years: 3 });
    });

    it('needs the expiry date', () => {
      expect(() => currentCycle(r, {}, '2026-01-01')).toThrow(CycleAnchorError);
    });
  });

  describe('birth month', () => {
    it('ends on the last day of the birth month in the rule’s years', () => {
      // Odd years (remainder 1), born in February: from 2026-07-01 the next end is the last day of Feb 2027 = 2027-02-28;
      // the previous end 2025-02-28 -> start 2025-03-01.
      const odd = rules({ cycle: { years: 2, anchor: { kind: 'birth-month', endYearRemainder: 1 }, source: SRC } });
      expect(currentCycle(odd, { birthMonth: 2 }, '2026-07-01')).toEqual({ start: '2025-03-01', end: '2027-02-28', years: 2 });
    });

    it('ends on 29 February in leap years', () => {
      // Even years, February: the 2028 end is 2028-02-29 (leap); previous end 2026-02-28 -> start 2026-03-01.
      const even = rules({ cycle: { years: 2, anchor: { kind: 'birth-month', endYearRemainder: 0 }, source: SRC } });
      expect(currentCycle(even, { birthMonth: 2 }, '2027-01-15')).toEqual({ start: '2026-03-01', end: '2028-02-29', years: 2 });
      expect(currentCycle(even, { birthMonth: 2 }, '2028-02-29')).toEqual({ start: '2026-03-01', end: '2028-02-29', years: 2 });
      expect(currentCycle(even, { birthMonth: 2 }, '2028-03-01')).toEqual({ start: '2028-03-01', end: '2030-02-28', years: 2 });
    });

    it("takes the end year from the member's license when the rule has none", () => {
      // Born in July, license expiring 2025-07-31: ends in odd years. From 2026-01-01: 2027-07-31, start 2025-08-01.
      const anyYear = rules({ cycle: { years: 2, anchor: { kind: 'birth-month' }, source: SRC } });
      expect(currentCycle(anyYear, { birthMonth: 7, licenceExpiresOn: '2025-07-31' }, '2026-01-01')).toEqual({ start: '2025-08-01', end: '2027-07-31', years: 2 });
      expect(() => currentCycle(anyYear, { birthMonth: 7 }, '2026-01-01')).toThrow(CycleAnchorError);
      expect(() => currentCycle(anyYear, {}, '2026-01-01')).toThrow(/birth month/);
    });
  });

  it('refuses dates that do not exist', () => {
    expect(() => currentCycle(fixedFeb28Even, {}, '2025-02-29')).toThrow(RangeError);
    expect(() => currentCycle(fixedFeb28Even, {}, '2025-6-1')).toThrow(RangeError);
  });
});

describe('counting hours', () => {
  const expiry = { licenceExpiresOn: '2027-09-30' };
  const today = '2026-05-10'; // cycle 2025-10-01 .. 2027-09-30 (see above)

  it('counts external and platform hours inside the cycle and nothing outside it', () => {
    const before = rec('2025-09-30', 300); // last day of the previous cycle
    const first = rec('2025-10-01', 150, { source: 'platform' }); // first day of this cycle
    const ext = rec('2026-03-03', 275);
    const last = rec('2027-09-30', 100, { source: 'platform' }); // last day of this cycle
    const after = rec('2027-10-01', 500);
    const report = cycleReport({ rules: rules(), member: expiry, today, records: [after, ext, before, last, first] });
    // Counted: 150 + 275 + 100 = 525 of 2400; remaining 1875; percent floor(525·100/2400) = floor(21.875) = 21.
    expect(report.earnedCenti).toBe(525);
    expect(report.remainingCenti).toBe(1875);
    expect(report.percent).toBe(21);
    expect(report.counted.map((c) => c.record.id)).toEqual([first.id, ext.id, last.id]);
    expect(report.notCounted).toEqual([
      { record: before, hoursCenti: 300, reason: 'outside-cycle' },
      { record: after, hoursCenti: 500, reason: 'outside-cycle' },
    ]);
    expect(report.notCountedCenti).toBe(800);
  });

  it('adds hundredths without drift', () => {
    // Ten records of 0.1 h = 10 hundredths each: exactly 100, where 0.1 added ten times in floats is 0.9999999999999999.
    const report = cycleReport({ rules: rules(), member: expiry, today, records: Array.from({ length: 10 }, () => rec('2026-01-01', 10)) });
    expect(report.earnedCenti).toBe(100);
    expect(() => cycleReport({ rules: rules(), member: expiry, today, records: [rec('2026-01-01', 1.5)] })).toThrow(/hundredths/);
    expect(() => cycleReport({ rules: rules(), member: expiry, today, records: [rec('2026-01-01', -100)] })).toThrow(RangeError);
  });

  it('applies a self-study cap in hours, oldest first', () => {
    const r = rules({ selfStudy: { maxHours: 8, source: SRC } });
    const a = rec('2025-11-01', 500, { selfStudy: true });
    const b = rec('2026-01-10', 500, { selfStudy: true, source: 'platform' });
    const c = rec('2026-02-01', 600);
    const report = cycleReport({ rules: r, member: expiry, today, records: [c, b, a] });
    // a: 5 h self-study (used 5 of 8). b: 5 h, only 3 left -> 3 count, 2 over the cap. c: live, 6 h.
    // Earned 5 + 3 + 6 = 14 h = 1400; remaining 2400 − 1400 = 1000; percent floor(1400·100/2400) = floor(58.33) = 58.
    expect(countedOf(report, a.id)).toBe(500);
    expect(countedOf(report, b.id)).toBe(300);
    expect(countedOf(report, c.id)).toBe(600);
    expect(report.notCounted).toEqual([{ record: b, hoursCenti: 200, reason: 'self-study-cap' }]);
    expect(report.earnedCenti).toBe(1400);
    expect(report.remainingCenti).toBe(1000);
    expect(report.percent).toBe(58);
    expect(report.caps).toEqual([{ kind: 'self-study', id: 'self-study', label: 'Self-study', limitCenti: 800, usedCenti: 800 }]);
  });

  it('gives the same totals whatever order the records arrive in', () => {
    const r = rules({ selfStudy: { maxHours: 8, source: SRC } });
    const recs = [rec('2025-11-01', 500, { selfStudy: true }), rec('2026-01-10', 500, { selfStudy: true }), rec('2026-02-01', 600)];
    const a = cycleReport({ rules: r, member: expiry, today, records: recs });
    const b = cycleReport({ rules: r, member: expiry, today, records: [...recs].reverse() });
    expect(b.earnedCenti).toBe(a.earnedCenti);
    expect(b.notCounted).toEqual(a.notCounted);
  });

  it('applies a self-study share of the hours required (and of a member override)', () => {
    // 50% of 50 h = 25 h = 2500. With a member override of 30 h: floor(3000 · 50 / 100) = 1500.
    const r = rules({ hoursPerCycle: { hours: 50, source: SRC }, selfStudy: { maxPercent: 50, source: SRC } });
    const big = rec('2026-01-01', 4000, { selfStudy: true });
    const normal = cycleReport({ rules: r, member: expiry, today, records: [big] });
    expect(normal.earnedCenti).toBe(2500);
    expect(normal.notCounted).toEqual([{ record: big, hoursCenti: 1500, reason: 'self-study-cap' }]);
    const overridden = cycleReport({ rules: r, member: { ...expiry, hoursPerCycleCenti: 3000 }, today, records: [big] });
    expect(overridden.requiredCenti).toBe(3000);
    expect(overridden.requiredFrom).toBe('member');
    expect(overridden.earnedCenti).toBe(1500);
    // Earned 1500 of 3000: 50%, 1500 remaining.
    expect(overridden.percent).toBe(50);
    expect(overridden.remainingCenti).toBe(1500);
  });

  it('caps a category matched by AGD code (practice management, AGD 550)', () => {
    const r = rules({
      hoursPerCycle: { hours: 30, source: SRC },
      cycle: { years: 2, anchor: { kind: 'fixed-date', month: 2, day: 28, endYearRemainder: 0 }, source: SRC },
      categoryCaps: [{ id: 'practice-management', label: 'Practice management', agdCodes: ['550'], topics: ['practice-management'], maxHours: 3, source: SRC }],
    });
    const service = rec('2025-05-01', 200, { agdCode: '550', selfStudy: true, source: 'platform' });
    const coding = rec('2025-09-01', 450, { agdCode: '550', selfStudy: true, source: 'platform' });
    const perio = rec('2025-10-01', 300, { agdCode: '490' });
    const tagged = rec('2025-11-01', 100, { agdCode: '770', topics: ['practice-management'] });
    const report = cycleReport({ rules: r, member: {}, today: '2025-12-01', records: [perio, coding, service, tagged] });
    // Cycle 2024-02-29..2026-02-28. PM cap 3 h: service 2 h (1 left), coding 4.5 h -> 1 counts, 3.5 over;
    // tagged 770 record is PM by topic, cap already full -> 0 counts. Perio 3 h counts.
    // Earned 2 + 1 + 3 = 6 h = 600 of 3000: 20%, 2400 remaining.
    expect(countedOf(report, service.id)).toBe(200);
    expect(countedOf(report, coding.id)).toBe(100);
    expect(countedOf(report, perio.id)).toBe(300);
    expect(countedOf(report, tagged.id)).toBeUndefined();
    expect(report.notCounted).toEqual([
      { record: coding, hoursCenti: 350, reason: 'category-cap', capId: 'practice-management' },
      { record: tagged, hoursCenti: 100, reason: 'category-cap', capId: 'practice-management' },
    ]);
    expect(report.earnedCenti).toBe(600);
    expect(report.percent).toBe(20);
    expect(report.remainingCenti).toBe(2400);
    expect(report.caps[0]).toMatchObject({ id: 'practice-management', limitCenti: 300, usedCenti: 300 });
  });

  it('counts nothing of a category the board does not accept (cap 0)', () => {
    const r = rules({ categoryCaps: [{ id: 'pm', label: 'Practice management', agdCodes: ['550'], maxHours: 0, source: SRC }] });
    const pm = rec('2026-01-01', 200, { agdCode: '550' });
    const report = cycleReport({ rules: r, member: expiry, today, records: [pm] });
    expect(report.earnedCenti).toBe(0);
    expect(report.notCounted).toEqual([{ record: pm, hoursCenti: 200, reason: 'category-cap', capId: 'pm' }]);
  });

  it('refuses self-study in a live-only category and caps the live hours', () => {
    const r = rules({ categoryCaps: [{ id: 'bls', label: 'BLS', topics: ['bls'], maxHours: 4, selfStudyAccepted: false, source: SRC }] });
    const online = rec('2026-01-01', 200, { topics: ['bls'], selfStudy: true });
    const live = rec('2026-02-01', 500, { topics: ['bls'] });
    const report = cycleReport({ rules: r, member: expiry, today, records: [online, live] });
    // Online BLS: 0 of 2 h. Live BLS: 4 of 5 h (cap 4), 1 h over.
    expect(report.earnedCenti).toBe(400);
    expect(report.notCounted).toEqual([
      { record: online, hoursCenti: 200, reason: 'category-excludes-self-study', capId: 'bls' },
      { record: live, hoursCenti: 100, reason: 'category-cap', capId: 'bls' },
    ]);
  });

  it('applies a per-day cap', () => {
    const r = rules({ maxHoursPerDay: { hours: 8, source: SRC } });
    const morning = rec('2026-01-01', 500);
    const evening = rec('2026-01-01', 400);
    const next = rec('2026-01-02', 800);
    const report = cycleReport({ rules: r, member: expiry, today, records: [morning, evening, next] });
    // 1 Jan: 5 + 4 = 9 h, only 8 count -> 1 h over on the second record. 2 Jan: 8 h. Earned 16 h.
    expect(report.earnedCenti).toBe(1600);
    expect(report.notCounted).toEqual([{ record: evening, hoursCenti: 100, reason: 'daily-cap' }]);
  });

  it('stacks caps: a record over two caps is split by reason', () => {
    const r = rules({
      selfStudy: { maxHours: 8, source: SRC },
      categoryCaps: [{ id: 'pm', label: 'PM', agdCodes: ['550'], maxHours: 3, source: SRC }],
    });
    const s1 = rec('2025-12-01', 700, { selfStudy: true, agdCode: '490' });
    const s2 = rec('2026-01-01', 400, { selfStudy: true, agdCode: '550' });
    const report = cycleReport({ rules: r, member: expiry, today, records: [s1, s2] });
    // s1: 7 h self-study (1 left). s2: 4 h PM self-study: PM cap keeps 3 (1 over), self-study keeps 1 of those 3 (2 over).
    expect(report.earnedCenti).toBe(800);
    expect(report.notCounted).toEqual([
      { record: s2, hoursCenti: 100, reason: 'category-cap', capId: 'pm' },
      { record: s2, hoursCenti: 200, reason: 'self-study-cap' },
    ]);
  });

  it('lets hours exceed the requirement but never shows more than 100% or a negative remainder', () => {
    const report = cycleReport({ rules: rules(), member: expiry, today, records: [rec('2026-01-01', 3000)] });
    expect(report.earnedCenti).toBe(3000);
    expect(report.remainingCenti).toBe(0);
    expect(report.percent).toBe(100);
  });

  it('rounds the percent down so nearly done never reads as done', () => {
    // 2399 of 2400 = 99.958% -> 99.
    expect(cycleReport({ rules: rules(), member: expiry, today, records: [rec('2026-01-01', 2399)] }).percent).toBe(99);
  });

  it('accepts a member override of 0 hours (an exempt cycle)', () => {
    const report = cycleReport({ rules: rules(), member: { ...expiry, hoursPerCycleCenti: 0 }, today, records: [] });
    expect(report).toMatchObject({ requiredCenti: 0, requiredFrom: 'member', earnedCenti: 0, remainingCenti: 0, percent: 100 });
    expect(() => cycleReport({ rules: rules(), member: { ...expiry, hoursPerCycleCenti: 12.5 }, today, records: [] })).toThrow(RangeError);
  });
});

describe('mandatory topics', () => {
  const expiry = { licenceExpiresOn: '2027-09-30' };
  const today = '2026-05-10'; // cycle 2025-10-01 .. 2027-09-30
  const topicRules = rules({
    mandatoryTopics: [
      { topic: 'infection-control', label: 'Infection control', hours: 2, recurrence: 'every-cycle', boardApprovedProviderOnly: true, source: SRC },
      { topic: 'child-abuse', label: 'Child abuse', recurrence: { everyYears: 4 }, source: SRC },
      { topic: 'ethics-jurisprudence', label: 'Ethics', recurrence: 'once', source: SRC },
      { topic: 'cpr', label: 'CPR', recurrence: 'unspecified', selfStudyAccepted: false, source: SRC },
    ],
  });
  const statusOf = (r: CycleReport, topic: string) => r.mandatory.find((m) => m.topic === topic);

  it('reports every topic missing or unknown with no records', () => {
    const report = cycleReport({ rules: topicRules, member: expiry, today, records: [] });
    expect(report.mandatory.map((m) => [m.topic, m.status])).toEqual([
      ['infection-control', 'missing'],
      ['child-abuse', 'missing'],
      ['ethics-jurisprudence', 'missing'],
      // The source does not say how often CPR is due: we cannot call it missing.
      ['cpr', 'unknown'],
    ]);
    expect(statusOf(report, 'infection-control')).toMatchObject({ requiredCenti: 200, earnedCenti: 0, detail: '0 h of 2 h in this cycle.' });
  });

  it('meets topics with the right records and explains refused ones', () => {
    const records = [
      // Platform course on infection control: refused (board-registered provider only); 1.5 h external: not enough alone.
      rec('2026-01-01', 200, { topics: ['infection-control'], source: 'platform', selfStudy: true }),
      rec('2026-02-01', 150, { topics: ['infection-control'], approvals: ['state-board'] }),
      // Child abuse every 4 years up to 2027-09-30: window starts 2023-10-01, so 2023-10-01 counts.
      rec('2023-10-01', 200, { topics: ['child-abuse'] }),
      // Ethics once, years ago: counts; it is outside the cycle for hours.
      rec('2012-05-05', 300, { topics: ['ethics-jurisprudence'] }),
      // Online CPR is refused (live only).
      rec('2026-03-01', 100, { topics: ['cpr'], selfStudy: true }),
    ];
    const report = cycleReport({ rules: topicRules, member: expiry, today, records });
    expect(statusOf(report, 'infection-control')).toMatchObject({ status: 'missing', earnedCenti: 150 });
    expect(statusOf(report, 'infection-control')!.detail).toMatch(/registered with the state board/);
    expect(statusOf(report, 'child-abuse')).toMatchObject({ status: 'met', requiredCenti: null, earnedCenti: 200 });
    expect(statusOf(report, 'ethics-jurisprudence')).toMatchObject({ status: 'met' });
    expect(statusOf(report, 'cpr')).toMatchObject({ status: 'unknown', earnedCenti: 0 });
    expect(statusOf(report, 'cpr')!.detail).toMatch(/must be taken live/);

    // 0.5 h more external infection control makes 1.5 + 0.5 = 2 h: met. Live CPR in the cycle: met.
    const more = cycleReport({
      rules: topicRules,
      member: expiry,
      today,
      records: [...records, rec('2026-04-01', 50, { topics: ['infection-control'], approvals: ['state-board'] }), rec('2026-04-02', 100, { topics: ['cpr'] })],
    });
    expect(statusOf(more, 'infection-control')).toMatchObject({ status: 'met', earnedCenti: 200, detail: '2 h of 2 h in this cycle.' });
    expect(statusOf(more, 'cpr')).toMatchObject({ status: 'met' });
  });

  it('draws the every-N-years window exactly', () => {
    // 4 years before 2027-09-30 is 2023-09-30; the window starts the day after, so 2023-09-30 is too old.
    const report = cycleReport({ rules: topicRules, member: expiry, today, records: [rec('2023-09-30', 200, { topics: ['child-abuse'] })] });
    expect(statusOf(report, 'child-abuse')!.status).toBe('missing');
  });

  it('counts a 0-hour assessment as done', () => {
    const r = rules({ mandatoryTopics: [{ topic: 'jurisprudence-assessment', label: 'Jurisprudence assessment', recurrence: { everyYears: 4 }, source: SRC }] });
    const report = cycleReport({ rules: r, member: expiry, today, records: [rec('2026-01-01', 0, { topics: ['jurisprudence-assessment'] })] });
    expect(report.mandatory[0]).toMatchObject({ status: 'met', earnedCenti: 0 });
    expect(report.earnedCenti).toBe(0);
  });
});

describe('transcript totals', () => {
  const records = [
    rec('2024-03-01', 150, { agdCode: '550' }),
    rec('2024-12-31', 25, { agdCode: '550' }),
    rec('2025-01-01', 300, { agdCode: '490' }),
    rec('2025-06-01', 75, { agdCode: '010' }),
    rec('2025-06-02', 0, { agdCode: '550' }),
  ];

  it('totals by AGD code, codes in order', () => {
    // 010: 75. 490: 300. 550: 150 + 25 + 0 = 175.
    expect(totalsByAgdCode(records)).toEqual([
      { agdCode: '010', hoursCenti: 75 },
      { agdCode: '490', hoursCenti: 300 },
      { agdCode: '550', hoursCenti: 175 },
    ]);
  });

  it('totals by year, 31 December and 1 January on their own sides', () => {
    // 2024: 150 + 25 = 175. 2025: 300 + 75 + 0 = 375.
    expect(totalsByYear(records)).toEqual([
      { year: 2024, hoursCenti: 175 },
      { year: 2025, hoursCenti: 375 },
    ]);
  });

  it('is empty for no records and refuses fractional hundredths', () => {
    expect(totalsByAgdCode([])).toEqual([]);
    expect(totalsByYear([])).toEqual([]);
    expect(() => totalsByYear([{ date: '2025-01-01', hoursCenti: 0.5 }])).toThrow(RangeError);
  });
});

describe('a minimum of one kind of course (Texas: 16 clinical hours of 24)', () => {
  const expiry = { licenceExpiresOn: '2027-09-30' };
  const today = '2026-05-10';
  const clinical = rules({
    categoryCaps: [{ id: 'pm', label: 'Practice management', agdCodes: ['550'], maxHours: 8, source: SRC }],
    categoryMinimums: [{ id: 'clinical', label: 'Clinical', minHours: 16, excludeAgdCodes: ['550', '770'], excludeTopics: ['risk-management'], source: SRC }],
  });

  it('counts only coded, non-excluded hours that count at all', () => {
    const records = [
      rec('2026-01-10', 600, { agdCode: '490' }), // periodontics: clinical
      rec('2026-01-11', 1000, { agdCode: '550' }), // practice management: 800 count (cap 8 h), none clinical
      rec('2026-01-12', 300, { agdCode: '770' }), // self-improvement: not clinical
      rec('2026-01-13', 200, { agdCode: '010', topics: ['risk-management'] }), // excluded by topic
      rec('2026-01-14', 500, { agdCode: '' }), // no AGD code: not known to be clinical
      rec('2026-01-15', 400, { agdCode: '070' }), // endodontics: clinical
    ];
    const report = cycleReport({ rules: clinical, member: expiry, today, records });
    // Clinical: 600 + 400 = 1000 of 1600 required.
    expect(report.minimums).toEqual([{ id: 'clinical', label: 'Clinical', requiredCenti: 1600, earnedCenti: 1000, met: false, source: SRC }]);
    // Total counted: 600 + 800 + 300 + 200 + 500 + 400 = 2800, over the 2400 required, but the minimum is still not met.
    expect(report.earnedCenti).toBe(2800);
    expect(report.remainingCenti).toBe(0);
  });

  it('is met at exactly the minimum', () => {
    const report = cycleReport({ rules: clinical, member: expiry, today, records: [rec('2026-02-01', 1600, { agdCode: '250' })] });
    expect(report.minimums[0]).toMatchObject({ earnedCenti: 1600, met: true });
  });
});
