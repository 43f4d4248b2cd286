/**
 * Post-test attempts. The server owns every attempt: the draw and a snapshot of each drawn
 * question are stored when the attempt starts, submissions are scored from that snapshot, and a
 * second submission of the same attempt returns the stored result without writing anything.
 */
import { clock } from '../shared/clock';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { preparedOnce } from './db';
import { z } from 'zod';
import type { Db } from '../../../db/client';
import { attemptGrants, quizAttempts, quizResponses } from '../../../db/schema';
import { writeAudit } from './audit';
import type { QuizBank } from '../shared/schemas/quiz';
import { drawAttempt, type Rng } from '../domain/quiz/draw';
import { attemptState, displayMode, NO_GRANT, startDecision, type AttemptGrant, type AttemptRecord, type StartDecision } from '../domain/quiz/policy';
import { scoreAttempt, scoreQuestion } from '../domain/quiz/scoring';
import { drawnQuestionSchema, answerSchema, type Answer, type DrawnQuestion } from '../domain/quiz/snapshot';
import { answerFieldName, collectFormFields, MAX_ANSWER_LENGTH, parseSubmission } from '../domain/quiz/submission';
import { feedbackView, learnerView, type FeedbackView, type LearnerQuestion } from '../domain/quiz/view';

export interface Attempt extends AttemptRecord {
  userId: number;
  course: string;
  passMark: number;
  questions: DrawnQuestion[];
  score: number | null;
  maxScore: number | null;
}

const snapshotSchema = z.array(drawnQuestionSchema);

function toAttempt(row: typeof quizAttempts.$inferSelect): Attempt {
  return {
    id: row.id,
    userId: row.userId,
    course: row.course,
    passMark: row.passMark ?? 70,
    questions: snapshotSchema.parse(row.questions) as DrawnQuestion[],
    startedAt: row.startedAt,
    deadlineAt: row.deadlineAt,
    submittedAt: row.submittedAt,
    score: row.score,
    maxScore: row.maxScore,
    passed: row.passed,
  };
}

/** A learner's attempts at a course's post-test, oldest first (without the snapshots). */
export function listAttempts(db: Db, userId: number, course: string): Array<AttemptRecord & { score: number | null; maxScore: number | null }> {
  return db
    .select({
      id: quizAttempts.id,
      startedAt: quizAttempts.startedAt,
      submittedAt: quizAttempts.submittedAt,
      deadlineAt: quizAttempts.deadlineAt,
      passed: quizAttempts.passed,
      score: quizAttempts.score,
      maxScore: quizAttempts.maxScore,
    })
    .from(quizAttempts)
    .where(and(eq(quizAttempts.userId, userId), eq(quizAttempts.course, course)))
    .orderBy(asc(quizAttempts.startedAt), asc(quizAttempts.id))
    .all();
}

export function hasPassed(db: Db, userId: number, course: string): boolean {
  return !!db
    .select({ id: quizAttempts.id })
    .from(quizAttempts)
    .where(and(eq(quizAttempts.userId, userId), eq(quizAttempts.course, course), eq(quizAttempts.passed, true)))
    .get();
}

/** The attempt, if it exists and belongs to this learner (anyone else's is "not found"). */
const attemptById = preparedOnce((db) =>
  db
    .select()
    .from(quizAttempts)
    .where(and(eq(quizAttempts.id, sql.placeholder('id')), eq(quizAttempts.userId, sql.placeholder('userId'))))
    .prepare(),
);
export function loadAttempt(db: Db, userId: number, attemptId: number): Attempt | undefined {
  const row = attemptById(db).get({ id: attemptId, userId });
  return row ? toAttempt(row) : undefined;
}

export type StartResult = { ok: true; attemptId: number; resumed: boolean } | { ok: false; decision: Extract<StartDecision, { kind: 'blocked' }> };

/** Starts an attempt (or resumes the open one) inside one immediate transaction, so a double click cannot start two. */
export function startAttempt(
  db: Db,
  args: { userId: number; course: string; bank: QuizBank; lessonsComplete: boolean; rng?: Rng; now?: number },
): StartResult {
  const now = args.now ?? clock.now();
  return db.transaction(
    (tx) => {
      const attempts = listAttempts(tx as unknown as Db, args.userId, args.course);
      const decision = startDecision(args.bank.settings, attempts, args.lessonsComplete, now, attemptGrant(tx as unknown as Db, args.userId, args.course));
      if (decision.kind === 'resume') return { ok: true as const, attemptId: decision.attemptId, resumed: true };
      if (decision.kind === 'blocked') return { ok: false as const, decision };
      const questions = drawAttempt(args.bank, args.rng ?? Math.random);
      const limit = args.bank.settings.timeLimitMinutes;
      const row = tx
        .insert(quizAttempts)
        .values({ userId: args.userId, course: args.course, questions, passMark: args.bank.settings.passMark, startedAt: now, deadlineAt: limit ? now + limit * 60_000 : null })
        .returning({ id: quizAttempts.id })
        .get();
      return { ok: true as const, attemptId: row.id, resumed: false };
    },
    { behavior: 'immediate' },
  );
}

