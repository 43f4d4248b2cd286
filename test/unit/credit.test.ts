import { describe, expect, it } from 'vitest';
import { certificateKind, creditConditions, creditDecision, type CreditInput } from '~/lib/domain/credit';

const ok: CreditInput = {
  complete: true,
  creditable: { ok: true, missing: [] },
  revoked: false,
  engaged: { minutes: 61, requiredMinutes: 60 },
  emailVerified: true,
};

describe('credit rule', () => {
  it('issues only when every condition holds', () => {
    expect(creditDecision(ok)).toEqual({ issue: true, unmet: [] });
    expect(creditDecision({ ...ok, complete: false }).issue).toBe(false);
    expect(creditDecision({ ...ok, creditable: { ok: false, missing: ['no reviewers'] } }).issue).toBe(false);
    expect(creditDecision({ ...ok, revoked: true }).issue).toBe(false);
    expect(creditDecision({ ...ok, engaged: { minutes: 59.9, requiredMinutes: 60 } }).issue).toBe(false);
  });

  it('a revoked certificate blocks issuing even when everything else is done', () => {
    const d = creditDecision({ ...ok, revoked: true });
    expect(d.unmet.map((c) => c.id)).toEqual(['not-revoked']);
    expect(d.unmet[0]!.message).toContain('Only an administrator');
  });

  it('says how much time is still needed, rounding the time so far down', () => {
    const time = creditConditions({ ...ok, engaged: { minutes: 29.8, requiredMinutes: 30 } }).find((c) => c.id === 'engaged-time')!;
    expect(time.met).toBe(false);
    expect(time.message).toBe('Spend at least 30 minutes in the course (so far: 29 minutes).');
  });

  it('names what the course lacks for credit', () => {
    const d = creditDecision({ ...ok, creditable: { ok: false, missing: ['no reviewers listed', 'no review date'] } });
    expect(d.unmet[0]!.message).toBe('This course carries no CE credit: no reviewers listed; no review date.');
  });

  it('a certificate issued before the provider is set up is a sample', () => {
    expect(certificateKind(false)).toBe('sample');
    expect(certificateKind(true)).toBe('real');
  });

  it('holds the certificate of a learner whose email address is not confirmed, and says how to release it', () => {
    const d = creditDecision({ ...ok, emailVerified: false });
    expect(d.issue).toBe(false);
    expect(d.unmet.map((c) => c.id)).toEqual(['email-verified']);
    expect(d.unmet[0]!.message).toBe('Confirm your email address with the link we emailed you: your certificate is issued as soon as you do.');
  });
});
