/** Accounts: creation, profile, password, and the admin's role and membership changes. */
import { clock } from '../shared/clock';
import { and, count, desc, eq, or, type SQL } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { users, type Profession, type Role } from '../../../db/schema';
import { writeAudit } from './audit';
import { likeText } from './sql-like';
import { paging } from '~/lib/domain/paging';

export type User = typeof users.$inferSelect;

export interface ProfileInput {
  fullName: string;
  profession: Profession;
  licenceState: string | null;
  licenceNumber: string | null;
  agdId: string | null;
  timeZone?: string | null;
}

export function getUserById(db: Db, id: number): User | undefined {
  return db.select().from(users).where(eq(users.id, id)).get();
}

export function getUserByEmail(db: Db, email: string): User | undefined {
  return db.select().from(users).where(eq(users.email, email.trim().toLowerCase())).get();
}

/** Creates a learner; returns null when the email is already registered. */
export function createUser(db: Db, input: ProfileInput & { email: string; passwordHash: string }, now = clock.now()): User | null {
  return db.transaction((tx) => {
    const email = input.email.trim().toLowerCase();
    const exists = tx.select({ id: users.id }).from(users).where(eq(users.email, email)).get();
    if (exists) return null;
    const user = tx
      .insert(users)
      .values({ ...input, email, role: 'learner', createdAt: now, updatedAt: now })
      .returning()
      .get();
    writeAudit(tx, { actorId: user.id, action: 'user.signup', subject: `user:${user.id}` }, now);
    return user;
  });
}

export function updateProfile(db: Db, userId: number, input: ProfileInput, now = clock.now()): void {
  db.transaction((tx) => {
    const before = tx.select().from(users).where(eq(users.id, userId)).get();
    tx.update(users).set({ ...input, updatedAt: now }).where(eq(users.id, userId)).run();
    // Before and after of each field that changed, so the audit log can say what changed.
    const changes = before
      ? Object.entries(input)
          .filter(([field, value]) => (before[field as keyof typeof before] ?? null) !== (value ?? null))
          .map(([field, value]) => ({ field, from: before[field as keyof typeof before] ?? null, to: value ?? null }))
      : [];
    writeAudit(tx, { actorId: userId, action: 'user.profile', subject: `user:${userId}`, ...(changes.length ? { detail: { changes } } : {}) }, now);
  });
}

export function setPasswordHash(db: Db, userId: number, passwordHash: string, now = clock.now()): void {
  db.transaction((tx) => {
    tx.update(users).set({ passwordHash, updatedAt: now }).where(eq(users.id, userId)).run();
    writeAudit(tx, { actorId: userId, action: 'user.password', subject: `user:${userId}` }, now);
  });
}

export interface UserListQuery {
  q?: string;
  page?: number;
  pageSize?: number;
}

/** Search by name or email (case-insensitive, substring), newest first, one page at a time. */
export function listUsers(db: Db, query: UserListQuery): { rows: User[]; total: number; page: number; pages: number } {
  const q = query.q?.trim();
  let where: SQL | undefined;
  if (q) {
    where = or(likeText(users.email, q), likeText(users.fullName, q));
  }
  const total = db.select({ n: count() }).from(users).where(where).get()?.n ?? 0;
  const { page, pages, pageSize, offset } = paging(total, query, { standard: 25, max: 100 });
  const rows = db.select().from(users).where(where).orderBy(desc(users.createdAt), desc(users.id)).limit(pageSize).offset(offset).all();
  return { rows, total, page, pages };
}

export function setRole(db: Db, actorId: number, userId: number, role: Role, now = clock.now()): User | null {
  return db.transaction((tx) => {
    const before = tx.select().from(users).where(eq(users.id, userId)).get();
    if (!before) return null;
    if (before.role === role) return before;
    const after = tx.update(users).set({ role, updatedAt: now }).where(eq(users.id, userId)).returning().get();
    writeAudit(tx, { actorId, action: 'user.role', subject: `user:${userId}`, detail: { from: before.role, to: role, email: before.email } }, now);
    return after;
  });
}

/** Sets club membership to run until `until` (ms), or clears it with null. */
export function setMembership(db: Db, actorId: number, userId: number, until: number | null, now = clock.now()): User | null {
  return db.transaction((tx) => {
    const before = tx.select().from(users).where(eq(users.id, userId)).get();
    if (!before) return null;
    const after = tx.update(users).set({ memberUntil: until, updatedAt: now }).where(eq(users.id, userId)).returning().get();
    writeAudit(
      tx,
      {
        actorId,
        action: until === null ? 'user.membership.clear' : 'user.membership.set',
        subject: `user:${userId}`,
        detail: { from: before.memberUntil, to: until, email: before.email },
      },
      now,
    );
    return after;
  });
}

/** Counts admins, so the last one cannot demote themself. */
export function adminCount(db: Db): number {
  return db.select({ n: count() }).from(users).where(and(eq(users.role, 'admin'))).get()?.n ?? 0;
}

export interface TrackerSettings {
  licenceState: string;
  licenceType: string;
  licenceExpiresOn: string | null;
  birthMonth: number | null;
  cycleHoursOverrideCenti: number | null;
}

export function setTrackerSettings(db: Db, userId: number, settings: TrackerSettings, now = clock.now()): void {
  db.transaction((tx) => {
    tx.update(users).set({ ...settings, updatedAt: now }).where(eq(users.id, userId)).run();
    writeAudit(tx, { actorId: userId, action: 'user.tracker', subject: `user:${userId}` }, now);
  });
}
