/**
 * Password hashing with argon2id at OWASP's minimums (m = 19 MiB, t = 2, p = 1), and the policy
 * for new passwords: 8 to 256 characters, not one of the ~18,000 common passwords of that length
 * in zxcvbn-ts's maintained list.
 */
import { hash, verify, type Options } from '@node-rs/argon2';
import { dictionary } from '@zxcvbn-ts/language-common';
import { PASSWORD_MAX, PASSWORD_MIN } from '../shared/schemas/account';

// Algorithm 2 is Argon2id in @node-rs/argon2's (const enum) Algorithm.
const OPTIONS: Options = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

/** False for a wrong password or a malformed stored hash; never throws on bad input. */
export async function verifyPassword(storedHash: string, password: string): Promise<boolean> {
  try {
    return await verify(storedHash, password);
  } catch {
    return false;
  }
}

let common: Set<string> | undefined;
function commonPasswords(): Set<string> {
  common ??= new Set(dictionary['passwords-common'].filter((p) => p.length >= PASSWORD_MIN).map((p) => p.toLowerCase()));
  return common;
}

/** Why a new password is refused, or null when it is acceptable. */
export function passwordProblem(password: string, context: { email?: string; fullName?: string } = {}): string | null {
  if (password.length < PASSWORD_MIN) return `Use at least ${PASSWORD_MIN} characters.`;
  if (password.length > PASSWORD_MAX) return `Use at most ${PASSWORD_MAX} characters.`;
  const lower = password.toLowerCase();
  if (commonPasswords().has(lower)) return 'That password is one of the most common passwords. Choose something less guessable, such as three unrelated words.';
  if (context.email && lower === context.email.toLowerCase()) return 'Your password cannot be your email address.';
  if (context.email && lower === context.email.toLowerCase().split('@')[0] && lower.length < 16) return 'Your password cannot be the first part of your email address.';
  if (/^(.)\1+$/.test(password)) return 'A password of one repeated character is too easy to guess.';
  return null;
}

// A real argon2id hash of a random string: verifying against it costs the same time as a real
// account, so sign-in timing does not reveal whether an email exists.
let dummy: Promise<string> | undefined;
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword(crypto.randomUUID());
  return dummy;
}
