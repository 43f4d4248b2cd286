import { describe, expect, it } from 'vitest';
import { generateSessionToken, sessionIdFromToken } from '~/lib/server/session';

describe('session tokens', () => {
  it('are 20 random bytes in lower-case base32 without padding (32 characters)', () => {
    const token = generateSessionToken();
    // 160 bits / 5 bits per base32 character = 32 characters, no '=' padding.
    expect(token).toMatch(/^[a-z2-7]{32}$/);
  });

  it('do not repeat', () => {
    const tokens = new Set(Array.from({ length: 1000 }, generateSessionToken));
    expect(tokens.size).toBe(1000);
  });

  it('are stored as hex(sha256(token))', () => {
    // FIPS 180-2 test vector: SHA-256("abc").
    expect(sessionIdFromToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    const token = generateSessionToken();
    const id = sessionIdFromToken(token);
    expect(id).toMatch(/^[0-9a-f]{64}$/);
    expect(id).not.toContain(token);
  });
});
