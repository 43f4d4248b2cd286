/**
 * The outbox state machine, as pure functions so the rules are unit-tested without a database:
 *
 *   queued --claim--> sending --delivered--> sent
 *                        |  \--failed, attempts left--> queued (not before now + back-off)
 *                        |  \--failed, none left------> failed
 *                        \--lease expired (sender died)--> claimable again, like queued
 *
 * A message is claimed with a lease; a sender that dies mid-send leaves the lease to run out and
 * the next sender retries it. Every claim counts as an attempt, so a message that keeps killing
 * its sender also ends as `failed` instead of looping forever.
 */
/** The same four values as the `status` column of `mail_outbox`. */
export type MailStatus = 'queued' | 'sending' | 'sent' | 'failed';

const MIN = 60_000;

/** Waits after the 1st, 2nd, ... failed attempt: about 1 min, 5 min, 30 min, 2 h, 6 h, 12 h. */
export const BACKOFF_MS = [1 * MIN, 5 * MIN, 30 * MIN, 120 * MIN, 360 * MIN, 720 * MIN] as const;
/** After this many attempts a message is given up as `failed` (about 21 hours of trying). */
export const MAX_ATTEMPTS = BACKOFF_MS.length + 1;
/** How long a claim holds: longer than any SMTP exchange (nodemailer's own timeouts are 2 minutes). */
export const LEASE_MS = 5 * MIN;

export interface OutboxState {
  status: MailStatus;
  attempts: number;
  nextAttemptAt: number;
  leaseUntil: number | null;
}

/** Whether a sender may claim the message at `now`. */
export function isDue(m: OutboxState, now: number): boolean {
  if (m.status === 'queued') return m.nextAttemptAt <= now;
  if (m.status === 'sending') return m.leaseUntil !== null && m.leaseUntil <= now;
  return false;
}

/**
 * The state after a sender claims the message: one more attempt, leased until now + LEASE_MS. A
 * message whose sender died during its last allowed attempt is given up (`failed`) instead.
 */
export function claim(m: OutboxState, now: number): OutboxState {
  if (!isDue(m, now)) throw new Error(`a ${m.status} message is not due`);
  if (m.attempts >= MAX_ATTEMPTS) return { ...m, status: 'failed', leaseUntil: null };
  return { status: 'sending', attempts: m.attempts + 1, nextAttemptAt: m.nextAttemptAt, leaseUntil: now + LEASE_MS };
}

/** The back-off after the n-th failed attempt (n from 1). */
export function backoffAfter(attempts: number): number {
  return BACKOFF_MS[Math.min(Math.max(attempts, 1), BACKOFF_MS.length) - 1]!;
}

/** The state after the claimed attempt ends. */
export function settle(m: OutboxState, outcome: { ok: true } | { ok: false }, now: number): OutboxState {
  if (m.status !== 'sending') throw new Error(`only a message being sent can be settled, not a ${m.status} one`);
  if (outcome.ok) return { status: 'sent', attempts: m.attempts, nextAttemptAt: m.nextAttemptAt, leaseUntil: null };
  if (m.attempts >= MAX_ATTEMPTS) return { status: 'failed', attempts: m.attempts, nextAttemptAt: m.nextAttemptAt, leaseUntil: null };
  return { status: 'queued', attempts: m.attempts, nextAttemptAt: now + backoffAfter(m.attempts), leaseUntil: null };
}
