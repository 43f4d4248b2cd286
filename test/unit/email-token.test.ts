import { describe, expect, it } from 'vitest';
import { looksLikeToken, TOKEN_LIFETIME_MS, tokenStatus } from '~/lib/domain/email-token';
import { tokenId } from '~/lib/server/email-tokens';
import { generateSessionToken } from '~/lib/server/session';

const T = Date.UTC(2026, 10, 29, 9, 0, 0);
const MIN = 60_000;

describe('emailed link tokens', () => {
  it('are stored as hex SHA-256 of the token, never the token itself', () => {
    // FIPS 180-2 test vector: SHA-256("abc").
    expect(tokenId('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    const token = generateSessionToken();
    expect(looksLikeToken(token)).toBe(true);
    expect(tokenId(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(tokenId(token)).not.toContain(token);
  });

  it('reset and sign-in links work 15 minutes, confirmation links 48 hours', () => {
    expect(TOKEN_LIFETIME_MS.reset).toBe(15 * MIN);
    expect(TOKEN_LIFETIME_MS['sign-in']).toBe(15 * MIN);
    expect(TOKEN_LIFETIME_MS.verify).toBe(2 * 24 * 60 * MIN);
  });

  it('a reset link created at 09:00 works at 09:14:59.999 and not at 09:15', () => {
    const row = { purpose: 'reset' as const, expiresAt: T + 15 * MIN, usedAt: null };
    expect(tokenStatus(row, T)).toBe('ok');
    expect(tokenStatus(row, T + 15 * MIN - 1)).toBe('ok');
    expect(tokenStatus(row, T + 15 * MIN)).toBe('expired');
  });

  it('a used link is refused even before it expires; an unsubscribe link may be used again', () => {
    expect(tokenStatus({ purpose: 'reset', expiresAt: T + 15 * MIN, usedAt: T + MIN }, T + 2 * MIN)).toBe('used');
    expect(tokenStatus({ purpose: 'verify', expiresAt: T + 15 * MIN, usedAt: T + MIN }, T + 2 * MIN)).toBe('used');
    expect(tokenStatus({ purpose: 'unsubscribe', expiresAt: T + 15 * MIN, usedAt: T + MIN }, T + 2 * MIN)).toBe('ok');
  });

  it('only 32 characters of lower-case base32 look like a token', () => {
    expect(looksLikeToken('a'.repeat(32))).toBe(true);
    expect(looksLikeToken('a'.repeat(31))).toBe(false);
    expect(looksLikeToken('A'.repeat(32))).toBe(false);
    expect(looksLikeToken(`${'a'.repeat(31)}1`)).toBe(false);
    expect(looksLikeToken(`${'a'.repeat(31)}'`)).toBe(false);
  });
});