/** Option ids as the page shows them: o1, o2… in display order, so bank ids (and their order) never reach the browser. */
function displayId(q: DrawnQuestion, bankId: string): string {
  return 'optionOrder' in q ? `o${q.optionOrder.indexOf(bankId) + 1}` : bankId;
}
function bankId(q: DrawnQuestion, shown: string): string | undefined {
  if (!('optionOrder' in q)) return shown;
  const m = /^o(\d{1,2})$/.exec(shown);
  return m ? q.optionOrder[Number(m[1]) - 1] : undefined;
}

/** The questions as the learner may see them before submitting: no key, no points, no explanation. */
export function learnerQuestions(attempt: Attempt): LearnerQuestion[] {
  return attempt.questions.map((q) => {
    const view = learnerView(q);
    if (view.type === 'single' || view.type === 'multiple') {
      return { ...view, options: view.options.map((o) => ({ id: displayId(q, o.id), text: o.text })) };
    }
    return view;
  });
}

/** Turns display ids in a posted form back into bank option ids; unknown ids become a value no option has. */
function toBankIds(questions: DrawnQuestion[], form: Record<string, string | string[]>): Record<string, string | string[]> {
  const byField = new Map(questions.filter((q) => 'optionOrder' in q).map((q) => [`q:${q.id}`, q]));
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(form)) {
    const q = byField.get(name);
    if (!q) {
      out[name] = value;
      continue;
    }
    const map = (v: string) => (v === '' ? '' : (bankId(q, v) ?? `\u0000${v}`));
    out[name] = Array.isArray(value) ? value.map(map) : map(value);
  }
  return out;
}

export type SubmitResult =
  | { ok: true; attemptId: number; alreadySubmitted: boolean; score: number; maxScore: number; passed: boolean }
  | { ok: false; status: 400 | 404; message: string };

/**
 * Scores a submission from the stored snapshot. Refuses (400, nothing stored) a form that does not
 * match the attempt and a submission after the time limit and its grace; answers a repeated
 * submission with the stored result.
 */
export function submitAttempt(
  db: Db,
  args: { userId: number; attemptId: number; form: FormData | Record<string, string | string[]>; now?: number; attempt?: Attempt },
): SubmitResult {
  const now = args.now ?? clock.now();
  const attempt = args.attempt ?? loadAttempt(db, args.userId, args.attemptId);
  if (!attempt) return { ok: false, status: 404, message: 'That post-test attempt does not exist.' };
  const stored = () => ({ ok: true as const, attemptId: attempt.id, alreadySubmitted: true, score: attempt.score ?? 0, maxScore: attempt.maxScore ?? 0, passed: !!attempt.passed });
  if (attempt.submittedAt !== null) return stored();
  if (attemptState(attempt, now) === 'expired') {
    return { ok: false, status: 400, message: 'The time limit for this attempt has passed, so these answers were not accepted. The attempt counts as not passed.' };
  }
  const fields = args.form instanceof FormData ? collectFormFields(args.form.entries()) : args.form;
  const parsed = parseSubmission(attempt.questions, toBankIds(attempt.questions, fields));
  if (!parsed.ok) return { ok: false, status: 400, message: parsed.error };
  const result = scoreAttempt(attempt.questions, parsed.answers, attempt.passMark);
  return db.transaction(
    (tx) => {
      // Only the first submission wins, even if two arrive at once.
      const claimed = claimAttempt(db).run({ id: attempt.id, now, score: result.score, maxScore: result.maxScore, passed: Number(result.passed) });
      if (claimed.changes === 0) {
        const again = loadAttempt(tx as unknown as Db, args.userId, attempt.id)!;
        return { ok: true as const, attemptId: attempt.id, alreadySubmitted: true, score: again.score ?? 0, maxScore: again.maxScore ?? 0, passed: !!again.passed };
      }
      const insert = insertResponse(db);
      for (const r of result.perQuestion) {
        insert.run({ attemptId: attempt.id, questionId: r.questionId, answer: r.answer == null ? null : JSON.stringify(r.answer), points: r.points, maxPoints: r.maxPoints, correct: r.correct == null ? null : Number(r.correct) });
      }
      return { ok: true as const, attemptId: attempt.id, alreadySubmitted: false, score: result.score, maxScore: result.maxScore, passed: result.passed };
    },
    { behavior: 'immediate' },
  );
}

// The two writes of a submission, built once (db.ts, preparedOnce); they run in its transaction.
// Values wrapped in sql`` are given as stored (0/1, JSON text): Drizzle's typing takes no bare
// placeholder in `set`, and its JSON encoder would store a blank answer as the text 'null'.
const claimAttempt = preparedOnce((db) =>
  db
    .update(quizAttempts)
    .set({ submittedAt: sql`${sql.placeholder('now')}`, score: sql`${sql.placeholder('score')}`, maxScore: sql`${sql.placeholder('maxScore')}`, passed: sql`${sql.placeholder('passed')}` })
    .where(and(eq(quizAttempts.id, sql.placeholder('id')), isNull(quizAttempts.submittedAt)))
    .prepare(),
);
const insertResponse = preparedOnce((db) =>
  db
    .insert(quizResponses)
    .values({
      attemptId: sql.placeholder('attemptId'),
      questionId: sql.placeholder('questionId'),
      answer: sql`${sql.placeholder('answer')}`,
      points: sql.placeholder('points'),
      maxPoints: sql.placeholder('maxPoints'),
      correct: sql`${sql.placeholder('correct')}`,
    })
    .prepare(),
);

