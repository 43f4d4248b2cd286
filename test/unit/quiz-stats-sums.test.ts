import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { pointBiserial, pointBiserialFromSums } from '~/lib/domain/quiz/stats';

const sums = (data: Array<{ x: 0 | 1; rest: number }>) => ({
  n: data.length,
  n1: data.filter((d) => d.x === 1).length,
  sumY: data.reduce((s, d) => s + d.rest, 0),
  sumY1: data.filter((d) => d.x === 1).reduce((s, d) => s + d.rest, 0),
  sumY2: data.reduce((s, d) => s + d.rest * d.rest, 0),
});

describe('point-biserial from sums', () => {
  it('matches a hand-computed value', () => {
    // x = [1,1,0,0], rest = [80,60,40,20]: m = 50, s = √((900+100+100+900)/4) = √500 ≈ 22.3607,
    // m1 = 70, m0 = 30, p = 0.5: r = (40 / 22.3607) · 0.5 ≈ 0.8944.
    const data = [{ x: 1 as const, rest: 80 }, { x: 1 as const, rest: 60 }, { x: 0 as const, rest: 40 }, { x: 0 as const, rest: 20 }];
    expect(pointBiserialFromSums(sums(data))).toBeCloseTo(0.8944, 4);
  });

  it('is undefined without both correct and wrong answers, or without spread', () => {
    expect(pointBiserialFromSums({ n: 3, n1: 3, sumY: 150, sumY1: 150, sumY2: 7500 })).toBeNull();
    expect(pointBiserialFromSums({ n: 3, n1: 1, sumY: 150, sumY1: 50, sumY2: 7500 })).toBeNull();
  });

  it('agrees with the array version on any data', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ x: fc.constantFrom<0 | 1>(0, 1), rest: fc.integer({ min: 0, max: 100 }) }), { minLength: 2, maxLength: 60 }), (data) => {
        const a = pointBiserial(data);
        const b = pointBiserialFromSums(sums(data));
        if (a === null || b === null) return a === b || Math.abs((a ?? 0) - (b ?? 0)) < 1e-6;
        return Math.abs(a - b) < 1e-9;
      }),
      { numRuns: 300 },
    );
  });
});
