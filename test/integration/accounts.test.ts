import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, freshDb, type TestDb } from '../fixtures/db';
import { auditLog, users } from '../../db/schema';
import { openDatabase } from '../../db/client';
import { changePassword, signIn, signOutEverywhere, signUp } from '~/lib/server/accounts';
import { hit, RULES } from '~/lib/server/rate-limit';
import { validateSessionToken } from '~/lib/server/session';
import { listUsers, setMembership, setRole } from '~/lib/server/users';
import { mailOutbox } from '../../db/schema';
import { eq } from 'drizzle-orm';

const BASE = 'http://ce.example.test';
const SENDER = { name: 'Example Dental CE', contact: 'ce@example.test' };
/** Signs up and signs in (sign-up itself no longer starts a session: the emailed link does). */
async function signUpAndIn(ip: string, email: string, password: string) {
  const up = await signUp(t.db, ip, { ...profile, email, password }, BASE, SENDER);
  if (!up.ok) throw new Error(`sign-up failed: ${JSON.stringify(up)}`);
  const signed = await signIn(t.db, ip, email, password);
  if (!signed.ok) throw new Error('sign-in failed');
  return signed;
}
const mailTo = (email: string) => t.db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, email)).all();

let t: TestDb;
beforeAll(() => {
  t = freshDb();
});
afterAll(() => t.close());

const profile = { fullName: 'Jo Smith', profession: 'hygienist' as const, licenceState: 'CA', licenceNumber: 'RDH 1', agdId: null };

