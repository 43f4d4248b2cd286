/**
 * The shipped state files applied to members' records, per state and license type. Each expected
 * value is worked out by hand from the rule the file cites (quoted in the comments).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { cycleReport, type CeRecord, type CycleReport } from '~/lib/domain/ce-cycle';
import { licenceEntry, licensureSchema, rulesFor, type Licensure } from '~/lib/shared/schemas/licensure';

const state = (code: string): Licensure => licensureSchema.parse(parse(readFileSync(join(process.cwd(), 'content', 'licensure', `${code}.yaml`), 'utf8')));
const CA = state('ca');
const TX = state('tx');
const FL = state('fl');
const NY = state('ny');

let n = 0;
/** An outside course taken live, in person, coded 010 (basic sciences), unless told otherwise. */
function rec(date: string, hours: number, over: Partial<CeRecord> = {}): CeRecord {
  const format = over.format ?? 'live';
  return { id: `r${++n}`, date, hoursCenti: Math.round(hours * 100), agdCode: '010', source: 'external', format, selfStudy: format === 'self-study', ...over };
}
const selfStudy = (date: string, hours: number, over: Partial<CeRecord> = {}) => rec(date, hours, { format: 'self-study', ...over });

function report(s: Licensure, type: string, records: CeRecord[], member = { licenceExpiresOn: '2027-06-30' }, today = '2026-03-01'): CycleReport {
  const rules = rulesFor(s, type);
  if (!rules) throw new Error(`${s.state} has no rules for ${type}`);
  return cycleReport({ rules, member, today, records });
}
const topic = (r: CycleReport, t: string) => r.mandatory.find((m) => m.topic === t)!;
const notCounted = (r: CycleReport) => r.notCounted.map((x) => [x.hoursCenti, x.reason]);

describe('California', () => {
  it('lists every license the two boards issue CE rules for, with 16 CCR 1017 hours', () => {
    // 16 CCR 1017(c): dentists 50; RDH, RDA, DSA, OA, RDHEF, RDAEF 25; RDHAP 35.
    const hours = Object.fromEntries(Object.keys(CA.licenceTypes).map((t) => [t, rulesFor(CA, t)!.hoursPerCycle.hours]));
    expect(hours).toEqual({ dentist: 50, hygienist: 25, rdhef: 25, rdhap: 35, rda: 25, rdaef: 25, 'orthodontic-assistant': 25, 'dental-sedation-assistant': 25 });
  });

  it('an RDA: at most 12.5 units of home study or other non-live courses count', () => {
    // 10 + 5 self-study: the first 10 count, then 2.5 of the 5 (12.5 - 10); a live webinar is not self-study.
    const r = report(CA, 'rda', [selfStudy('2025-09-01', 10), selfStudy('2025-10-01', 5), rec('2025-11-01', 3, { format: 'live-online' })]);
    expect(r.earnedCenti).toBe(1250 + 300);
    expect(notCounted(r)).toEqual([[250, 'self-study-cap']]);
    expect(r.remainingCenti).toBe(2500 - 1550);
  });

  it('BLS counts at most 4 units and never online-only, not even as a live webinar', () => {
    const webinar = rec('2025-09-01', 3, { format: 'live-online', topics: ['bls'] });
    const inPerson = rec('2025-10-01', 5, { topics: ['bls'] });
    const r = report(CA, 'rda', [webinar, inPerson]);
    // Webinar: 0 of 3 (in person only). In person: 4 of 5 (cap 4).
    expect(notCounted(r)).toEqual([[300, 'category-in-person-only'], [100, 'category-cap']]);
    expect(r.earnedCenti).toBe(400);
    expect(topic(r, 'bls').status).toBe('met');
    expect(topic(report(CA, 'rda', [webinar]), 'bls').detail).toMatch(/only an in-person course counts/);
  });

  it('infection control and the Practice Act count only from a Board-approved provider', () => {
    const cerpOnly = rec('2025-09-01', 2, { topics: ['infection-control'], approvals: ['ada-cerp'] });
    const boardApproved = rec('2025-09-02', 2, { topics: ['infection-control'], approvals: ['state-board', 'agd-pace'] });
    const platform = selfStudy('2025-09-03', 2, { topics: ['dental-practice-act'], source: 'platform', approvals: ['ada-cerp', 'agd-pace'] });
    const before = report(CA, 'rda', [cerpOnly, platform]);
    expect(topic(before, 'infection-control')).toMatchObject({ status: 'missing', earnedCenti: 0 });
    expect(topic(before, 'infection-control').detail).toMatch(/registered with the state board/);
    expect(topic(before, 'dental-practice-act').status).toBe('missing');
    expect(topic(report(CA, 'rda', [cerpOnly, boardApproved]), 'infection-control')).toMatchObject({ status: 'met', earnedCenti: 200 });
    // The hours still count toward the 25 either way: the provider rule is the topic's, not the total's.
    expect(report(CA, 'rda', [cerpOnly]).earnedCenti).toBe(200);
  });

  it('a hygienist: non-live courses count for at most half of the 25 units, and the cycle ends in the birth month', () => {
    // 50% of 25 = 12.5. License expiring 30 June 2027, born in June: the cycle is 1 July 2025 to 30 June 2027.
    const r = report(CA, 'hygienist', [selfStudy('2025-08-01', 20)], { licenceExpiresOn: '2027-06-30', birthMonth: 6 } as never);
    expect(r.cycle).toEqual({ start: '2025-07-01', end: '2027-06-30', years: 2 });
    expect(r.earnedCenti).toBe(1250);
    expect(r.caps.find((c) => c.kind === 'self-study')!.limitCenti).toBe(1250);
  });

  it('only dentists need the 2 units on prescribing Schedule II opioids', () => {
    expect(rulesFor(CA, 'dentist')!.mandatoryTopics.map((t) => t.topic)).toContain('board-set-subject');
    expect(rulesFor(CA, 'rda')!.mandatoryTopics.map((t) => t.topic)).not.toContain('board-set-subject');
  });
});

