/**
 * Fixed-window rate-limit arithmetic. Kept pure so the boundaries are unit-tested without a clock
 * or a database; lib/server/rate-limit.ts stores the counters.
 */
export interface RateRule {
  /** Most events allowed in one window. */
  limit: number;
  windowMs: number;
}

export interface RateDecision {
  allowed: boolean;
  /** Events left in this window after this one (0 when refused). */
  remaining: number;
  /** Whole seconds until the window resets (at least 1). */
  retryAfterSec: number;
}

/** Start of the window that contains `now`. */
export function windowStart(now: number, windowMs: number): number {
  return Math.floor(now / windowMs) * windowMs;
}

export function retryAfterSeconds(now: number, windowMs: number): number {
  const end = windowStart(now, windowMs) + windowMs;
  return Math.max(1, Math.ceil((end - now) / 1000));
}

/** Given how many events the window holds (including this one), may it go ahead? */
export function decide(countIncludingThis: number, rule: RateRule, now: number): RateDecision {
  const allowed = countIncludingThis <= rule.limit;
  return {
    allowed,
    remaining: allowed ? rule.limit - countIncludingThis : 0,
    retryAfterSec: retryAfterSeconds(now, rule.windowMs),
  };
}

/** "in 14 minutes", "in 40 seconds": for messages that say when to try again. */
export function humanWait(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 60) return `${minutes} minute${minutes === 1 ? '' : 's'}`;
  const hours = Math.ceil(minutes / 60);
  return `${hours} hour${hours === 1 ? '' : 's'}`;
}
