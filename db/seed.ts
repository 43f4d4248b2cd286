/**
 * Seeding. The data layer does not know how passwords are hashed, so callers pass the hasher
 * (scripts/seed.ts and scripts/setup.ts wire in lib/server/password).
 */
import { randomBytes } from 'node:crypto';
import { count } from 'drizzle-orm';
import type { Db } from './client';
import { auditLog, users } from './schema';

export type Hasher = (password: string) => Promise<string>;

export interface FirstAdminResult {
  created: boolean;
  email?: string;
  /** Only set when the password was generated here; print it once, never store it. */
  generatedPassword?: string;
}

/** A random password that is easy to copy: 20 characters from an unambiguous alphabet (~115 bits). */
export function generatePassword(length = 20): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(length * 2);
  let out = '';
  // Rejection sampling keeps every character equally likely.
  for (let i = 0; i < bytes.length && out.length < length; i++) {
    const b = bytes[i]!;
    if (b < 256 - (256 % alphabet.length)) out += alphabet[b % alphabet.length];
  }
  return out.length === length ? out : generatePassword(length);
}

/**
 * On an empty database, creates the first admin from ADMIN_EMAIL / ADMIN_PASSWORD (the caller passes
 * the settings). Without ADMIN_PASSWORD a random one is generated and returned so the caller can print it once.
 */
export async function seedFirstAdmin(
  db: Db,
  hash: Hasher,
  env: { ADMIN_EMAIL?: string | undefined; ADMIN_PASSWORD?: string | undefined },
): Promise<FirstAdminResult> {
  const [row] = db.select({ n: count() }).from(users).all();
  if ((row?.n ?? 0) > 0) return { created: false };
  const email = (env.ADMIN_EMAIL || 'admin@localhost').trim().toLowerCase();
  const given = env.ADMIN_PASSWORD;
  const password = given && given.length > 0 ? given : generatePassword();
  const passwordHash = await hash(password);
  const now = Date.now();
  db.transaction((tx) => {
    const [again] = tx.select({ n: count() }).from(users).all();
    if ((again?.n ?? 0) > 0) return;
    const inserted = tx
      .insert(users)
      .values({ email, passwordHash, fullName: 'Site administrator', role: 'admin', emailVerifiedAt: now, createdAt: now, updatedAt: now })
      .returning({ id: users.id })
      .get();
    tx.insert(auditLog).values({ actorId: null, action: 'user.seed-admin', subject: `user:${inserted.id}`, at: now }).run();
  });
  return { created: true, email, generatedPassword: given ? undefined : password };
}