export type DraftFields = Record<string, string[]>;
export type SaveDraftResult = { ok: true; saved: number } | { ok: false; status: 400 | 404 | 409; message: string };

/**
 * Keeps the answers given so far on an open attempt (as the form holds them), so a reload, a dropped
 * connection or another device finds them again. Only the attempt's own answer fields are kept; the
 * draft is never scored (submission is) and holds nothing the learner did not type or tick.
 */
export function saveDraft(db: Db, args: { userId: number; attemptId: number; form: FormData; now?: number }): SaveDraftResult {
  const attempt = loadAttempt(db, args.userId, args.attemptId);
  if (!attempt) return { ok: false, status: 404, message: 'That post-test attempt does not exist.' };
  if (attemptState(attempt, args.now ?? clock.now()) !== 'open') return { ok: false, status: 409, message: 'This attempt is closed: its answers can no longer change.' };
  const allowed = new Set(learnerQuestions(attempt).flatMap((q) => (q.type === 'matching' ? q.items.map((i) => answerFieldName(q.id, i.id)) : [answerFieldName(q.id)])));
  const draft: DraftFields = {};
  for (const [name, value] of Object.entries(collectFormFields(args.form.entries()))) {
    if (!allowed.has(name)) continue;
    const values = (Array.isArray(value) ? value : [value]).slice(0, 20);
    if (values.some((v) => v.length > MAX_ANSWER_LENGTH)) return { ok: false, status: 400, message: `Answers are at most ${MAX_ANSWER_LENGTH} characters.` };
    draft[name] = values;
  }
  db.update(quizAttempts).set({ draft }).where(and(eq(quizAttempts.id, attempt.id), isNull(quizAttempts.submittedAt))).run();
  return { ok: true, saved: Object.values(draft).filter((v) => v.some((x) => x.trim() !== '')).length };
}

/** The answers saved so far on an attempt (empty when none). */
export function loadDraft(db: Db, userId: number, attemptId: number): DraftFields {
  const row = db.select({ draft: quizAttempts.draft }).from(quizAttempts).where(and(eq(quizAttempts.id, attemptId), eq(quizAttempts.userId, userId))).get();
  const parsed = z.record(z.array(z.string())).safeParse(row?.draft ?? {});
  return parsed.success ? parsed.data : {};
}

/** The results page of a submitted attempt, in the mode the bank's settings allow. */
export function attemptFeedback(db: Db, attempt: Attempt, bank: QuizBank, learnerHasPassed: boolean): FeedbackView[] {
  const mode = displayMode(bank.settings, learnerHasPassed);
  const rows = db.select().from(quizResponses).where(eq(quizResponses.attemptId, attempt.id)).all();
  const answers = new Map(rows.map((r) => [r.questionId, r.answer === null ? null : (answerSchema.parse(r.answer) as Answer)]));
  return attempt.questions.map((q) => {
    const answer = answers.get(q.id) ?? null;
    return feedbackView(q, answer, scoreQuestion(q, answer), mode);
  });
}

/** The admin's exceptions to the post-test rules for this learner and course (none by default). */
export function attemptGrant(db: Db, userId: number, course: string): AttemptGrant {
  const row = db.select().from(attemptGrants).where(and(eq(attemptGrants.userId, userId), eq(attemptGrants.course, course))).get();
  return row ? { extraAttempts: row.extraAttempts, cooldownEndedAt: row.cooldownEndedAt } : NO_GRANT;
}

/**
 * An admin's exception, written with its audit entry in one transaction: one more attempt beyond
 * the course's maximum, or the current cooldown ended now. The attempt rules themselves stay in
 * `domain/quiz/policy.ts`, which reads the grant.
 */
export function grantException(db: Db, actorId: number, userId: number, course: string, kind: 'extra-attempt' | 'end-cooldown', now = clock.now()): AttemptGrant {
  return db.transaction((tx) => {
    const current = attemptGrant(tx as unknown as Db, userId, course);
    const next: AttemptGrant = kind === 'extra-attempt' ? { ...current, extraAttempts: current.extraAttempts + 1 } : { ...current, cooldownEndedAt: now };
    tx.insert(attemptGrants)
      .values({ userId, course, ...next })
      .onConflictDoUpdate({ target: [attemptGrants.userId, attemptGrants.course], set: next })
      .run();
    writeAudit(tx, { actorId, action: kind === 'extra-attempt' ? 'attempts.grant' : 'attempts.end-cooldown', subject: `user:${userId}`, detail: { course, ...(kind === 'extra-attempt' ? { extraAttempts: next.extraAttempts } : {}) } }, now);
    return next;
  });
}
