import { describe, expect, it } from 'vitest';
import { BACKOFF_MS, LEASE_MS, MAX_ATTEMPTS, backoffAfter, claim, isDue, settle, type OutboxState } from '~/lib/domain/outbox';

const MIN = 60_000;
const T = Date.UTC(2026, 10, 29, 9, 0, 0);
const queued = (over: Partial<OutboxState> = {}): OutboxState => ({ status: 'queued', attempts: 0, nextAttemptAt: T, leaseUntil: null, ...over });

describe('outbox state machine', () => {
  it('a queued message is due from its next-attempt time on, not before', () => {
    expect(isDue(queued(), T - 1)).toBe(false);
    expect(isDue(queued(), T)).toBe(true);
  });

  it('claiming counts an attempt and leases the message for five minutes', () => {
    expect(LEASE_MS).toBe(5 * MIN);
    expect(claim(queued(), T)).toEqual({ status: 'sending', attempts: 1, nextAttemptAt: T, leaseUntil: T + 5 * MIN });
  });

  it('a message being sent is not due until its lease runs out (its sender died)', () => {
    const sending = claim(queued(), T);
    expect(isDue(sending, T + 5 * MIN - 1)).toBe(false);
    expect(isDue(sending, T + 5 * MIN)).toBe(true);
    expect(claim(sending, T + 5 * MIN)).toEqual({ status: 'sending', attempts: 2, nextAttemptAt: T, leaseUntil: T + 10 * MIN });
  });

  it('sent and failed messages are never due again', () => {
    expect(isDue({ ...queued(), status: 'sent' }, T + 1e9)).toBe(false);
    expect(isDue({ ...queued(), status: 'failed' }, T + 1e9)).toBe(false);
    expect(() => claim({ ...queued(), status: 'sent' }, T)).toThrow(/not due/);
  });

  it('a delivered message is sent; a failure waits 1, 5, 30, 120, 360 then 720 minutes', () => {
    expect(settle(claim(queued(), T), { ok: true }, T + 1000)).toEqual({ status: 'sent', attempts: 1, nextAttemptAt: T, leaseUntil: null });
    expect(BACKOFF_MS.map((ms) => ms / MIN)).toEqual([1, 5, 30, 120, 360, 720]);
    let m = queued();
    let now = T;
    const waits: number[] = [];
    for (let i = 1; i < MAX_ATTEMPTS; i++) {
      m = settle(claim(m, now), { ok: false }, now);
      expect(m.status).toBe('queued');
      waits.push((m.nextAttemptAt - now) / MIN);
      now = m.nextAttemptAt;
    }
    expect(waits).toEqual([1, 5, 30, 120, 360, 720]);
    // The seventh failure is the last: 7 attempts over 1+5+30+120+360+720 = 1,236 minutes.
    expect(MAX_ATTEMPTS).toBe(7);
    expect(settle(claim(m, now), { ok: false }, now)).toMatchObject({ status: 'failed', attempts: 7, leaseUntil: null });
  });

  it('a sender dying during the last allowed attempt gives the message up instead of a 8th try', () => {
    const last = { status: 'sending' as const, attempts: 7, nextAttemptAt: T, leaseUntil: T };
    expect(claim(last, T)).toEqual({ status: 'failed', attempts: 7, nextAttemptAt: T, leaseUntil: null });
  });

  it('only a message being sent can be settled', () => {
    expect(() => settle(queued(), { ok: true }, T)).toThrow(/being sent/);
    expect(backoffAfter(0)).toBe(MIN);
    expect(backoffAfter(99)).toBe(720 * MIN);
  });
});