describe('Texas', () => {
  it('a dentist: 16 of the 24 hours must be clinical; practice management and risk management are not', () => {
    // 22 TAC 104.1(2)(A). 10 h periodontics (490) is clinical; 6 h AGD 550 and 4 h risk management are not.
    const r = report(TX, 'dentist', [rec('2025-09-01', 10, { agdCode: '490' }), rec('2025-10-01', 6, { agdCode: '550' }), rec('2025-11-01', 4, { agdCode: '010', topics: ['risk-management'] })]);
    expect(r.earnedCenti).toBe(2000);
    expect(r.minimums).toEqual([expect.objectContaining({ id: 'clinical', requiredCenti: 1600, earnedCenti: 1000, met: false })]);
    const met = report(TX, 'dentist', [rec('2025-09-01', 16, { agdCode: '490' })]);
    expect(met.minimums[0]).toMatchObject({ earnedCenti: 1600, met: true });
  });

  it('a dentist: at most 8 hours of risk management and 8 of self-study', () => {
    // 104.1(2)(C) and (D): 10 h risk management -> 8; 6 + 6 h self-study -> 6 + 2.
    const r = report(TX, 'dentist', [rec('2025-09-01', 10, { topics: ['risk-management'] }), selfStudy('2025-10-01', 6, { agdCode: '490' }), selfStudy('2025-11-01', 6, { agdCode: '490' })]);
    expect(notCounted(r)).toEqual([[200, 'category-cap'], [400, 'self-study-cap']]);
    expect(r.earnedCenti).toBe(800 + 800);
  });

  it('a dentist needs 4 hours on pain management and opioids; a hygienist does not', () => {
    const r = report(TX, 'dentist', [rec('2025-09-01', 3, { topics: ['opioid-pain-management'] })]);
    expect(topic(r, 'opioid-pain-management')).toMatchObject({ status: 'missing', requiredCenti: 400, earnedCenti: 300 });
    expect(report(TX, 'hygienist', []).mandatory.map((m) => m.topic)).toEqual(['human-trafficking']);
  });

  it('an RDA: 12 hours every two years, at least 6 clinical, the human-trafficking course among them', () => {
    const r = report(TX, 'rda', [rec('2025-09-01', 5, { agdCode: '490' }), rec('2025-10-01', 1, { topics: ['human-trafficking'] }), selfStudy('2025-11-01', 6, { agdCode: '550' })]);
    // Self-study is allowed without a limit: all 12 hours count; clinical 5 of 6; the trafficking course is met.
    expect(r.earnedCenti).toBe(1200);
    expect(r.remainingCenti).toBe(0);
    expect(r.minimums[0]).toMatchObject({ requiredCenti: 600, earnedCenti: 500, met: false });
    expect(topic(r, 'human-trafficking').status).toBe('met');
  });
});

