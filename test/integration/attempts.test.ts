import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { addUser, freshDb, type TestDb } from '../fixtures/db';
import { auditLog, quizResponses } from '../../db/schema';
import { quizBankSchema, type QuizBank } from '~/lib/shared/schemas/quiz';
import { mulberry32 } from '~/lib/domain/quiz/draw';
import { attemptFeedback, grantException, learnerQuestions, loadAttempt, loadDraft, saveDraft, startAttempt, submitAttempt } from '~/lib/server/attempts';

const MIN = 60_000;
const bankInput = {
  course: 'c1',
  settings: {
    questionsPerAttempt: 3,
    minPerObjective: 1,
    passMark: 70,
    maxAttempts: 3,
    cooldownMinutes: 30,
    timeLimitMinutes: null,
    shuffleQuestions: true,
    shuffleOptions: true,
    requireLessons: true,
    expectedMinutes: 5,
    showAfterSubmit: { beforePass: 'feedback', afterPass: 'full' },
  },
  questions: [
    { id: 'a1', objective: 'alpha', type: 'single', prompt: 'A1?', points: 1, explanation: 'EXPLAIN-A1', options: [{ id: 'x', text: 'Right A1', correct: true }, { id: 'y', text: 'Wrong A1' }] },
    { id: 'a2', objective: 'alpha', type: 'true-false', prompt: 'A2?', points: 1, explanation: 'EXPLAIN-A2', answer: false },
    { id: 'b1', objective: 'beta', type: 'numeric', prompt: 'B1?', points: 1, explanation: 'EXPLAIN-B1', answer: 1805 },
    { id: 'b2', objective: 'beta', type: 'code', prompt: 'B2?', points: 1, explanation: 'EXPLAIN-B2', accepted: ['S02.5XXA'] },
    { id: 'g1', objective: 'gamma', type: 'multiple', prompt: 'G1?', points: 1, explanation: 'EXPLAIN-G1', options: [{ id: 'p', text: 'P', correct: true }, { id: 'q', text: 'Q', correct: true }, { id: 'r', text: 'R' }] },
    { id: 'g2', objective: 'gamma', type: 'matching', prompt: 'G2?', points: 1, explanation: 'EXPLAIN-G2', pairs: [{ id: 'm1', left: '#9', right: '21' }, { id: 'm2', left: '#10', right: '22' }] },
  ],
};
const bank: QuizBank = quizBankSchema.parse(bankInput);

let t: TestDb;
beforeAll(() => {
  t = freshDb();
});
afterAll(() => t.close());

// Every test makes its own learner (and so its own attempts): none reads what another left behind.
let made = 0;
const newLearner = () => addUser(t.db, `l${++made}@x.test`, `Learner ${made}`).id;

/** A fresh learner with an open attempt at c1, drawn with a fixed seed at minute 1,000. */
function openAttempt() {
  const userId = newLearner();
  const r = startAttempt(t.db, { userId, course: 'c1', bank, lessonsComplete: true, rng: mulberry32(1), now: 1_000 * MIN });
  if (!r.ok) throw new Error('setup: the attempt did not start');
  return { userId, attemptId: r.attemptId, attempt: loadAttempt(t.db, userId, r.attemptId)! };
}

/** The right answers for an attempt, as form fields with the page's display ids. */
function rightAnswers(attemptId: number, owner: number): Record<string, string | string[]> {
  const attempt = loadAttempt(t.db, owner, attemptId)!;
  const views = learnerQuestions(attempt);
  const form: Record<string, string | string[]> = { attempt: String(attemptId) };
  attempt.questions.forEach((q, i) => {
    const view = views[i]!;
    const name = `q:${q.id}`;
    if (q.type === 'single' || q.type === 'multiple') {
      const correct = q.options.filter((o) => o.correct).map((o) => o.id);
      const shown = correct.map((id) => `o${q.optionOrder.indexOf(id) + 1}`);
      form[name] = q.type === 'single' ? shown[0]! : shown;
      expect(view.type === q.type && view.options.every((o) => /^o\d+$/.test(o.id))).toBe(true);
    } else if (q.type === 'true-false') form[name] = String(q.answer);
    else if (q.type === 'numeric') form[name] = '$1,805.00';
    else if (q.type === 'code') form[name] = 's02.5 xxa';
    else if (q.type === 'matching') for (const p of q.pairs) form[`${name}:${p.id}`] = q.rightChoices.find((c) => c.pairId === p.id)!.id;
  });
  return form;
}

