/**
 * Browser-test helpers that talk to the e2e server's own database file directly, as the
 * epic-stack does: users are created and signed in by writing rows, not by clicking through forms.
 */
import { test as base, expect as baseExpect, type Page } from '@playwright/test';
import { and, eq, sql } from 'drizzle-orm';
import { join } from 'node:path';
import { openDatabase, type Db } from '../../db/client';
import { enrollments, evaluations, lessonProgress, quizAttempts, simulationDecisions, simulationRuns, users, type Role } from '../../db/schema';
import { hashPassword } from '../../src/lib/server/password';
import { createSession, generateSessionToken } from '../../src/lib/server/session';
import { emlTo, linkIn } from '../fixtures/eml';

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

/**
 * Records, as rows, a learner who has done every step of a course: each lesson served `minutesAgo`
 * minutes ago and completed now, the course's cases passed, the post-test passed and the evaluation
 * sent, with the post-test and each case taking `partMinutes` (the evaluation's opening is not recorded). Opening the course page then
 * asks the credit rule for a certificate.
 */
export function finishCourse(userId: number, course: string, parts: { lessons: string[]; scenarios?: string[]; minutesAgo?: number; partMinutes?: number }): void {
  const db = e2eDb();
  const now = Date.now();
  const ago = now - (parts.minutesAgo ?? 120) * 60_000;
  const part = (parts.partMinutes ?? 10) * 60_000;
  db.insert(enrollments).values({ userId, course, enrolledAt: ago }).onConflictDoNothing().run();
  for (const lesson of parts.lessons) {
    db.insert(lessonProgress).values({ userId, course, lesson, firstViewedAt: ago, completedAt: now }).onConflictDoNothing().run();
  }
  for (const scenario of parts.scenarios ?? []) {
    const run = db.insert(simulationRuns).values({ userId, scenario, state: {}, startedAt: now - part, finishedAt: now, score: 1, maxScore: 1, outcome: 'good', passed: true }).returning().get();
    db.insert(simulationDecisions).values({ runId: run.id, seq: 0, node: 'start', choice: null, points: 1, at: now }).run();
  }
  db.insert(quizAttempts).values({ userId, course, questions: [], startedAt: now - part, passMark: 80, submittedAt: now, score: 1, maxScore: 1, passed: true }).run();
  db.insert(evaluations).values({ userId, course, answers: {}, minutesReported: 60, submittedAt: now }).run();
}

/**
 * Moves the stored "first served" time of lessons back by `minutes`, as if the learner had opened
 * them that long ago (browser tests move stored timestamps instead of sleeping).
 */
export function openedMinutesAgo(userId: number, course: string, minutes: number, lesson?: string): void {
  e2eDb()
    .update(lessonProgress)
    .set({ firstViewedAt: sql`${lessonProgress.firstViewedAt} - ${minutes * 60_000}` })
    .where(and(eq(lessonProgress.userId, userId), eq(lessonProgress.course, course), lesson ? eq(lessonProgress.lesson, lesson) : undefined))
    .run();
}

/** Where the e2e server writes its mail: no SMTP_URL is set, so each message is an .eml file. */
export const outboxDir = (): string => join(process.env.E2E_DATA_DIR!, 'outbox');

/** Every message to `to` in the outbox, oldest first, quoted-printable decoded. */
export const mailTo = (to: string) => emlTo(outboxDir(), to);

/**
 * The link to `path` in the `nth` (from 1) message to `to` that has one, once the server's sender
 * has written it (it polls the outbox every 2 seconds).
 */
export async function emailedLink(to: string, path: string, nth = 1): Promise<string> {
  let links: string[] = [];
  await baseExpect
    .poll(() => (links = mailTo(to).map((m) => linkIn(m.text, path)).filter((l): l is string => !!l)).length, { message: `waiting for email #${nth} to ${to} with a link to ${path}`, timeout: 20_000 })
    .toBeGreaterThanOrEqual(nth);
  return links[nth - 1]!;
}
