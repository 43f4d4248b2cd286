import { describe, expect, it } from 'vitest';
import { daysUntil, missingItems, planReminders, thresholdFor } from '~/lib/domain/reminders';

describe('license-cycle reminder scheduling', () => {
  // A cycle ending 31 January 2027. By hand: 1 Nov -> 1 Dec is 30 days, -> 1 Jan 31 more, -> 31 Jan 30 more: 91.
  it('counts whole days to the end of the cycle', () => {
    expect(daysUntil('2026-11-01', '2027-01-31')).toBe(91);
    expect(daysUntil('2026-11-02', '2027-01-31')).toBe(90);
    expect(daysUntil('2027-01-01', '2027-01-31')).toBe(30);
    expect(daysUntil('2027-01-31', '2027-01-31')).toBe(0);
    // Across the end of February in a leap year: 1 Feb -> 1 Mar 2028 is 29 days.
    expect(daysUntil('2028-02-01', '2028-03-01')).toBe(29);
  });

  it('sends the 90-day reminder from day 90, the 30-day one from day 30 to the last day, nothing outside', () => {
    expect(thresholdFor('2026-11-01', '2027-01-31')).toBeNull();
    expect(thresholdFor('2026-11-02', '2027-01-31')).toBe(90);
    expect(thresholdFor('2026-12-31', '2027-01-31')).toBe(90);
    expect(thresholdFor('2027-01-01', '2027-01-31')).toBe(30);
    expect(thresholdFor('2027-01-31', '2027-01-31')).toBe(30);
    expect(thresholdFor('2027-02-01', '2027-01-31')).toBeNull();
  });

  it('on 2 November 2026: who gets which message', () => {
    const plan = planReminders('2026-11-02', [
      { userId: 1, cycleEnd: '2027-01-31', missing: ['10.5 more CE hours'] }, // 90 days left: the 90-day reminder
      { userId: 2, cycleEnd: '2027-01-31', missing: [] }, // everything done: nothing
      { userId: 3, cycleEnd: '2026-12-02', missing: ['Infection control: not recorded'] }, // 30 days left: only the 30-day one
      { userId: 4, cycleEnd: '2027-02-01', missing: ['2 more CE hours'] }, // 91 days: not yet
      { userId: 5, cycleEnd: '2026-11-02', missing: ['1 more CE hour'] }, // last day: the 30-day one
    ]);
    expect(plan).toEqual([
      { userId: 1, threshold: 90, daysLeft: 90, cycleEnd: '2027-01-31', missing: ['10.5 more CE hours'], key: 'reminder:1:2027-01-31:90' },
      { userId: 3, threshold: 30, daysLeft: 30, cycleEnd: '2026-12-02', missing: ['Infection control: not recorded'], key: 'reminder:3:2026-12-02:30' },
      { userId: 5, threshold: 30, daysLeft: 0, cycleEnd: '2026-11-02', missing: ['1 more CE hour'], key: 'reminder:5:2026-11-02:30' },
    ]);
  });

  it('plans the same key every day of a window, so the outbox sends each threshold once per cycle', () => {
    const on = (day: string) => planReminders(day, [{ userId: 1, cycleEnd: '2027-01-31', missing: ['x'] }]).map((p) => p.key);
    expect(on('2026-11-02')).toEqual(['reminder:1:2027-01-31:90']);
    expect(on('2026-11-03')).toEqual(['reminder:1:2027-01-31:90']);
    expect(on('2027-01-01')).toEqual(['reminder:1:2027-01-31:30']);
    // The next cycle (ending 31 January 2029) has keys of its own.
    expect(planReminders('2028-11-02', [{ userId: 1, cycleEnd: '2029-01-31', missing: ['x'] }])[0]!.key).toBe('reminder:1:2029-01-31:90');
  });

  it('says exactly what is missing: hours left and each missing required topic', () => {
    const mandatory = [
      { topic: 'infection-control', label: 'Infection control', requiredCenti: 200, earnedCenti: 0, status: 'missing' as const, detail: '0 of 2 hours in this cycle.', source: 'x' },
      { topic: 'ethics', label: 'Ethics', requiredCenti: 100, earnedCenti: 100, status: 'met' as const, detail: 'done', source: 'x' },
      { topic: 'opioids', label: 'Opioids', requiredCenti: null, earnedCenti: 0, status: 'unknown' as const, detail: 'check', source: 'x' },
    ];
    expect(missingItems({ remainingCenti: 1050, mandatory })).toEqual(['10.5 more CE hours', 'Infection control: 0 of 2 hours in this cycle.']);
    expect(missingItems({ remainingCenti: 100, mandatory: [] })).toEqual(['1 more CE hour']);
    expect(missingItems({ remainingCenti: 25, mandatory: [] })).toEqual(['0.25 more CE hours']);
    expect(missingItems({ remainingCenti: 0, mandatory: [mandatory[1]!] })).toEqual([]);
  });
});
