/** Issue 14: minimum time, engaged time and sample certificates, on a real SQLite file. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { and, eq } from 'drizzle-orm';
import { addUser, freshDb, type TestDb } from '../fixtures/db';
import { certificates, enrollments, evaluations, externalCe, lessonProgress, quizAttempts } from '../../db/schema';
import { completeLesson, recordLessonView } from '~/lib/server/progress';
import { certify, creditStanding, type CreditCourse } from '~/lib/server/credit';
import { verifyCode } from '~/lib/server/verify';
import { transcriptRecords } from '~/lib/server/transcript';
import { providerSchema } from '~/lib/shared/schemas/provider';
import { tooEarlyMessage } from '~/lib/domain/engagement';

const shipped = providerSchema.parse(parse(readFileSync('content/provider.yaml', 'utf8')));
const filled = providerSchema.parse(parse(readFileSync('test/fixtures/provider-filled.yaml', 'utf8')));

const MIN = 60_000;
const T0 = Date.UTC(2026, 10, 29, 14, 0); // 14:00 UTC

/** Two 20-minute lessons, a 10-minute post-test and the 3-minute evaluation; 1 CE hour. */
const course: CreditCourse = {
  id: 'timed',
  title: 'Timed course',
  ceHours: 1,
  format: 'self-instruction-online',
  agd: [{ code: '550', hours: 1 }],
  fields: { credit: true, authors: [{ name: 'Jane Roe', credentials: 'CPC' }], reviewers: [{ name: 'John Doe', credentials: 'CDC' }], reviewedOn: new Date('2026-11-01') },
  parts: [
    { kind: 'lesson', id: 'a', title: 'A', minutes: 20 },
    { kind: 'lesson', id: 'b', title: 'B', minutes: 20 },
    { kind: 'post-test', id: 'post-test', title: 'Post-test', minutes: 10 },
    { kind: 'evaluation', id: 'evaluation', title: 'Evaluation', minutes: 3 },
  ],
  scenarios: [],
};

let t: TestDb;
beforeAll(() => {
  t = freshDb();
});
afterAll(() => t.close());

/** A learner who read each lesson for `lessonMinutes`, took 5 minutes on the post-test and 2 on the evaluation. */
function learnerWho(email: string, lessonMinutes: number): number {
  const id = addUser(t.db, email, 'Pat Example', { emailVerifiedAt: T0 }).id;
  for (const [i, lesson] of ['a', 'b'].entries()) {
    const opened = T0 + i * 60 * MIN;
    recordLessonView(t.db, id, 'timed', lesson, opened);
    expect(completeLesson(t.db, id, 'timed', lesson, 10 * MIN, opened + lessonMinutes * MIN)).toEqual({ ok: true });
  }
  t.db.insert(quizAttempts).values({ userId: id, course: 'timed', questions: [], startedAt: T0 + 3 * 60 * MIN, submittedAt: T0 + 3 * 60 * MIN + 5 * MIN, score: 1, maxScore: 1, passed: true, passMark: 70 }).run();
  t.db.update(enrollments).set({ evaluationOpenedAt: T0 + 4 * 60 * MIN }).where(and(eq(enrollments.userId, id), eq(enrollments.course, 'timed'))).run();
  t.db.insert(evaluations).values({ userId: id, course: 'timed', answers: {}, submittedAt: T0 + 4 * 60 * MIN + 2 * MIN }).run();
  return id;
}

const issue = (userId: number, provider = filled) =>
  certify(t.db, { userId, participant: { fullName: 'Pat Example', profession: 'hygienist' }, course, complete: true, provider, instructors: ['Dana Reyes, RDH'], verifyBase: 'http://localhost', now: T0 + 5 * 60 * MIN });

describe('minimum time before a lesson can be completed', () => {
  it('refuses an early completion, stores nothing and says when', () => {
    const id = addUser(t.db, 'early@x.test', 'Early Bird').id;
    recordLessonView(t.db, id, 'timed', 'a', T0);
    // Half of a 20-minute lesson is 10 minutes: at 14:09 it is one minute early.
    const early = completeLesson(t.db, id, 'timed', 'a', 10 * MIN, T0 + 9 * MIN);
    expect(early).toEqual({ ok: false, reason: 'too-early', earliestAt: T0 + 10 * MIN });
    const row = t.db.select().from(lessonProgress).where(and(eq(lessonProgress.userId, id), eq(lessonProgress.lesson, 'a'))).get()!;
    expect(row.completedAt).toBeNull();
    expect(row.firstViewedAt).toBe(T0);
    expect(tooEarlyMessage(20, 0.5, T0 + 10 * MIN, T0 + 9 * MIN)).toBe(
      'This lesson takes about 20 minutes to read, so it can be marked complete once 50 % of that time has passed since you opened it: at 2:10 PM UTC, in 1 minute.',
    );
    // At 14:10 it is accepted, and the completion time is when it was asked for.
    expect(completeLesson(t.db, id, 'timed', 'a', 10 * MIN, T0 + 10 * MIN)).toEqual({ ok: true });
    expect(t.db.select().from(lessonProgress).where(and(eq(lessonProgress.userId, id), eq(lessonProgress.lesson, 'a'))).get()!.completedAt).toBe(T0 + 10 * MIN);
  });

  it('refuses to complete a lesson that was never served, storing nothing', () => {
    const id = addUser(t.db, 'blind@x.test', 'Blind Clicker').id;
    expect(completeLesson(t.db, id, 'timed', 'b', 10 * MIN, T0)).toEqual({ ok: false, reason: 'not-opened' });
    expect(t.db.select().from(lessonProgress).where(eq(lessonProgress.userId, id)).all()).toEqual([]);
    expect(t.db.select().from(enrollments).where(eq(enrollments.userId, id)).all()).toEqual([]);
  });
});

