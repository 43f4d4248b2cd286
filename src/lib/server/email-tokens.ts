/**
 * One-time links sent by email (password reset, address verification, sign-in for a locked-out
 * owner, unsubscribe), as the Lucia guide does password-reset tokens: 20 random bytes in the
 * link, only hex(sha256(token)) in the database, an expiry, and used at most once.
 */
import { clock } from '../shared/clock';
import { and, eq, gt, isNull, lt, or } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { emailTokens, type TokenPurpose } from '../../../db/schema';
import { generateSessionToken, sessionIdFromToken } from './session';

import { looksLikeToken, REUSABLE, TOKEN_LIFETIME_MS, tokenStatus } from '../domain/email-token';

export { TOKEN_LIFETIME_MS };
const MIN = 60_000;

type Tx = Pick<Db, 'insert' | 'update' | 'select' | 'delete'>;

/** The stored id of a token: the same SHA-256 the sessions use. */
export const tokenId = sessionIdFromToken;

/**
 * Creates a token in the caller's transaction and returns the raw value for the link. Earlier
 * unused tokens of the same purpose stop working: only the newest link is valid.
 */
export function createEmailToken(tx: Tx, userId: number, purpose: TokenPurpose, now = clock.now()): { token: string; id: string; expiresAt: number } {
  if (!REUSABLE.has(purpose)) {
    tx.update(emailTokens).set({ usedAt: now }).where(and(eq(emailTokens.userId, userId), eq(emailTokens.purpose, purpose), isNull(emailTokens.usedAt))).run();
  }
  const token = generateSessionToken();
  const id = tokenId(token);
  const expiresAt = now + TOKEN_LIFETIME_MS[purpose];
  tx.insert(emailTokens).values({ id, userId, purpose, expiresAt, createdAt: now }).run();
  return { token, id, expiresAt };
}

export type TokenCheck = { ok: true; userId: number; id: string } | { ok: false; reason: 'unknown' | 'expired' | 'used' };

/** Looks a token up without using it (to decide what page to show). */
export function checkEmailToken(db: Pick<Db, 'select'>, token: string, purpose: TokenPurpose, now = clock.now()): TokenCheck {
  if (!looksLikeToken(token)) return { ok: false, reason: 'unknown' };
  const row = db.select().from(emailTokens).where(and(eq(emailTokens.id, tokenId(token)), eq(emailTokens.purpose, purpose))).get();
  if (!row) return { ok: false, reason: 'unknown' };
  const status = tokenStatus(row, now);
  return status === 'ok' ? { ok: true, userId: row.userId, id: row.id } : { ok: false, reason: status };
}

/**
 * Uses a token inside the caller's transaction: the conditional update succeeds for exactly one
 * caller, so two clicks on one link cannot both act. Unsubscribe links may be used again.
 */
export function consumeEmailToken(tx: Tx, token: string, purpose: TokenPurpose, now = clock.now()): TokenCheck {
  const check = checkEmailToken(tx, token, purpose, now);
  if (!check.ok || REUSABLE.has(purpose)) return check;
  const won = tx
    .update(emailTokens)
    .set({ usedAt: now })
    .where(and(eq(emailTokens.id, check.id), isNull(emailTokens.usedAt), gt(emailTokens.expiresAt, now)))
    .run().changes;
  return won === 1 ? check : { ok: false, reason: 'used' };
}

/** Deletes tokens that expired more than a day ago or were used; run by the daily job. */
export function sweepEmailTokens(db: Db, now = clock.now()): number {
  return db
    .delete(emailTokens)
    .where(or(lt(emailTokens.expiresAt, now - 24 * 60 * MIN), and(eq(emailTokens.purpose, 'reset'), lt(emailTokens.createdAt, now - 24 * 60 * MIN))))
    .run().changes;
}
