/**
 * Rate limits kept in SQLite, so they hold across restarts and across processes sharing the file.
 * One atomic upsert per event; no read-modify-write race.
 */
import { clock } from '../shared/clock';
import { and, eq, lt } from 'drizzle-orm';
import { sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { rateLimits } from '../../../db/schema';
import { decide, windowStart, type RateDecision, type RateRule } from '../domain/rate-limit';

const MIN = 60_000;

/** The limits in force. Per-account sign-in counts failures only; the others count attempts. */
export const RULES = {
  loginIp: { limit: 30, windowMs: 15 * MIN },
  loginAccount: { limit: 5, windowMs: 15 * MIN },
  signupIp: { limit: 10, windowMs: 60 * MIN },
  passwordIp: { limit: 10, windowMs: 60 * MIN },
  verifyIp: { limit: 60, windowMs: MIN },
  /** Requests for one kind of emailed link (reset, sign-in) from one network: a whole office may share it. */
  mailIp: { limit: 30, windowMs: 60 * MIN },
  /** Emails of one kind to one account; past it the request is answered the same and nothing is sent. */
  mailAccount: { limit: 3, windowMs: 60 * MIN },
} satisfies Record<string, RateRule>;

/** Counts one event against `key` and says whether it may go ahead. */
export function hit(db: Db, key: string, rule: RateRule, now = clock.now()): RateDecision {
  const window = windowStart(now, rule.windowMs);
  const row = db
    .insert(rateLimits)
    .values({ key, window, count: 1 })
    .onConflictDoUpdate({ target: [rateLimits.key, rateLimits.window], set: { count: sql`${rateLimits.count} + 1` } })
    .returning({ count: rateLimits.count })
    .get();
  return decide(row.count, rule, now);
}

/** Whether one more event would be allowed, without counting it. */
export function peek(db: Db, key: string, rule: RateRule, now = clock.now()): RateDecision {
  const window = windowStart(now, rule.windowMs);
  const row = db
    .select({ count: rateLimits.count })
    .from(rateLimits)
    .where(and(eq(rateLimits.key, key), eq(rateLimits.window, window)))
    .get();
  return decide((row?.count ?? 0) + 1, rule, now);
}

export function reset(db: Db, key: string): void {
  db.delete(rateLimits).where(eq(rateLimits.key, key)).run();
}

/** Drops windows that ended more than a day ago; run at start-up. */
export function sweepRateLimits(db: Db, now = clock.now()): number {
  return db.delete(rateLimits).where(lt(rateLimits.window, now - 24 * 60 * MIN)).run().changes;
}