describe('engaged time before a certificate', () => {
  it('refuses the certificate below half the CE hours and issues it above', () => {
    // 10 + 10 + 5 + 2 = 27 engaged minutes; half of 1 h is 30.
    const short = learnerWho('short@x.test', 10);
    const standing = creditStanding(t.db, short, course, true, filled);
    expect(standing.input.engaged).toEqual({ minutes: 27, requiredMinutes: 30 });
    expect(standing.decision.unmet.map((c) => c.message)).toEqual(['Spend at least 30 minutes in the course (so far: 27 minutes).']);
    expect(issue(short)).toBeNull();
    expect(t.db.select().from(certificates).where(eq(certificates.userId, short)).all()).toEqual([]);

    // 12 + 12 + 5 + 2 = 31 minutes.
    const enough = learnerWho('enough@x.test', 12);
    expect(creditStanding(t.db, enough, course, true, filled).input.engaged.minutes).toBe(31);
    const cert = issue(enough);
    expect(cert).not.toBeNull();
    expect(cert!.sample).toBe(false);
  });

  it('counts a lesson left open overnight as three times its estimate at most', () => {
    // Each lesson open 10 hours: capped at 3 × 20 = 60 minutes; + 5 + 2.
    const sleeper = learnerWho('sleeper@x.test', 600);
    const standing = creditStanding(t.db, sleeper, course, true, filled);
    expect(standing.engaged.map((p) => p.minutes)).toEqual([60, 60, 5, 2]);
    expect(standing.input.engaged.minutes).toBe(127);
  });
});

describe('the completion date on a certificate', () => {
  it('is the learner\'s own calendar day, fixed at issue, on the certificate, the verification page and the transcript', () => {
    // 2026-11-30 03:00 UTC is still Nov 29 (7:00 PM PST) in Los Angeles.
    const late = Date.UTC(2026, 10, 30, 3, 0);
    const west = learnerWho('west@x.test', 15);
    const cert = certify(t.db, { userId: west, participant: { fullName: 'Pat Example', profession: 'hygienist' }, course, complete: true, provider: filled, instructors: [], verifyBase: 'http://x', timeZone: 'America/Los_Angeles', now: late })!;
    expect(cert.snapshot.completedOn).toBe('2026-11-29');
    expect(verifyCode(t.db, cert.code)).toMatchObject({ completedOn: '2026-11-29' });
    expect(transcriptRecords(t.db, west).map((r) => r.date)).toEqual(['2026-11-29']);
    // Without a zone on file, the UTC day.
    const nowhere = learnerWho('nowhere@x.test', 15);
    const utc = certify(t.db, { userId: nowhere, participant: { fullName: 'Pat Example', profession: 'hygienist' }, course, complete: true, provider: filled, instructors: [], verifyBase: 'http://x', timeZone: null, now: late })!;
    expect(utc.snapshot.completedOn).toBe('2026-11-30');
  });
});

describe('sample certificates while the provider is not set up', () => {
  it('with the shipped placeholders the certificate is a sample: verify says so, the transcript does not count it', () => {
    const id = learnerWho('sample@x.test', 15);
    t.db.insert(externalCe).values({ userId: id, provider: 'Other', title: 'Outside course', completedOn: '2026-10-01', hoursCenti: 200, agdCode: '550', format: 'self-study' }).run();
    const before = transcriptRecords(t.db, id);
    const cert = issue(id, shipped)!;
    expect(cert.sample).toBe(true);
    const v = verifyCode(t.db, cert.code);
    expect(v).toMatchObject({ status: 'sample', sample: true, note: 'Sample certificate, not valid for CE credit.' });
    expect(transcriptRecords(t.db, id)).toEqual(before);
    expect(before.reduce((s, r) => s + r.hoursCenti, 0)).toBe(200);
  });

  it('with a filled-in provider the certificate is real and counts', () => {
    const id = learnerWho('real@x.test', 15);
    const cert = issue(id, filled)!;
    expect(cert.sample).toBe(false);
    expect(verifyCode(t.db, cert.code)).toMatchObject({ status: 'valid', sample: false });
    expect(transcriptRecords(t.db, id).reduce((s, r) => s + r.hoursCenti, 0)).toBe(100);
  });

  it('a course whose reviewers are still placeholders issues samples; one without reviewers issues nothing', () => {
    const pending = learnerWho('pending@x.test', 15);
    const pendingCourse = { ...course, fields: { ...course.fields, reviewers: [{ name: '[OPERATOR: reviewer]', credentials: '[OPERATOR: credentials]' }] } };
    const sample = certify(t.db, { userId: pending, participant: { fullName: 'Pat', profession: 'other' }, course: pendingCourse, complete: true, provider: filled, instructors: [], verifyBase: 'http://x' });
    expect(sample!.sample).toBe(true);

    const none = learnerWho('none@x.test', 15);
    const bare = { ...course, fields: { ...course.fields, reviewers: [], reviewedOn: undefined } };
    const standing = creditStanding(t.db, none, bare, true, filled);
    expect(standing.decision.unmet.map((c) => c.id)).toEqual(['creditable']);
    expect(standing.decision.unmet[0]!.message).toBe('This course carries no CE credit: no reviewers listed (reviewers in course.yaml); no review date (reviewedOn in course.yaml).');
    expect(certify(t.db, { userId: none, participant: { fullName: 'Pat', profession: 'other' }, course: bare, complete: true, provider: filled, instructors: [], verifyBase: 'http://x' })).toBeNull();
  });
});
