/**
 * The rules of emailed one-time links, pure so they are unit-tested: how long each kind works and
 * whether a stored token may still be used. (Storage and hashing: lib/server/email-tokens.ts.)
 */
const MIN = 60_000;

export type LinkPurpose = 'reset' | 'verify' | 'sign-in' | 'unsubscribe';

/** Reset and sign-in links work 15 minutes (the and the Lucia guide's figure); confirmation 48 hours; unsubscribe a year. */
export const TOKEN_LIFETIME_MS: Record<LinkPurpose, number> = {
  reset: 15 * MIN,
  'sign-in': 15 * MIN,
  verify: 48 * 60 * MIN,
  unsubscribe: 365 * 24 * 60 * MIN,
};

/** Unsubscribe links may be used again (a second click must not fail); the others work once. */
export const REUSABLE: ReadonlySet<LinkPurpose> = new Set(['unsubscribe']);

export type TokenStatus = 'ok' | 'expired' | 'used';

/** Whether a stored token may be used at `now`: not used (unless reusable) and strictly before its expiry. */
export function tokenStatus(row: { purpose: LinkPurpose; expiresAt: number; usedAt: number | null }, now: number): TokenStatus {
  if (row.usedAt !== null && !REUSABLE.has(row.purpose)) return 'used';
  if (now >= row.expiresAt) return 'expired';
  return 'ok';
}

/** A token as it appears in a link: 32 characters of lower-case base32 (20 random bytes). */
export function looksLikeToken(value: string): boolean {
  return /^[a-z2-7]{32}$/.test(value);
}
