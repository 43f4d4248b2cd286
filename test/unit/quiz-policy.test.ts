import { describe, expect, it } from 'vitest';
import { attemptState, displayMode, startDecision, SUBMIT_GRACE_MS, type AttemptRecord } from '~/lib/domain/quiz/policy';
import type { QuizSettings } from '~/lib/shared/schemas/quiz';

const MIN = 60_000;
const settings: QuizSettings = {
  questionsPerAttempt: 3,
  minPerObjective: 1,
  passMark: 70,
  maxAttempts: 3,
  cooldownMinutes: 60,
  timeLimitMinutes: null,
  shuffleQuestions: true,
  shuffleOptions: true,
  requireLessons: true,
  expectedMinutes: 10,
  showAfterSubmit: { beforePass: 'feedback', afterPass: 'full' },
};
const failed = (id: number, at: number): AttemptRecord => ({ id, startedAt: at - 5 * MIN, submittedAt: at, deadlineAt: null, passed: false });

describe('attempt policy', () => {
  it('needs the lessons first when the bank says so', () => {
    expect(startDecision(settings, [], false, 0)).toMatchObject({ kind: 'blocked', reason: 'lessons' });
    expect(startDecision({ ...settings, requireLessons: false }, [], false, 0)).toEqual({ kind: 'start', attemptsLeft: 3 });
  });

  it('resumes an open attempt instead of drawing a new one', () => {
    const open: AttemptRecord = { id: 7, startedAt: 0, submittedAt: null, deadlineAt: null, passed: null };
    expect(startDecision(settings, [open], true, 10 * MIN)).toEqual({ kind: 'resume', attemptId: 7 });
  });

  it('enforces the cooldown from the end of the last attempt, to the millisecond', () => {
    const t = 1_000_000_000;
    const decision = startDecision(settings, [failed(1, t)], true, t + 60 * MIN - 1);
    expect(decision).toMatchObject({ kind: 'blocked', reason: 'cooldown', until: t + 60 * MIN });
    expect(startDecision(settings, [failed(1, t)], true, t + 60 * MIN)).toEqual({ kind: 'start', attemptsLeft: 2 });
  });

  it('an admin grant adds attempts beyond the maximum and ends a running cooldown', () => {
    const t = 1_000_000_000;
    const three = [failed(1, t), failed(2, t + 100 * MIN), failed(3, t + 200 * MIN)];
    const later = t + 300 * MIN;
    expect(startDecision(settings, three, true, later)).toMatchObject({ kind: 'blocked', reason: 'no-attempts-left' });
    // One more attempt: 3 + 1 allowed, 3 used, 1 left.
    expect(startDecision(settings, three, true, later, { extraAttempts: 1, cooldownEndedAt: null })).toEqual({ kind: 'start', attemptsLeft: 1 });
    // Ten minutes after the third attempt the cooldown holds, unless the admin ended it after that attempt.
    const soon = t + 210 * MIN;
    const two = three.slice(0, 2).concat(failed(3, t + 200 * MIN));
    expect(startDecision({ ...settings, maxAttempts: 5 }, two, true, soon)).toMatchObject({ reason: 'cooldown' });
    expect(startDecision({ ...settings, maxAttempts: 5 }, two, true, soon, { extraAttempts: 0, cooldownEndedAt: t + 205 * MIN })).toEqual({ kind: 'start', attemptsLeft: 2 });
    // A waiver given before the last attempt ended does not carry over to the next cooldown.
    expect(startDecision({ ...settings, maxAttempts: 5 }, two, true, soon, { extraAttempts: 0, cooldownEndedAt: t + 150 * MIN })).toMatchObject({ reason: 'cooldown' });
  });

  it('stops after the maximum number of attempts, and after a pass', () => {
    const t = 1_000_000_000;
    const three = [failed(1, t), failed(2, t + 2 * 60 * MIN), failed(3, t + 4 * 60 * MIN)];
    expect(startDecision(settings, three, true, t + 100 * 60 * MIN)).toMatchObject({ kind: 'blocked', reason: 'no-attempts-left' });
    expect(startDecision({ ...settings, maxAttempts: null }, three, true, t + 100 * 60 * MIN)).toEqual({ kind: 'start', attemptsLeft: null });
    const passed = { ...failed(4, t), passed: true };
    expect(startDecision(settings, [passed], true, t + 100 * 60 * MIN)).toMatchObject({ kind: 'blocked', reason: 'passed' });
  });

  it('treats an unsubmitted attempt past its deadline and grace as expired, counting it', () => {
    const a: AttemptRecord = { id: 1, startedAt: 0, submittedAt: null, deadlineAt: 30 * MIN, passed: null };
    expect(attemptState(a, 30 * MIN + SUBMIT_GRACE_MS)).toBe('open');
    expect(attemptState(a, 30 * MIN + SUBMIT_GRACE_MS + 1)).toBe('expired');
    // The cooldown runs from the deadline of the expired attempt.
    expect(startDecision(settings, [a], true, 31 * MIN)).toMatchObject({ kind: 'blocked', reason: 'cooldown', until: 90 * MIN });
  });

  it('shows the after-pass view once the learner has passed', () => {
    expect(displayMode(settings, false)).toBe('feedback');
    expect(displayMode(settings, true)).toBe('full');
  });
});