describe('Florida', () => {
  it('a dentist: the biennium ends 28 February of even years, whatever the license says', () => {
    const r = report(FL, 'dentist', [], { licenceExpiresOn: '2027-06-30' }, '2026-03-01');
    // 28 February even in the leap year 2028: the board's deadline is the 28th.
    expect(r.cycle).toEqual({ start: '2026-03-01', end: '2028-02-28', years: 2 });
  });

  it('a dentist: at most 3 hours of practice management (AGD 550) count', () => {
    // 466.0135(1)(c): 2 + 2 h coded 550 -> 2 + 1.
    const r = report(FL, 'dentist', [rec('2026-04-01', 2, { agdCode: '550' }), rec('2026-05-01', 2, { agdCode: '550' })]);
    expect(r.earnedCenti).toBe(300);
    expect(notCounted(r)).toEqual([[100, 'category-cap']]);
  });

  it('a dentist: domestic violence looks back six years; HIV/AIDS once, ever', () => {
    const r = report(FL, 'dentist', [rec('2022-03-01', 2, { topics: ['domestic-violence'] }), rec('2015-01-01', 2, { topics: ['hiv-aids'] })], { licenceExpiresOn: '2027-06-30' }, '2026-03-01');
    // Cycle end 2028-02-28; six years back from it is 2022-02-28, and 2022-03-01 is after it.
    expect(topic(r, 'domestic-violence').status).toBe('met');
    expect(topic(r, 'hiv-aids').status).toBe('met');
    expect(topic(r, 'prevention-of-medical-errors')).toMatchObject({ status: 'missing', requiredCenti: 200 });
  });

  it('a dental assistant is tracked by hours only, and says why', () => {
    const entry = licenceEntry(FL, 'dental-assistant')!;
    expect('hoursOnly' in entry && entry.notes).toMatch(/no CE requirement for dental assistants/);
    expect(rulesFor(FL, 'dental-assistant')).toBeUndefined();
  });
});

describe('New York', () => {
  it('a dentist: 60 hours in three years, at most 18 self-study, practice management not accepted', () => {
    const r = report(NY, 'dentist', [selfStudy('2025-01-01', 20, { agdCode: '490' }), rec('2025-02-01', 5, { agdCode: '550' })]);
    expect(r.requiredCenti).toBe(6000);
    expect(r.cycle.years).toBe(3);
    expect(notCounted(r)).toEqual([[200, 'self-study-cap'], [500, 'category-cap']]);
    expect(r.earnedCenti).toBe(1800);
  });

  it('a dentist: CPR counts only in person', () => {
    expect(topic(report(NY, 'dentist', [rec('2025-06-01', 4, { format: 'live-online', topics: ['cpr'] })]), 'cpr').status).toBe('unknown');
    expect(topic(report(NY, 'dentist', [rec('2025-06-01', 4, { topics: ['cpr'] })]), 'cpr').status).toBe('met');
  });

  it('a hygienist: 24 hours with at most 10 self-study; infection control every four years', () => {
    const r = report(NY, 'hygienist', [selfStudy('2025-01-01', 12), rec('2023-08-01', 2, { topics: ['infection-control'] })]);
    // 2023-08-01 is after 2023-06-30 (four years before the cycle end 2027-06-30): met; outside this cycle for hours.
    expect(r.earnedCenti).toBe(1000);
    expect(topic(r, 'infection-control').status).toBe('met');
  });

  it('a registered dental assistant is tracked by hours only', () => {
    expect(licenceEntry(NY, 'registered-dental-assistant')).toMatchObject({ hoursOnly: true });
  });
});
