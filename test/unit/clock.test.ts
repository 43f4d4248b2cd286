import { afterEach, describe, expect, it } from 'vitest';
import { clock, resetClock, setClock } from '~/lib/shared/clock';
import { hasMembership } from '~/lib/server/access';

afterEach(() => resetClock());

describe('clock', () => {
  it('reads the system time by default', () => {
    const before = Date.now();
    const t = clock.now();
    expect(t).toBeGreaterThanOrEqual(before);
    expect(t).toBeLessThanOrEqual(Date.now());
  });

  it('can be fixed, moved and restored by a test', () => {
    const restore = setClock(1_000);
    expect(clock.now()).toBe(1_000);
    let t = 5_000;
    setClock(() => t);
    t += 60_000;
    expect(clock.now()).toBe(65_000);
    restore();
    expect(Math.abs(clock.now() - Date.now())).toBeLessThan(1_000);
  });

  it('is what default `now` arguments read', () => {
    // Membership that ends at t=10,000 holds at t=9,999 and has lapsed at t=10,000.
    setClock(9_999);
    expect(hasMembership({ memberUntil: 10_000 })).toBe(true);
    setClock(10_000);
    expect(hasMembership({ memberUntil: 10_000 })).toBe(false);
  });
});
