/**
 * Browser-test helpers that talk to the e2e server's own database file directly, as the
 * epic-stack does: users are created and signed in by writing rows, not by clicking through forms.
 */
import { test as base, type Page } from '@playwright/test';
import { join } from 'node:path';
import { openDatabase, type Db } from '../../db/client';
import { enrollments, lessonProgress, users, type Role } from '../../db/schema';
import { hashPassword } from '../../src/lib/server/password';
import { createSession, generateSessionToken } from '../../src/lib/server/session';

let handle: Db | undefined;
export function e2eDb(): Db {
  handle ??= openDatabase(join(process.env.E2E_DATA_DIR!, 'e2e.sqlite'));
  return handle;
}

let counter = 0;
export interface TestUser {
  id: number;
  email: string;
  password: string;
  fullName: string;
}

/**
 * A user written straight into the database. Their address counts as confirmed unless
 * `verified: false`: the email round trip is tested by its own specs, not by every journey.
 */
export async function makeUser(opts: { role?: Role; member?: boolean; fullName?: string; email?: string; verified?: boolean } = {}): Promise<TestUser> {
  const email = opts.email ?? `u${Date.now().toString(36)}${(counter++).toString(36)}@e2e.test`;
  const password = `pw-${Math.random().toString(36).slice(2)}-phrase`;
  const fullName = opts.fullName ?? 'Pat Example';
  const row = e2eDb()
    .insert(users)
    .values({
      email,
      passwordHash: await hashPassword(password),
      fullName,
      role: opts.role ?? 'learner',
      profession: 'front-office',
      memberUntil: opts.member ? Date.now() + 365 * 86_400_000 : null,
      emailVerifiedAt: opts.verified === false ? null : Date.now(),
    })
    .returning({ id: users.id })
    .get();
  return { id: row.id, email, password, fullName };
}

/** Signs the browser context in as `user` by creating a session row and setting its cookie. */
export async function signInAs(page: Page, user: TestUser): Promise<void> {
  const token = generateSessionToken();
  const session = createSession(e2eDb(), token, user.id);
  await page.context().addCookies([
    {
      name: 'session',
      value: token,
      domain: 'localhost',
      path: '/',
      httpOnly: true,
      secure: true,
      sameSite: 'Lax',
      expires: Math.floor(session.expiresAt / 1000),
    },
  ]);
}

export { base as test };
export { expect } from '@playwright/test';

/** Marks every lesson of a course complete for a user, as if they had read them. */
export function completeLessons(userId: number, course: string, lessons: string[]): void {
  const db = e2eDb();
  const now = Date.now();
  db.insert(enrollments).values({ userId, course, enrolledAt: now }).onConflictDoNothing().run();
  for (const lesson of lessons) {
    db.insert(lessonProgress).values({ userId, course, lesson, firstViewedAt: now, completedAt: now }).onConflictDoNothing().run();
  }
}
