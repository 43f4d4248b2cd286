import { describe, expect, it } from 'vitest';
import { quantile, timeReport } from '~/lib/domain/time-report';
import type { CoursePart } from '~/lib/domain/hours-estimate';

const MIN = 60_000;
const parts: CoursePart[] = [
  { kind: 'lesson', id: 'a', title: 'A', minutes: 10 },
  { kind: 'post-test', id: 'post-test', title: 'Post-test', minutes: 5 },
];

describe('time and credit report', () => {
  it('quartiles interpolate between order statistics', () => {
    // [1, 2, 3, 4]: positions 0.75, 1.5, 2.25.
    expect(quantile([1, 2, 3, 4], 0.25)).toBe(1.75);
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([1, 2, 3, 4], 0.75)).toBe(3.25);
    expect(quantile([], 0.5)).toBeNull();
  });

  it('gives median and IQR per part and in total, capped, and flags a median under 75 % of the claim', () => {
    const learners = [
      [{ kind: 'lesson' as const, id: 'a', ms: 8 * MIN }, { kind: 'post-test' as const, id: 'post-test', ms: 4 * MIN }],
      [{ kind: 'lesson' as const, id: 'a', ms: 12 * MIN }, { kind: 'post-test' as const, id: 'post-test', ms: 6 * MIN }],
      // Left open for 5 hours: counts as 3 × 10 = 30 minutes.
      [{ kind: 'lesson' as const, id: 'a', ms: 300 * MIN }, { kind: 'post-test' as const, id: 'post-test', ms: 5 * MIN }],
    ];
    const r = timeReport(parts, 0.5, learners);
    // Lesson: [8, 12, 30] → median 12, Q1 at position 0.5 = 10, Q3 at 1.5 = 21.
    expect(r.rows[0]).toMatchObject({ id: 'a', median: 12, q1: 10, q3: 21, estimateMinutes: 10 });
    // Post-test: [4, 5, 6] → 5, 4.5, 5.5.
    expect(r.rows[1]).toMatchObject({ median: 5, q1: 4.5, q3: 5.5 });
    // Totals: [12, 18, 35] → median 18; claimed 30 min; 18 < 22.5 → flagged.
    expect(r.rows[2]).toMatchObject({ kind: 'total', median: 18, q1: 15, q3: 26.5, estimateMinutes: 15 });
    expect(r).toMatchObject({ learners: 3, claimedMinutes: 30, flagged: true });
    // Claiming 0.25 h (15 min): 18 ≥ 11.25, not flagged.
    expect(timeReport(parts, 0.25, learners).flagged).toBe(false);
  });

  it('with no certified learners there is nothing to flag', () => {
    const r = timeReport(parts, 1, []);
    expect(r.rows[2]).toMatchObject({ median: null, q1: null, q3: null });
    expect(r.flagged).toBe(false);
  });
});
