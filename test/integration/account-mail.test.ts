/** Password reset, address confirmation and the emailed sign-in link, on a real SQLite file. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { freshDb, type TestDb } from '../fixtures/db';
import { emailTokens, mailOutbox, users } from '../../db/schema';
import { resetClock, setClock } from '~/lib/shared/clock';
import { adminSendReset, confirmEmail, requestPasswordReset, requestSignInLink, resetPassword, useSignInLink } from '~/lib/server/account-mail';
import { signIn, signUp } from '~/lib/server/accounts';
import { deliverDue } from '~/lib/server/mail/sender';
import { fileTransport } from '~/lib/server/mail/transport';
import { validateSessionToken } from '~/lib/server/session';
import { RULES } from '~/lib/server/rate-limit';
import { emlTo, linkIn } from '../fixtures/eml';

const BASE = 'http://ce.example.test';
const SENDER = { name: 'Example Dental CE', contact: 'ce@example.test' };
const T = Date.UTC(2026, 10, 29, 9, 0, 0);
const MIN = 60_000;
const profile = { fullName: 'Rosa Diaz', profession: 'hygienist' as const, licenceState: 'TX', licenceNumber: null, agdId: null };

let t: TestDb;
beforeAll(() => {
  t = freshDb();
});
afterAll(() => t.close());
afterEach(() => resetClock());

const mailTo = (email: string, kind: string) => t.db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, email)).all().filter((m) => m.kind === kind);
const tokenIn = (text: string) => /token=([a-z2-7]{32})/.exec(text)?.[1];
const lastLink = (email: string, kind: string) => tokenIn(mailTo(email, kind).at(-1)!.text)!;

async function account(email: string, password: string, ip = 'ip-x') {
  const up = await signUp(t.db, ip, { ...profile, email, password }, BASE, SENDER);
  if (!up.ok) throw new Error('sign-up failed');
  return up.userId;
}

describe('password reset', () => {
  it('answers the same for a known and an unknown address, and queues a link only for the known one', async () => {
    setClock(T);
    await account('rosa@example.test', 'first good phrase');
    expect(requestPasswordReset(t.db, 'ip-1', 'ROSA@example.test', BASE, SENDER)).toEqual({ ok: true });
    expect(requestPasswordReset(t.db, 'ip-1', 'nobody@example.test', BASE, SENDER)).toEqual({ ok: true });
    expect(mailTo('rosa@example.test', 'reset')).toHaveLength(1);
    expect(mailTo('nobody@example.test', 'reset')).toHaveLength(0);
    const mail = mailTo('rosa@example.test', 'reset')[0]!;
    expect(mail.subject).toBe('Reset your Dental CE Club password');
    expect(mail.text).toMatch(/^http:\/\/ce\.example\.test\/reset-password\?token=[a-z2-7]{32}$/m);
    expect(mail.html).toContain('Choose a new password');
    expect(mail.text).toContain('Questions? Contact Example Dental CE: ce@example.test');
  });

  it('stores only the SHA-256 of the token', () => {
    const token = lastLink('rosa@example.test', 'reset');
    const stored = t.db.select().from(emailTokens).all();
    expect(stored.some((r) => r.id === token)).toBe(false);
    expect(stored.some((r) => r.id.length === 64 && /^[0-9a-f]+$/.test(r.id))).toBe(true);
  });

  it('sets the new password once, ends every session, and refuses the old password and the reused link', async () => {
    setClock(T + MIN);
    const a = await signIn(t.db, 'ip-2', 'rosa@example.test', 'first good phrase');
    const b = await signIn(t.db, 'ip-2', 'rosa@example.test', 'first good phrase');
    if (!a.ok || !b.ok) throw new Error('setup');
    const token = lastLink('rosa@example.test', 'reset');
    expect(await resetPassword(t.db, token, 'password123')).toMatchObject({ ok: false, reason: 'weak-password' });
    // A weak password does not use up the link.
    const done = await resetPassword(t.db, token, 'second good phrase');
    expect(done).toMatchObject({ ok: true, verifiedNow: true });
    expect(validateSessionToken(t.db, a.token)).toBeNull();
    expect(validateSessionToken(t.db, b.token)).toBeNull();
    expect(await resetPassword(t.db, token, 'third good phrase')).toMatchObject({ ok: false, reason: 'invalid-link' });
    expect((await signIn(t.db, 'ip-3', 'rosa@example.test', 'first good phrase')).ok).toBe(false);
    expect((await signIn(t.db, 'ip-3', 'rosa@example.test', 'second good phrase')).ok).toBe(true);
    // Reading mail sent to the address proves it: the account is now confirmed.
    expect(t.db.select().from(users).where(eq(users.email, 'rosa@example.test')).get()!.emailVerifiedAt).toBe(T + MIN);
  });

  it('a link works until 14:59 after it was sent, not at 15:00', async () => {
    setClock(T + 10 * MIN);
    requestPasswordReset(t.db, 'ip-4', 'rosa@example.test', BASE, SENDER);
    const token = lastLink('rosa@example.test', 'reset');
    setClock(T + 25 * MIN);
    expect(await resetPassword(t.db, token, 'fourth good phrase')).toMatchObject({ ok: false, reason: 'invalid-link' });
    setClock(T + 26 * MIN);
    requestPasswordReset(t.db, 'ip-4', 'rosa@example.test', BASE, SENDER);
    const fresh = lastLink('rosa@example.test', 'reset');
    setClock(T + 41 * MIN - 1);
    expect(await resetPassword(t.db, fresh, 'fourth good phrase')).toMatchObject({ ok: true });
  });

  it('a newer link replaces the older one', async () => {
    setClock(T + 2 * 60 * MIN);
    requestPasswordReset(t.db, 'ip-5', 'rosa@example.test', BASE, SENDER);
    const first = lastLink('rosa@example.test', 'reset');
    requestPasswordReset(t.db, 'ip-5', 'rosa@example.test', BASE, SENDER);
    const second = lastLink('rosa@example.test', 'reset');
    expect(second).not.toBe(first);
    expect(await resetPassword(t.db, first, 'fifth good phrase')).toMatchObject({ ok: false, reason: 'invalid-link' });
    expect(await resetPassword(t.db, second, 'fifth good phrase')).toMatchObject({ ok: true });
  });

  it('per account, a fourth request within the hour is answered the same but sends nothing; per network the 11th is refused', async () => {
    setClock(T + 5 * 60 * MIN);
    const before = mailTo('rosa@example.test', 'reset').length;
    for (let i = 0; i < 4; i++) expect(requestPasswordReset(t.db, `ip-acct-${i}`, 'rosa@example.test', BASE, SENDER)).toEqual({ ok: true });
    expect(mailTo('rosa@example.test', 'reset').length - before).toBe(RULES.mailAccount.limit);
    for (let i = 0; i < RULES.mailIp.limit; i++) expect(requestPasswordReset(t.db, 'ip-busy', `x${i}@example.test`, BASE, SENDER).ok).toBe(true);
    expect(requestPasswordReset(t.db, 'ip-busy', 'y@example.test', BASE, SENDER)).toMatchObject({ ok: false, reason: 'rate-limited' });
  });

  it('an admin can send a reset link; the message says who sent it', async () => {
    setClock(T + 8 * 60 * MIN);
    const id = t.db.select().from(users).where(eq(users.email, 'rosa@example.test')).get()!.id;
    expect(adminSendReset(t.db, id, 999_999, BASE, SENDER)).toBeNull();
    expect(adminSendReset(t.db, id, id, BASE, SENDER)?.email).toBe('rosa@example.test');
    expect(mailTo('rosa@example.test', 'reset').at(-1)!.text).toContain('A site administrator sent you this link');
  });

  it('once delivered, the body holding the link is removed from the database; the .eml has it', async () => {
    setClock(T + 9 * 60 * MIN);
    const dir = join(t.dir, 'outbox');
    await deliverDue(t.db, fileTransport(dir), 'CE <ce@example.test>');
    const reset = mailTo('rosa@example.test', 'reset').at(-1)!;
    expect(reset.status).toBe('sent');
    expect(reset.text).not.toMatch(/token=/);
    const eml = emlTo(dir, 'rosa@example.test').find((m) => m.file.startsWith(`${String(reset.id).padStart(6, '0')}-reset`))!;
    expect(linkIn(eml.text, '/reset-password')).toMatch(/^http:\/\/ce\.example\.test\/reset-password\?token=[a-z2-7]{32}$/);
    expect(eml.text).toMatch(/^Subject: Reset your Dental CE Club password$/m);
  });
});

describe('times in the recipient\'s zone', () => {
  it('says until when each link works, in the recipient\'s time zone with the zone named, or in UTC', async () => {
    setClock(T); // 2026-11-29 09:00 UTC = 1:00 AM in Los Angeles (PST, UTC-8)
    const up = await signUp(t.db, 'ip-zone', { ...profile, timeZone: 'America/Los_Angeles', email: 'lena@example.test', password: 'zone aware phrase' }, BASE, SENDER);
    expect(up.ok).toBe(true);
    // Confirmation: 48 hours later, Dec 1 09:00 UTC = 1:00 AM PST.
    expect(mailTo('lena@example.test', 'verify')[0]!.text).toContain('The link works for 48 hours, until Dec 1, 2026, 1:00 AM PST.');
    requestPasswordReset(t.db, 'ip-zone', 'lena@example.test', BASE, SENDER);
    // Reset: 15 minutes later, 09:15 UTC = 1:15 AM PST.
    const reset = mailTo('lena@example.test', 'reset')[0]!;
    expect(reset.text).toContain('for 15 minutes (until Nov 29, 2026, 1:15 AM PST)');
    expect(reset.html).toContain('until Nov 29, 2026, 1:15 AM PST');
    // Without a zone on file the time is UTC, and says so.
    await account('zoneless@example.test', 'no zone at all phrase', 'ip-zone2');
    requestPasswordReset(t.db, 'ip-zone2', 'zoneless@example.test', BASE, SENDER);
    expect(mailTo('zoneless@example.test', 'reset')[0]!.text).toContain('(until Nov 29, 2026, 9:15 AM UTC)');
  });
});

describe('address confirmation', () => {
  it('confirms once; the second use of the link is refused', async () => {
    setClock(T);
    const id = await account('sam@example.test', 'sams good phrase');
    const token = lastLink('sam@example.test', 'verify');
    setClock(T + 47 * 60 * MIN);
    expect(confirmEmail(t.db, token)).toMatchObject({ ok: true, verifiedNow: true });
    expect(t.db.select().from(users).where(eq(users.id, id)).get()!.emailVerifiedAt).toBe(T + 47 * 60 * MIN);
    expect(confirmEmail(t.db, token)).toMatchObject({ ok: false, reason: 'invalid-link' });
  });

  it('a confirmation link expires after 48 hours', async () => {
    setClock(T);
    await account('late@example.test', 'lates good phrase');
    const token = lastLink('late@example.test', 'verify');
    setClock(T + 48 * 60 * MIN);
    expect(confirmEmail(t.db, token)).toMatchObject({ ok: false });
  });
});

describe('emailed sign-in link', () => {
  it('signs the owner in once and never for an unknown address', async () => {
    setClock(T);
    await account('lock@example.test', 'locks good phrase');
    expect(requestSignInLink(t.db, 'ip-s', 'lock@example.test', BASE, SENDER)).toEqual({ ok: true });
    expect(requestSignInLink(t.db, 'ip-s', 'ghost@example.test', BASE, SENDER)).toEqual({ ok: true });
    expect(mailTo('ghost@example.test', 'sign-in')).toHaveLength(0);
    const token = lastLink('lock@example.test', 'sign-in');
    setClock(T + 14 * MIN);
    const used = useSignInLink(t.db, token);
    expect(used.ok).toBe(true);
    if (used.ok) expect(validateSessionToken(t.db, used.token)?.user.email).toBe('lock@example.test');
    expect(useSignInLink(t.db, token)).toMatchObject({ ok: false, reason: 'invalid-link' });
  });
});