const responsesOf = (attemptId: number) => t.db.select({ n: count() }).from(quizResponses).where(eq(quizResponses.attemptId, attemptId)).get()!.n;

describe('post-test attempts', () => {
  it('cannot start before the lessons are complete', () => {
    const r = startAttempt(t.db, { userId: newLearner(), course: 'c1', bank, lessonsComplete: false });
    expect(r).toMatchObject({ ok: false, decision: { reason: 'lessons' } });
  });

  it('store the draw with a full snapshot, one per objective, and resume instead of drawing again', () => {
    const { userId, attemptId, attempt } = openAttempt();
    expect(new Set(attempt.questions.map((q) => q.objective))).toEqual(new Set(['alpha', 'beta', 'gamma']));
    expect(attempt.questions.every((q) => q.explanation.startsWith('EXPLAIN-'))).toBe(true);
    expect(attempt.passMark).toBe(70);
    const again = startAttempt(t.db, { userId, course: 'c1', bank, lessonsComplete: true, now: 1_001 * MIN });
    expect(again).toEqual({ ok: true, attemptId, resumed: true });
  });

  it('never show the key, the explanation or the points to the learner before submission', () => {
    const { attempt } = openAttempt();
    const page = JSON.stringify(learnerQuestions(attempt));
    expect(page).not.toMatch(/EXPLAIN-|"correct"|"answer"|"accepted"|"points"|S02\.5XXA|1805|"pairId"|"objective"/);
    for (const q of attempt.questions) {
      if (q.type === 'single' || q.type === 'multiple') for (const o of q.options) expect(page).not.toContain(`"id":"${o.id}"`);
    }
  });

  it('refuse every kind of tampered submission and store nothing', () => {
    const { userId, attempt } = openAttempt();
    const good = rightAnswers(attempt.id, userId);
    const first = attempt.questions[0]!;
    const tampered: Array<Record<string, string | string[]>> = [
      { ...good, 'q:not-in-attempt': 'x' },
      { ...good, [`q:${first.id}:extra:bits`]: 'x' },
      ...attempt.questions.flatMap((q): Array<Record<string, string | string[]>> => {
        if (q.type === 'single') return [{ ...good, [`q:${q.id}`]: 'o9' }, { ...good, [`q:${q.id}`]: ['o1', 'o2'] }];
        if (q.type === 'multiple') return [{ ...good, [`q:${q.id}`]: ['o1', 'o1'] }, { ...good, [`q:${q.id}`]: ['x'] }];
        if (q.type === 'true-false') return [{ ...good, [`q:${q.id}`]: 'maybe' }];
        if (q.type === 'numeric') return [{ ...good, [`q:${q.id}`]: 'eighteen hundred' }, { ...good, [`q:${q.id}`]: '1'.repeat(201) }];
        if (q.type === 'code') return [{ ...good, [`q:${q.id}`]: 'S'.repeat(201) }];
        if (q.type === 'matching') return [{ ...good, [`q:${q.id}:m1`]: 'r99' }, { ...good, [`q:${q.id}:zz`]: 'r1' }];
        return [];
      }),
    ];
    for (const form of tampered) {
      const r = submitAttempt(t.db, { userId, attemptId: attempt.id, form });
      expect(r, JSON.stringify(form)).toMatchObject({ ok: false, status: 400 });
    }
    expect(loadAttempt(t.db, userId, attempt.id)!.submittedAt).toBeNull();
    expect(responsesOf(attempt.id)).toBe(0);
  });

  it("is not found for another learner's attempt", () => {
    const { attemptId } = openAttempt();
    expect(submitAttempt(t.db, { userId: newLearner(), attemptId, form: {} })).toMatchObject({ ok: false, status: 404 });
    expect(responsesOf(attemptId)).toBe(0);
  });

  it('score a blank submission as 0, once; a second submission returns the stored result', () => {
    const { userId, attemptId } = openAttempt();
    const r = submitAttempt(t.db, { userId, attemptId, form: { attempt: String(attemptId) }, now: 1_010 * MIN });
    expect(r).toMatchObject({ ok: true, alreadySubmitted: false, score: 0, maxScore: 3, passed: false });
    expect(responsesOf(attemptId)).toBe(3);
    const again = submitAttempt(t.db, { userId, attemptId, form: rightAnswers(attemptId, userId), now: 1_011 * MIN });
    expect(again).toMatchObject({ ok: true, alreadySubmitted: true, score: 0, passed: false });
    expect(responsesOf(attemptId)).toBe(3);
  });

  it('store a blank answer as NULL and a right one as JSON marked correct (the prepared insert, issue 21)', () => {
    const { userId, attemptId } = openAttempt();
    const right = rightAnswers(attemptId, userId);
    // Answer only the first drawn question, rightly; leave the other two blank.
    const first = loadAttempt(t.db, userId, attemptId)!.questions[0]!;
    const form = Object.fromEntries(Object.entries(right).filter(([name]) => name === 'attempt' || name === `q:${first.id}` || name.startsWith(`q:${first.id}:`)));
    expect(submitAttempt(t.db, { userId, attemptId, form, now: 1_010 * MIN })).toMatchObject({ ok: true, score: 1, maxScore: 3 });
    const rows = t.db.$client
      .prepare('select question_id as q, answer, points, correct from quiz_responses where attempt_id = ? order by question_id')
      .all(attemptId) as Array<{ q: string; answer: string | null; points: number; correct: number | null }>;
    expect(rows).toHaveLength(3);
    const answered = rows.find((r) => r.q === first.id)!;
    expect(answered.answer).not.toBeNull();
    expect(JSON.parse(answered.answer!)).not.toBeNull();
    expect(answered).toMatchObject({ points: 1, correct: 1 });
    for (const blank of rows.filter((r) => r.q !== first.id)) expect(blank).toEqual({ q: blank.q, answer: null, points: 0, correct: 0 });
  });

  it('enforce the cooldown, then draw anew and pass with the right answers', () => {
    const { userId, attemptId } = openAttempt();
    // Failed at minute 1,010; the bank's cooldown is 30 minutes.
    submitAttempt(t.db, { userId, attemptId, form: {}, now: 1_010 * MIN });
    expect(startAttempt(t.db, { userId, course: 'c1', bank, lessonsComplete: true, now: 1_039 * MIN })).toMatchObject({ ok: false, decision: { reason: 'cooldown', until: 1_040 * MIN } });
    const r = startAttempt(t.db, { userId, course: 'c1', bank, lessonsComplete: true, rng: mulberry32(99), now: 1_040 * MIN });
    expect(r).toMatchObject({ ok: true, resumed: false });
    if (!r.ok) return;
    const result = submitAttempt(t.db, { userId, attemptId: r.attemptId, form: rightAnswers(r.attemptId, userId), now: 1_045 * MIN });
    expect(result).toMatchObject({ ok: true, score: 3, maxScore: 3, passed: true });
    expect(startAttempt(t.db, { userId, course: 'c1', bank, lessonsComplete: true, now: 2_000 * MIN })).toMatchObject({ ok: false, decision: { reason: 'passed' } });
  });

  it('enforce the attempt limit', () => {
    const userId = newLearner();
    const limited = quizBankSchema.parse({ ...bankInput, settings: { ...bankInput.settings, maxAttempts: 2, cooldownMinutes: 0 } });
    for (let i = 0; i < 2; i++) {
      const r = startAttempt(t.db, { userId, course: 'c1', bank: limited, lessonsComplete: true, now: (3_000 + i) * MIN });
      if (!r.ok) throw new Error('setup');
      submitAttempt(t.db, { userId, attemptId: r.attemptId, form: {}, now: (3_000 + i) * MIN + 1 });
    }
    expect(startAttempt(t.db, { userId, course: 'c1', bank: limited, lessonsComplete: true, now: 4_000 * MIN })).toMatchObject({ ok: false, decision: { reason: 'no-attempts-left' } });
  });

  it("an admin's extra attempt and ended cooldown let the learner start again, and both are audited", () => {
    const userId = newLearner();
    const admin = addUser(t.db, `admin${made}@x.test`, 'Admin').id;
    const limited = quizBankSchema.parse({ ...bankInput, settings: { ...bankInput.settings, maxAttempts: 1, cooldownMinutes: 30 } });
    const first = startAttempt(t.db, { userId, course: 'c1', bank: limited, lessonsComplete: true, now: 5_000 * MIN });
    if (!first.ok) throw new Error('setup');
    submitAttempt(t.db, { userId, attemptId: first.attemptId, form: {}, now: 5_001 * MIN });
    const at = 5_010 * MIN;
    expect(startAttempt(t.db, { userId, course: 'c1', bank: limited, lessonsComplete: true, now: at })).toMatchObject({ ok: false, decision: { reason: 'no-attempts-left' } });
    grantException(t.db, admin, userId, 'c1', 'extra-attempt', at);
    // One more attempt, but the 30-minute cooldown after minute 5,001 still runs.
    expect(startAttempt(t.db, { userId, course: 'c1', bank: limited, lessonsComplete: true, now: at })).toMatchObject({ ok: false, decision: { reason: 'cooldown' } });
    grantException(t.db, admin, userId, 'c1', 'end-cooldown', at);
    expect(startAttempt(t.db, { userId, course: 'c1', bank: limited, lessonsComplete: true, now: at })).toMatchObject({ ok: true, resumed: false });
    const entries = t.db.select().from(auditLog).all().filter((a) => a.subject === `user:${userId}`).map((a) => a.action);
    expect(entries).toEqual(['attempts.grant', 'attempts.end-cooldown']);
  });

  it('refuse a submission after the time limit and its grace, storing nothing', () => {
    const userId = newLearner();
    const timed = quizBankSchema.parse({ ...bankInput, course: 'c2', settings: { ...bankInput.settings, timeLimitMinutes: 10 } });
    const r = startAttempt(t.db, { userId, course: 'c2', bank: timed, lessonsComplete: true, now: 5_000 * MIN });
    if (!r.ok) throw new Error('setup');
    const late = submitAttempt(t.db, { userId, attemptId: r.attemptId, form: rightAnswers(r.attemptId, userId), now: 5_010 * MIN + 31_000 });
    expect(late).toMatchObject({ ok: false, status: 400 });
    expect(late.ok === false && late.message).toMatch(/time limit/);
    expect(loadAttempt(t.db, userId, r.attemptId)!.submittedAt).toBeNull();
    expect(responsesOf(r.attemptId)).toBe(0);
  });

  it('keep a stored score, key and pass mark when the bank is edited afterwards', () => {
    const userId = newLearner();
    const third = quizBankSchema.parse({ ...bankInput, course: 'c3', settings: { ...bankInput.settings, cooldownMinutes: 0 } });
    const r = startAttempt(t.db, { userId, course: 'c3', bank: third, lessonsComplete: true, now: 6_000 * MIN });
    if (!r.ok) throw new Error('setup');
    const form = rightAnswers(r.attemptId, userId);
    // The author edits the bank: every key changes and the pass mark rises to 100.
    const edited = structuredClone({ ...bankInput, course: 'c3' }) as typeof bankInput & { questions: any[] };
    edited.settings.passMark = 100;
    for (const q of edited.questions) {
      if (q.type === 'single' || q.type === 'multiple') for (const o of q.options) o.correct = !o.correct;
      if (q.type === 'true-false') q.answer = !q.answer;
      if (q.type === 'numeric') q.answer += 1;
      if (q.type === 'code') q.accepted = ['Z99.9'];
      if (q.type === 'matching') q.pairs = q.pairs.map((p: { right: string }, i: number, all: Array<{ right: string }>) => ({ ...p, right: all[(i + 1) % all.length]!.right }));
    }
    const editedBank = quizBankSchema.parse(edited);
    // The code is handed the edited bank at every step that takes one: the open attempt is resumed,
    // not redrawn; the submission is scored on the snapshot; the feedback shows the snapshot's key.
    expect(startAttempt(t.db, { userId, course: 'c3', bank: editedBank, lessonsComplete: true, now: 6_000 * MIN + 1 })).toEqual({ ok: true, attemptId: r.attemptId, resumed: true });
    const result = submitAttempt(t.db, { userId, attemptId: r.attemptId, form, now: 6_001 * MIN });
    expect(result).toMatchObject({ ok: true, score: 3, maxScore: 3, passed: true });
    const attempt = loadAttempt(t.db, userId, r.attemptId)!;
    expect(attempt.passMark).toBe(70);
    const feedback = attemptFeedback(t.db, attempt, editedBank, true);
    expect(feedback.map((f) => [f.correct, f.points])).toEqual([[true, 1], [true, 1], [true, 1]]);
    expect(startAttempt(t.db, { userId, course: 'c3', bank: editedBank, lessonsComplete: true, now: 6_002 * MIN })).toMatchObject({ ok: false, decision: { reason: 'passed' } });
  });
});