describe('sign-up and sign-in', () => {
  it('creates an unconfirmed learner with a lower-cased email and an argon2id hash, and queues a confirmation link', async () => {
    const result = await signUp(t.db, 'ip-a', { ...profile, email: 'Jo@Example.TEST', password: 'correct horse battery' }, BASE, SENDER);
    expect(result).toMatchObject({ ok: true, created: true });
    const user = t.db.select().from(users).where(eq(users.email, 'jo@example.test')).get()!;
    expect(user.role).toBe('learner');
    expect(user.emailVerifiedAt).toBeNull();
    expect(user.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    const mail = mailTo('jo@example.test');
    expect(mail).toHaveLength(1);
    expect(mail[0]).toMatchObject({ kind: 'verify', secret: true, status: 'queued' });
    expect(mail[0]!.text).toMatch(/http:\/\/ce\.example\.test\/verify-email\?token=[a-z2-7]{32}/);
    expect(mail[0]!.text).toContain('Example Dental CE');
    expect(mail[0]!.text).toContain('ce@example.test');
  });

  it('answers a sign-up with an existing address the same way, changes nothing, and tells the owner by email', async () => {
    expect(await signUp(t.db, 'ip-a2', { ...profile, email: 'twice@example.test', password: 'correct horse battery' }, BASE, SENDER)).toMatchObject({ ok: true, created: true });
    const before = t.db.select().from(users).where(eq(users.email, 'twice@example.test')).get()!;
    const result = await signUp(t.db, 'ip-a2', { ...profile, fullName: 'Mallory', email: 'TWICE@example.test ', password: 'another good phrase' }, BASE, SENDER);
    // The action turns both results into the same page; only `created` (never shown) differs.
    expect(result).toEqual({ ok: true, created: false, userId: before.id });
    expect(t.db.select().from(users).where(eq(users.email, 'twice@example.test')).get()).toEqual(before);
    const notice = mailTo('twice@example.test').filter((m) => m.kind === 'signup-notice');
    expect(notice).toHaveLength(1);
    expect(notice[0]!.subject).toBe('Someone tried to sign up with your address at Dental CE Club');
    expect(notice[0]!.text).toContain('Hello Jo Smith,');
    expect(notice[0]!.text).not.toMatch(/token=/);
  });

  it('signs in with the right password only, with one answer for unknown email and wrong password', async () => {
    expect(await signUp(t.db, 'ip-b', { ...profile, email: 'signin@example.test', password: 'correct horse battery' }, BASE, SENDER)).toMatchObject({ ok: true, created: true });
    const signed = await signIn(t.db, 'ip-b', 'SIGNIN@example.test', 'correct horse battery');
    expect(signed.ok).toBe(true);
    if (signed.ok) expect(validateSessionToken(t.db, signed.token)?.user.email).toBe('signin@example.test');
    const wrong = await signIn(t.db, 'ip-b', 'signin@example.test', 'wrong password');
    const unknown = await signIn(t.db, 'ip-b', 'nobody@example.test', 'wrong password');
    expect(wrong).toEqual({ ok: false, reason: 'bad-credentials' });
    expect(unknown).toEqual({ ok: false, reason: 'bad-credentials' });
  });

  it('refuses the 6th wrong password for one account from one address, even with the right one', async () => {
    await signUp(t.db, 'ip-c', { ...profile, email: 'limited@example.test', password: 'correct horse battery' }, BASE, SENDER);
    for (let i = 0; i < 5; i++) {
      expect(await signIn(t.db, 'ip-attacker', 'limited@example.test', 'nope')).toMatchObject({ reason: 'bad-credentials' });
    }
    const sixth = await signIn(t.db, 'ip-attacker', 'limited@example.test', 'correct horse battery');
    expect(sixth).toMatchObject({ ok: false, reason: 'rate-limited' });
  });

  it("a stranger's wrong passwords, in any spelling of the email, do not lock the owner out (16.6)", async () => {
    await signUp(t.db, 'ip-owner', { ...profile, email: 'learner06@example.test', password: 'correct horse battery' }, BASE, SENDER);
    for (let i = 0; i < 5; i++) await signIn(t.db, 'ip-stranger', 'LEARNER06@example.test ', 'nope');
    expect(await signIn(t.db, 'ip-stranger', 'learner06@example.test', 'correct horse battery')).toMatchObject({ reason: 'rate-limited' });
    expect((await signIn(t.db, 'ip-owner', 'learner06@example.test', 'correct horse battery')).ok).toBe(true);
    const actions = t.db.select().from(auditLog).all().filter((e) => e.subject === 'email:learner06@example.test').map((e) => e.action);
    expect(actions.filter((a) => a === 'auth.sign-in-failed')).toHaveLength(5);
    expect(actions).toContain('auth.locked-out');
    expect(t.db.select().from(auditLog).all().some((e) => e.action === 'auth.sign-in' && e.detail && (e.detail as { ip: string }).ip === 'ip-owner')).toBe(true);
  });

  it('"sign out everywhere" ends every session and is written to the audit log (16.10)', async () => {
    await signUp(t.db, 'ip-y', { ...profile, email: 'everywhere@example.test', password: 'correct horse battery' }, BASE, SENDER);
    const a = await signIn(t.db, 'ip-y', 'everywhere@example.test', 'correct horse battery');
    const b = await signIn(t.db, 'ip-z', 'everywhere@example.test', 'correct horse battery');
    if (!a.ok || !b.ok) throw new Error('sign-in failed');
    // Sign-up starts no session (it answers the same for new and taken addresses): the two sign-ins.
    expect(signOutEverywhere(t.db, a.user.id)).toBe(2);
    expect(validateSessionToken(t.db, a.token)).toBeNull();
    expect(validateSessionToken(t.db, b.token)).toBeNull();
    expect(t.db.select().from(auditLog).all().find((e) => e.action === 'auth.sign-out-everywhere')).toMatchObject({ actorId: a.user.id, detail: { ended: 2 } });
  });

  it('keeps a slower ceiling per account from every address together (16.6)', async () => {
    await signUp(t.db, 'ip-x', { ...profile, email: 'spread@example.test', password: 'correct horse battery' }, BASE, SENDER);
    // 50 failures from 50 addresses (1 each) reach the daily ceiling of 50.
    for (let i = 0; i < 50; i++) await signIn(t.db, `ip-spread-${i}`, 'spread@example.test', 'nope');
    expect(await signIn(t.db, 'ip-fresh', 'spread@example.test', 'correct horse battery')).toMatchObject({ reason: 'rate-limited' });
  }, 60_000);

  it('keeps rate limits in the database, so another connection (another process) sees them', () => {
    const other = openDatabase(t.path);
    try {
      for (let i = 0; i < RULES.signupIp.limit; i++) hit(t.db, 'signup:ip:shared', RULES.signupIp);
      expect(hit(other, 'signup:ip:shared', RULES.signupIp).allowed).toBe(false);
    } finally {
      other.$client.close();
    }
  });
});

describe('changing the password', () => {
  it('ends every other session and keeps the current one', async () => {
    const a = await signUpAndIn('ip-d', 'change@example.test', 'first good phrase');
    const b = await signIn(t.db, 'ip-d', 'change@example.test', 'first good phrase');
    const c = await signIn(t.db, 'ip-d', 'change@example.test', 'first good phrase');
    if (!a.ok || !b.ok || !c.ok) throw new Error('setup failed');
    const result = await changePassword(t.db, 'ip-d', a.user.id, a.session.id, 'first good phrase', 'second good phrase');
    expect(result).toEqual({ ok: true, ended: 2 });
    expect(validateSessionToken(t.db, a.token)).not.toBeNull();
    expect(validateSessionToken(t.db, b.token)).toBeNull();
    expect(validateSessionToken(t.db, c.token)).toBeNull();
    expect((await signIn(t.db, 'ip-e', 'change@example.test', 'second good phrase')).ok).toBe(true);
  });

  it('changes nothing when the current password is wrong or the new one is common', async () => {
    const a = await signUpAndIn('ip-f', 'keep@example.test', 'first good phrase');
    if (!a.ok) throw new Error('setup failed');
    const before = t.db.select().from(users).all().find((u) => u.id === a.user.id)!.passwordHash;
    expect(await changePassword(t.db, 'ip-f', a.user.id, a.session.id, 'not it', 'second good phrase')).toMatchObject({ reason: 'wrong-password' });
    expect(await changePassword(t.db, 'ip-f', a.user.id, a.session.id, 'first good phrase', 'password123')).toMatchObject({ reason: 'weak-password' });
    const after = t.db.select().from(users).all().find((u) => u.id === a.user.id)!.passwordHash;
    expect(after).toBe(before);
  });
});

describe('admin changes', () => {
  it('change a role and write who did it to the audit log', async () => {
    const admin = addUser(t.db, 'boss@example.test', 'Boss', { role: 'admin' });
    const target = addUser(t.db, 'promoted@example.test', 'Pat Promoted');
    setRole(t.db, admin.id, target.id, 'instructor');
    const entry = t.db.select().from(auditLog).all().find((e) => e.action === 'user.role' && e.subject === `user:${target.id}`);
    expect(entry).toMatchObject({ actorId: admin.id, detail: { from: 'learner', to: 'instructor', email: 'promoted@example.test' } });
    const until = Date.UTC(2030, 0, 31, 23, 59, 59, 999);
    expect(setMembership(t.db, admin.id, target.id, until)?.memberUntil).toBe(until);
    expect(t.db.select().from(auditLog).all().some((e) => e.action === 'user.membership.set' && e.actorId === admin.id)).toBe(true);
  });

  it('search users by name or email, a page at a time, treating % and _ literally', () => {
    for (const [email, name] of [['s1@search.test', 'Sam Smith'], ['s2@search.test', 'Ria Smithers'], ['s3@search.test', 'Lee Park'], ['s4@search.test', 'Kim Doe']]) addUser(t.db, email!, name!);
    const all = listUsers(t.db, {});
    expect(all.total).toBe(t.db.select().from(users).all().length);
    const smiths = listUsers(t.db, { q: 'SMITH' }).rows;
    expect(smiths.map((u) => u.email)).toEqual(expect.arrayContaining(['s1@search.test', 's2@search.test']));
    expect(smiths.every((u) => /smith/i.test(u.fullName) || /smith/i.test(u.email))).toBe(true);
    expect(listUsers(t.db, { q: '%' }).total).toBe(0);
    // 16.11: with ESCAPE, % and _ match only themselves (without it these found nothing or everyone).
    addUser(t.db, 'ann_lee@example.test', 'Ann_Lee');
    addUser(t.db, 'annxlee@example.test', 'AnnXLee');
    addUser(t.db, 'promo@example.test', 'Fifty%Off');
    expect(listUsers(t.db, { q: 'Ann_Lee' }).rows.map((u) => u.email)).toEqual(['ann_lee@example.test']);
    expect(listUsers(t.db, { q: '%' }).rows.map((u) => u.email)).toEqual(['promo@example.test']);
    const paged = listUsers(t.db, { pageSize: 2, page: 2 });
    expect(paged.rows).toHaveLength(2);
    expect(paged.page).toBe(2);
  });
});
