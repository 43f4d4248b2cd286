/**
 * Sessions as the Lucia guide teaches them (lucia-auth.com, "sessions"): a random token in the
 * cookie, only its SHA-256 in the database, 30-day expiry renewed when under 15 days remain.
 */
import { clock } from '../shared/clock';
import { createHash } from 'node:crypto';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import { and, eq, lt, ne, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { sessions, users } from '../../../db/schema';
import { settings, type Settings } from './settings';
import { preparedOnce } from './db';

/**
 * Over HTTPS the cookie is `__Host-session`: browsers accept that name only with Secure, Path=/ and
 * no Domain, so a sibling subdomain or a plain-HTTP page cannot plant or overwrite it.
 */
export function sessionCookieName(s: Pick<Settings, 'PUBLIC_URL'>): string {
  return s.PUBLIC_URL?.startsWith('https://') ? '__Host-session' : 'session';
}
export const SESSION_COOKIE = sessionCookieName(settings);
const DAY = 24 * 60 * 60 * 1000;
export const SESSION_LIFETIME_MS = 30 * DAY;
export const SESSION_RENEW_BELOW_MS = 15 * DAY;
/** A "shared computer" sign-in: its cookie ends with the browser, and the session after 12 hours at most. */
export const SHARED_SESSION_MS = 12 * 60 * 60 * 1000;
/** However active, a session ends this long after sign-in (SESSION_MAX_DAYS, default 30). */
export const SESSION_ABSOLUTE_MS = settings.SESSION_MAX_DAYS * DAY;

export type SessionUser = typeof users.$inferSelect;
export type Session = typeof sessions.$inferSelect;
export interface SessionValidation {
  session: Session;
  user: SessionUser;
  /** True when the expiry was pushed out and the cookie must be sent again. */
  renewed: boolean;
}

/** 20 random bytes (160 bits) from the platform CSPRNG, base32 lower case without padding. */
export function generateSessionToken(): string {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

/**
 * The id under which a token's session is stored: hex(sha256(token)). Node's native hash: every
 * signed-in request computes it, and the pure-JS one took about three times as long.
 */
export function sessionIdFromToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function createSession(db: Db, token: string, userId: number, now = clock.now(), { shared = false } = {}): Session {
  const session: Session = {
    id: sessionIdFromToken(token),
    userId,
    expiresAt: now + (shared ? SHARED_SESSION_MS : SESSION_LIFETIME_MS),
    createdAt: now,
    persistent: !shared,
  };
  db.insert(sessions).values(session).run();
  return session;
}

/** One indexed lookup (session joined to its user); deletes the session when it has expired. */
const lookup = preparedOnce((db) =>
  db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(sessions.userId, users.id))
    .where(eq(sessions.id, sql.placeholder('id')))
    .prepare(),
);
export function validateSessionToken(db: Db, token: string, now = clock.now(), absoluteMs = SESSION_ABSOLUTE_MS): SessionValidation | null {
  const id = sessionIdFromToken(token);
  const row = lookup(db).get({ id });
  if (!row) return null;
  const hardEnd = row.session.createdAt + absoluteMs;
  if (now >= row.session.expiresAt || now >= hardEnd) {
    db.delete(sessions).where(eq(sessions.id, id)).run();
    return null;
  }
  let renewed = false;
  if (row.session.persistent && now >= row.session.expiresAt - SESSION_RENEW_BELOW_MS && row.session.expiresAt < hardEnd) {
    row.session.expiresAt = Math.min(now + SESSION_LIFETIME_MS, hardEnd);
    db.update(sessions).set({ expiresAt: row.session.expiresAt }).where(eq(sessions.id, id)).run();
    renewed = true;
  }
  return { session: row.session, user: row.user, renewed };
}

export function invalidateSession(db: Db, sessionId: string): void {
  db.delete(sessions).where(eq(sessions.id, sessionId)).run();
}

/** Ends every session of a user, or every one but `keepSessionId`. Returns how many ended. */
export function invalidateUserSessions(db: Db, userId: number, keepSessionId?: string): number {
  const where = keepSessionId
    ? and(eq(sessions.userId, userId), ne(sessions.id, keepSessionId))
    : eq(sessions.userId, userId);
  return db.delete(sessions).where(where).run().changes;
}

/** Deletes every expired session; run at start-up. */
export function sweepExpiredSessions(db: Db, now = clock.now()): number {
  return db.delete(sessions).where(lt(sessions.expiresAt, now)).run().changes;
}
