import { describe, expect, it } from 'vitest';
import { passwordProblem } from '~/lib/server/password';

describe('password policy', () => {
  it('refuses passwords shorter than 8 or longer than 256 characters', () => {
    expect(passwordProblem('Ab3$xyz')).toMatch(/at least 8/);
    expect(passwordProblem('a'.repeat(7) + 'b')).toBeNull();
    expect(passwordProblem('x'.repeat(200) + 'y'.repeat(56))).toBeNull();
    expect(passwordProblem('x'.repeat(200) + 'y'.repeat(57))).toMatch(/at most 256/);
  });

  it('refuses the most common passwords, whatever their case', () => {
    for (const p of ['password', 'password1', '12345678', 'iloveyou', 'qwertyuiop', 'PASSWORD123']) {
      expect(passwordProblem(p), p).toMatch(/most common/);
    }
  });

  it('refuses the email address and one repeated character', () => {
    expect(passwordProblem('jo.smith@example.com', { email: 'Jo.Smith@example.com' })).toMatch(/email/);
    expect(passwordProblem('jo.smith', { email: 'jo.smith@example.com' })).toMatch(/email/);
    expect(passwordProblem('zzzzzzzzzz')).toMatch(/repeated/);
  });

  it('accepts a passphrase', () => {
    expect(passwordProblem('correct horse battery staple')).toBeNull();
    expect(passwordProblem('Molar-Canine-Incisor-7')).toBeNull();
  });
});
