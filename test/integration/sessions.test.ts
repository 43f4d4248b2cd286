import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, freshDb, type TestDb } from '../fixtures/db';
import { sessions } from '../../db/schema';
import {
  createSession,
  generateSessionToken,
  invalidateUserSessions,
  SESSION_LIFETIME_MS,
  sessionCookieName,
  sessionIdFromToken,
  sweepExpiredSessions,
  validateSessionToken,
} from '~/lib/server/session';

const DAY = 86_400_000;
let t: TestDb;
let userId: number;
beforeAll(() => {
  t = freshDb();
  userId = addUser(t.db, 'a@x.test', 'A B').id;
});
afterAll(() => t.close());

describe('sessions', () => {
  it('are created with a 30-day expiry and validated from the token', () => {
    const now = 1_800_000_000_000;
    const token = generateSessionToken();
    const session = createSession(t.db, token, userId, now);
    expect(session.expiresAt).toBe(now + 30 * DAY);
    const v = validateSessionToken(t.db, token, now + DAY);
    expect(v?.user.email).toBe('a@x.test');
    expect(v?.renewed).toBe(false);
    expect(validateSessionToken(t.db, token + 'x', now)).toBeNull();
  });

  it('never store the raw token', () => {
    const token = generateSessionToken();
    createSession(t.db, token, userId);
    const rows = t.db.select().from(sessions).all();
    const dump = JSON.stringify(rows);
    expect(dump).not.toContain(token);
    expect(rows.some((r) => r.id === sessionIdFromToken(token))).toBe(true);
  });

  it('are renewed to 30 days only once fewer than 15 days remain (with a 90-day absolute lifetime)', () => {
    const start = 1_800_000_000_000;
    const token = generateSessionToken();
    createSession(t.db, token, userId, start);
    // 15 days and 1 ms remain: no renewal.
    const early = validateSessionToken(t.db, token, start + 15 * DAY - 1, 90 * DAY);
    expect(early?.renewed).toBe(false);
    expect(early?.session.expiresAt).toBe(start + 30 * DAY);
    // Exactly 15 days remain: renewed to 30 days from now.
    const at = start + 15 * DAY;
    const renewed = validateSessionToken(t.db, token, at, 90 * DAY);
    expect(renewed?.renewed).toBe(true);
    expect(renewed?.session.expiresAt).toBe(at + SESSION_LIFETIME_MS);
    const stored = t.db.select().from(sessions).all().find((s) => s.id === sessionIdFromToken(token));
    expect(stored?.expiresAt).toBe(at + SESSION_LIFETIME_MS);
  });

  it('end at the absolute lifetime however active, 30 days after sign-in by default (16.10)', () => {
    const start = 1_800_000_000_000;
    const token = generateSessionToken();
    createSession(t.db, token, userId, start);
    // Active every day: with the default, renewal never reaches past 30 days after sign-in.
    for (let day = 1; day < 30; day++) expect(validateSessionToken(t.db, token, start + day * DAY)?.session.expiresAt).toBeLessThanOrEqual(start + 30 * DAY);
    expect(validateSessionToken(t.db, token, start + 30 * DAY - 1)).not.toBeNull();
    expect(validateSessionToken(t.db, token, start + 30 * DAY)).toBeNull();
    // With a 45-day absolute lifetime, a session renewed at day 20 still ends at day 45, not day 50.
    const other = generateSessionToken();
    createSession(t.db, other, userId, start);
    expect(validateSessionToken(t.db, other, start + 20 * DAY, 45 * DAY)?.session.expiresAt).toBe(start + 45 * DAY);
    expect(validateSessionToken(t.db, other, start + 45 * DAY, 45 * DAY)).toBeNull();
  });

  it('from a shared computer last 12 hours at most and are never renewed (16.10)', () => {
    const start = 1_800_000_000_000;
    const token = generateSessionToken();
    const session = createSession(t.db, token, userId, start, { shared: true });
    expect(session).toMatchObject({ persistent: false, expiresAt: start + 12 * 3_600_000 });
    expect(validateSessionToken(t.db, token, start + 11 * 3_600_000)).toMatchObject({ renewed: false, session: { expiresAt: start + 12 * 3_600_000 } });
    expect(validateSessionToken(t.db, token, start + 12 * 3_600_000)).toBeNull();
  });

  it('are named __Host-session when the site is served over HTTPS (16.10)', () => {
    expect(sessionCookieName({ PUBLIC_URL: 'https://ce.example.org' })).toBe('__Host-session');
    expect(sessionCookieName({ PUBLIC_URL: undefined })).toBe('session');
    expect(sessionCookieName({ PUBLIC_URL: 'http://ce.internal' })).toBe('session');
  });

  it('expire, and an expired session is deleted when presented', () => {
    const start = 1_800_000_000_000;
    const token = generateSessionToken();
    createSession(t.db, token, userId, start);
    expect(validateSessionToken(t.db, token, start + 30 * DAY)).toBeNull();
    expect(t.db.select().from(sessions).all().some((s) => s.id === sessionIdFromToken(token))).toBe(false);
  });

  it('are swept when expired', () => {
    const token = generateSessionToken();
    createSession(t.db, token, userId, 1_000);
    expect(sweepExpiredSessions(t.db, 1_000 + 31 * DAY)).toBeGreaterThanOrEqual(1);
    expect(t.db.select().from(sessions).all().some((s) => s.id === sessionIdFromToken(token))).toBe(false);
  });

  it('can all be ended, or all but the current one', () => {
    const keep = generateSessionToken();
    const other = generateSessionToken();
    const keepSession = createSession(t.db, keep, userId);
    createSession(t.db, other, userId);
    expect(invalidateUserSessions(t.db, userId, keepSession.id)).toBeGreaterThanOrEqual(1);
    expect(validateSessionToken(t.db, keep)).not.toBeNull();
    expect(validateSessionToken(t.db, other)).toBeNull();
    invalidateUserSessions(t.db, userId);
    expect(validateSessionToken(t.db, keep)).toBeNull();
  });
});
