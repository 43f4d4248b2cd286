import { describe, expect, it } from 'vitest';
import { decide, humanWait, retryAfterSeconds, windowStart } from '~/lib/domain/rate-limit';

const MIN = 60_000;

describe('rate-limit arithmetic', () => {
  it('puts an instant in the fixed window that contains it', () => {
    expect(windowStart(0, 15 * MIN)).toBe(0);
    expect(windowStart(15 * MIN - 1, 15 * MIN)).toBe(0);
    expect(windowStart(15 * MIN, 15 * MIN)).toBe(15 * MIN);
    expect(windowStart(31 * MIN + 5, 15 * MIN)).toBe(30 * MIN);
  });

  it('allows up to the limit and refuses the next event', () => {
    const rule = { limit: 5, windowMs: 15 * MIN };
    expect(decide(1, rule, 0)).toMatchObject({ allowed: true, remaining: 4 });
    expect(decide(5, rule, 0)).toMatchObject({ allowed: true, remaining: 0 });
    expect(decide(6, rule, 0)).toMatchObject({ allowed: false, remaining: 0 });
  });

  it('says when the window ends, rounded up to whole seconds and never 0', () => {
    // 10 min 0.5 s into a 15-minute window: 4 min 59.5 s left -> 300 s.
    expect(retryAfterSeconds(10 * MIN + 500, 15 * MIN)).toBe(300);
    expect(retryAfterSeconds(15 * MIN - 1, 15 * MIN)).toBe(1);
    expect(retryAfterSeconds(0, 15 * MIN)).toBe(900);
  });

  it('words the wait for people', () => {
    expect(humanWait(1)).toBe('1 second');
    expect(humanWait(45)).toBe('45 seconds');
    expect(humanWait(61)).toBe('2 minutes');
    expect(humanWait(900)).toBe('15 minutes');
    expect(humanWait(3601)).toBe('2 hours');
  });
});