describe('answers saved as they are given (issue 18.5)', () => {
  const formOf = (fields: Array<[string, string]>) => {
    const f = new FormData();
    for (const [k, v] of fields) f.append(k, v);
    return f;
  };

  it('keeps the answer fields of an open attempt, for the learner who gave them, and nothing else', () => {
    const { userId, attemptId, attempt } = openAttempt();
    const [q1, q2] = learnerQuestions(attempt);
    const name1 = `q:${q1!.id}`;
    const name2 = q2!.type === 'matching' ? `q:${q2!.id}:${q2!.items[0]!.id}` : `q:${q2!.id}`;
    const result = saveDraft(t.db, { userId, attemptId, form: formOf([['attempt', String(attemptId)], [name1, 'first'], [name2, 'second'], [name2, 'again'], ['q:not-in-this-attempt', 'x'], ['note', 'y']]), now: 1_001 * MIN });
    expect(result).toEqual({ ok: true, saved: 2 });
    // Only the two answer fields are kept, with every value given (a ticked box repeats the field).
    expect(loadDraft(t.db, userId, attemptId)).toEqual({ [name1]: ['first'], [name2]: ['second', 'again'] });
    // Another learner neither reads nor writes it.
    const other = newLearner();
    expect(loadDraft(t.db, other, attemptId)).toEqual({});
    expect(saveDraft(t.db, { userId: other, attemptId, form: formOf([[name1, 'mine']]), now: 1_001 * MIN })).toMatchObject({ ok: false, status: 404 });
    // A later save replaces the earlier one: a cleared answer is cleared.
    expect(saveDraft(t.db, { userId, attemptId, form: formOf([[name1, '']]), now: 1_002 * MIN })).toEqual({ ok: true, saved: 0 });
    expect(loadDraft(t.db, userId, attemptId)).toEqual({ [name1]: [''] });
  });

  it('refuses to change the answers of a submitted attempt, and overlong values', () => {
    const { userId, attemptId, attempt } = openAttempt();
    const name = `q:${learnerQuestions(attempt)[0]!.id}`;
    expect(saveDraft(t.db, { userId, attemptId, form: formOf([[name, 'x'.repeat(201)]]), now: 1_001 * MIN })).toMatchObject({ ok: false, status: 400 });
    expect(submitAttempt(t.db, { userId, attemptId, form: rightAnswers(attemptId, userId), now: 1_002 * MIN })).toMatchObject({ ok: true });
    expect(saveDraft(t.db, { userId, attemptId, form: formOf([[name, 'late']]), now: 1_003 * MIN })).toMatchObject({ ok: false, status: 409 });
    expect(loadDraft(t.db, userId, attemptId)).toEqual({});
  });
});
