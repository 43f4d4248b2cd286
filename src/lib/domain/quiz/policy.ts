/**
 * When a learner may start a post-test attempt. Pure: it takes the settings, the attempt history
 * and the clock, and returns a decision the pages can explain.
 */
import type { QuizSettings } from '~/lib/shared/schemas/quiz';

/** Seconds past the time limit during which a submission is still accepted (slow networks). */
export const SUBMIT_GRACE_MS = 30_000;

export interface AttemptRecord {
  id: number;
  startedAt: number;
  submittedAt: number | null;
  deadlineAt: number | null;
  passed: boolean | null;
}

export type AttemptState = 'open' | 'expired' | 'passed' | 'failed';

/** An unsubmitted attempt past its deadline and grace is expired: it counts as a failed attempt. */
export function attemptState(a: AttemptRecord, now: number): AttemptState {
  if (a.submittedAt !== null) return a.passed ? 'passed' : 'failed';
  if (a.deadlineAt !== null && now > a.deadlineAt + SUBMIT_GRACE_MS) return 'expired';
  return 'open';
}

/** When an attempt ended: its submission, or for an expired one its deadline. */
function endedAt(a: AttemptRecord): number {
  return a.submittedAt ?? a.deadlineAt ?? a.startedAt;
}

export type StartDecision =
  | { kind: 'resume'; attemptId: number }
  | { kind: 'start'; attemptsLeft: number | null }
  | { kind: 'blocked'; reason: 'lessons' | 'passed' | 'no-attempts-left'; message: string }
  | { kind: 'blocked'; reason: 'cooldown'; message: string; until: number };

/** An admin's exceptions for one learner (see `attempt_grants`); none by default. */
export interface AttemptGrant {
  extraAttempts: number;
  /** Attempts that ended before this time no longer start a cooldown. */
  cooldownEndedAt: number | null;
}

export const NO_GRANT: AttemptGrant = { extraAttempts: 0, cooldownEndedAt: null };

export function startDecision(settings: QuizSettings, attempts: AttemptRecord[], lessonsComplete: boolean, now: number, grant: AttemptGrant = NO_GRANT): StartDecision {
  const open = attempts.find((a) => attemptState(a, now) === 'open');
  if (open) return { kind: 'resume', attemptId: open.id };
  if (attempts.some((a) => attemptState(a, now) === 'passed')) {
    return { kind: 'blocked', reason: 'passed', message: 'You have passed this post-test.' };
  }
  if (settings.requireLessons && !lessonsComplete) {
    return { kind: 'blocked', reason: 'lessons', message: 'Finish every lesson of the course before you take the post-test.' };
  }
  const used = attempts.length;
  const allowed = settings.maxAttempts === null ? null : settings.maxAttempts + grant.extraAttempts;
  if (allowed !== null && used >= allowed) {
    return { kind: 'blocked', reason: 'no-attempts-left', message: `You have used all ${allowed} attempts at this post-test. Contact the course administrator if you need another.` };
  }
  const last = attempts.reduce<AttemptRecord | undefined>((latest, a) => (!latest || endedAt(a) > endedAt(latest) ? a : latest), undefined);
  if (last && settings.cooldownMinutes > 0 && !(grant.cooldownEndedAt !== null && endedAt(last) <= grant.cooldownEndedAt)) {
    const until = endedAt(last) + settings.cooldownMinutes * 60_000;
    if (now < until) return { kind: 'blocked', reason: 'cooldown', until, message: 'Your next attempt opens after a short break.' };
  }
  return { kind: 'start', attemptsLeft: allowed === null ? null : allowed - used };
}

/** The result-page mode: a learner who has passed sees the after-pass view of every attempt. */
export function displayMode(settings: QuizSettings, learnerHasPassed: boolean) {
  return learnerHasPassed ? settings.showAfterSubmit.afterPass : settings.showAfterSubmit.beforePass;
}
