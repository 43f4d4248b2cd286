import { describe, expect, it } from 'vitest';
import { generatePassword } from '../../db/seed';

describe('generatePassword', () => {
  it('has the requested length and uses no ambiguous characters', () => {
    for (let i = 0; i < 200; i++) {
      const p = generatePassword();
      expect(p).toHaveLength(20);
      expect(p).not.toMatch(/[01OIlio]/);
    }
  });

  it('does not repeat', () => {
    const seen = new Set(Array.from({ length: 500 }, () => generatePassword()));
    expect(seen.size).toBe(500);
  });
});
