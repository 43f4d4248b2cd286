/**
 * The account flows (sign up, sign in, change password) as plain functions over a db handle,
 * returning results the actions map to messages and statuses. Rate limits are applied here.
 */
import { clock } from '../shared/clock';
import type { Db } from '../../../db/client';
import type { RateDecision } from '../domain/rate-limit';
import { dummyHash, hashPassword, passwordProblem, verifyPassword } from './password';
import { writeAudit } from './audit';
import { hit, peek, reset, RULES } from './rate-limit';
import { createSession, generateSessionToken, invalidateUserSessions, type Session } from './session';
import { createUser, getUserByEmail, getUserById, setPasswordHash, type ProfileInput, type User } from './users';
import { queueVerification } from './account-mail';
import { signupExistingMail, type Sender } from './mail/messages';
import { enqueueMail } from './mail/outbox';

export type Limited = { ok: false; reason: 'rate-limited'; decision: RateDecision; what: string };
export interface Started {
  ok: true;
  user: User;
  token: string;
  session: Session;
}

function startSession(db: Db, user: User, shared = false): Started {
  const token = generateSessionToken();
  return { ok: true, user, token, session: createSession(db, token, user.id, undefined, { shared }) };
}

export type SignedUp = { ok: true; created: boolean; userId: number };

/**
 * Sign-up answers the same for a new and an existing address, so it cannot be used to find out who
 * has an account (issue 16.8): a new address gets an unconfirmed account and a confirmation link;
 * the owner of an existing one gets "someone tried to sign up with your address" instead. Neither
 * is signed in here: the confirmation link does that. `created` is for tests and logs, never shown.
 */
export async function signUp(
  db: Db,
  ip: string,
  input: ProfileInput & { email: string; password: string },
  base: string,
  sender: Sender,
  now = clock.now(),
  next?: string,
): Promise<SignedUp | Limited | { ok: false; reason: 'weak-password'; message: string }> {
  const gate = hit(db, `signup:ip:${ip}`, RULES.signupIp, now);
  if (!gate.allowed) return { ok: false, reason: 'rate-limited', decision: gate, what: 'new accounts from this network' };
  const problem = passwordProblem(input.password, input);
  if (problem) return { ok: false, reason: 'weak-password', message: problem };
  const { password, ...rest } = input;
  // Hashed for both answers, so the time taken does not tell them apart either.
  const passwordHash = await hashPassword(password);
  return db.transaction((tx) => {
    const user = createUser(tx as unknown as Db, { ...rest, passwordHash }, now);
    if (user) {
      queueVerification(tx, user, base, sender, now, next);
      return { ok: true as const, created: true, userId: user.id };
    }
    const owner = getUserByEmail(tx as unknown as Db, input.email)!;
    // At most a few notices an hour: repeated tries must not flood the owner's inbox.
    if (hit(tx as unknown as Db, `mail:account:signup-notice:${owner.id}`, RULES.mailAccount, now).allowed) {
      const mail = signupExistingMail(sender, { name: owner.fullName, loginUrl: `${base.replace(/\/$/, '')}/login`, resetUrl: `${base.replace(/\/$/, '')}/forgot-password` });
      enqueueMail(tx, { key: `signup-notice:${owner.id}:${now}:${generateSessionToken().slice(0, 8)}`, kind: 'signup-notice', to: owner.email, ...mail }, now);
    }
    return { ok: true as const, created: false, userId: owner.id };
  });
}

/**
 * Per address every attempt counts. Failures count per account and address (the sixth within the
 * window is refused before the password is even checked) and, more slowly, per account from
 * anywhere. A stranger's wrong passwords therefore cannot lock the owner out of their own
 * computer. Sign-ins, failures and lock-outs go to the audit log.
 */
export async function signIn(
  db: Db,
  ip: string,
  email: string,
  password: string,
  { shared = false } = {},
): Promise<Started | Limited | { ok: false; reason: 'bad-credentials' }> {
  const ipGate = hit(db, `login:ip:${ip}`, RULES.loginIp);
  if (!ipGate.allowed) return { ok: false, reason: 'rate-limited', decision: ipGate, what: 'sign-in attempts from this network' };
  const account = email.trim().toLowerCase();
  const pairKey = `login:account-ip:${account}|${ip}`;
  const ceilingKey = `login:account:${account}`;
  for (const [key, rule] of [[pairKey, RULES.loginAccount], [ceilingKey, RULES.loginAccountCeiling]] as const) {
    const gate = peek(db, key, rule);
    if (!gate.allowed) {
      writeAudit(db, { actorId: null, action: 'auth.locked-out', subject: `email:${account}`, detail: { ip, rule: key === pairKey ? 'account-and-address' : 'account' } });
      return { ok: false, reason: 'rate-limited', decision: gate, what: 'failed sign-in attempts for this account' };
    }
  }
  const user = getUserByEmail(db, email);
  // A missing account costs the same argon2 verification as a wrong password: no timing oracle.
  const ok = await verifyPassword(user?.passwordHash ?? (await dummyHash()), password);
  if (!user || !ok) {
    hit(db, pairKey, RULES.loginAccount);
    hit(db, ceilingKey, RULES.loginAccountCeiling);
    writeAudit(db, { actorId: null, action: 'auth.sign-in-failed', subject: `email:${account}`, detail: { ip } });
    return { ok: false, reason: 'bad-credentials' };
  }
  reset(db, pairKey);
  writeAudit(db, { actorId: user.id, action: 'auth.sign-in', subject: `user:${user.id}`, detail: { ip, shared } });
  return startSession(db, user, shared);
}

/** "Sign out everywhere": ends every session of the account, this one included, and says so in the audit log. */
export function signOutEverywhere(db: Db, userId: number, actorId = userId): number {
  return db.transaction((tx) => {
    const ended = invalidateUserSessions(tx as unknown as Db, userId);
    writeAudit(tx, { actorId, action: 'auth.sign-out-everywhere', subject: `user:${userId}`, detail: { ended } });
    return ended;
  });
}

/** Changes the password and ends every other session of the account. */
export async function changePassword(
  db: Db,
  ip: string,
  userId: number,
  currentSessionId: string | undefined,
  currentPassword: string,
  newPassword: string,
): Promise<{ ok: true; ended: number } | Limited | { ok: false; reason: 'wrong-password' | 'weak-password'; message: string }> {
  const gate = hit(db, `password:ip:${ip}`, RULES.passwordIp);
  if (!gate.allowed) return { ok: false, reason: 'rate-limited', decision: gate, what: 'password changes from this network' };
  const user = getUserById(db, userId);
  if (!user || !(await verifyPassword(user.passwordHash, currentPassword))) {
    return { ok: false, reason: 'wrong-password', message: 'Your current password is not right, so nothing was changed.' };
  }
  const problem = passwordProblem(newPassword, user);
  if (problem) return { ok: false, reason: 'weak-password', message: problem };
  setPasswordHash(db, user.id, await hashPassword(newPassword));
  return { ok: true, ended: invalidateUserSessions(db, user.id, currentSessionId) };
}
