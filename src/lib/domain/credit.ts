/**
 * The one rule that decides whether a certificate may be issued automatically. Every page, action
 * and script asks `creditDecision`; nothing else decides. It is a plain list of conditions so a
 * new one (say, "email verified") is one more entry, and a refusal can say which ones are unmet.
 *
 * Whether an issued certificate is real or a sample is a separate question (`certificateKind`):
 * a sample shows the whole journey while the provider is not set up, but never counts as credit.
 */

export interface CreditInput {
  /** Every completion step is done (lessons, cases, post-test, evaluation: see completion.ts). */
  complete: boolean;
  /** The course records its authors, reviewers and review date and carries credit (see course-credit.ts). */
  creditable: { ok: boolean; missing: string[] };
  /** The learner holds a revoked certificate for this course: only an admin may issue another. */
  revoked: boolean;
  /** Engaged minutes measured on the server, against the share of the course's CE hours required. */
  engaged: { minutes: number; requiredMinutes: number };
  /**
   * The learner confirmed their email address. Until then they can learn to the end, and the
   * certificate waits: it is issued the moment they confirm (see account-mail.ts and actions/account.ts).
   */
  emailVerified: boolean;
}

export type ConditionId = 'complete' | 'creditable' | 'not-revoked' | 'engaged-time' | 'email-verified';
export interface Condition {
  id: ConditionId;
  met: boolean;
  /** What the learner (or admin) reads when the condition is not met. */
  message: string;
}

/** Whole minutes, rounded down, so "29 of 30 minutes" never reads as done. */
const mins = (m: number) => Math.floor(m);

export function creditConditions(input: CreditInput): Condition[] {
  return [
    { id: 'complete', met: input.complete, message: 'Finish every step of the course.' },
    {
      id: 'creditable',
      met: input.creditable.ok,
      message: input.creditable.missing.length ? `This course carries no CE credit: ${input.creditable.missing.join('; ')}.` : 'This course carries no CE credit.',
    },
    {
      id: 'not-revoked',
      met: !input.revoked,
      message: 'Your certificate for this course was revoked. Only an administrator can issue another.',
    },
    {
      id: 'engaged-time',
      met: input.engaged.minutes >= input.engaged.requiredMinutes,
      message: `Spend at least ${Math.ceil(input.engaged.requiredMinutes)} minutes in the course (so far: ${mins(input.engaged.minutes)} minutes).`,
    },
    {
      id: 'email-verified',
      met: input.emailVerified,
      message: 'Confirm your email address with the link we emailed you: your certificate is issued as soon as you do.',
    },
  ];
}

export interface CreditDecision {
  issue: boolean;
  unmet: Condition[];
}

/** May a certificate be issued now? Only when every condition holds. */
export function creditDecision(input: CreditInput): CreditDecision {
  const unmet = creditConditions(input).filter((c) => !c.met);
  return { issue: unmet.length === 0, unmet };
}

/** A certificate issued while the provider is not set up is a sample, and stays one forever. */
export function certificateKind(providerReady: boolean): 'real' | 'sample' {
  return providerReady ? 'real' : 'sample';
}
