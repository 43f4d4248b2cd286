/**
 * The account flows that go through email: password reset (the Lucia guide's pattern), address
 * confirmation, the neutral sign-up notice, and the one-time sign-in link for a locked-out owner.
 * Each message is queued in the same transaction as the token it carries. Requests that name an
 * address answer the same whether or not an account uses it.
 */
import { clock } from '../shared/clock';
import { formatWhen } from '../shared/dates';
import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { users, type TokenPurpose } from '../../../db/schema';
import type { Limited } from './accounts';
import { writeAudit } from './audit';
import { checkEmailToken, consumeEmailToken, createEmailToken, TOKEN_LIFETIME_MS } from './email-tokens';
import { passwordResetMail, signInLinkMail, verifyEmailMail, type Sender } from './mail/messages';
import { enqueueMail } from './mail/outbox';
import { hashPassword, passwordProblem } from './password';
import { hit, RULES } from './rate-limit';
import { createSession, generateSessionToken, invalidateUserSessions, type Session } from './session';
import { getUserByEmail, getUserById, type User } from './users';

const MIN = 60_000;
type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** Per network a visible limit (429); per account a silent one, so the answer never tells who has an account. */
function gate(db: Db, ip: string, purpose: TokenPurpose, what: string, now: number): Limited | null {
  const d = hit(db, `mail:ip:${purpose}:${ip}`, RULES.mailIp, now);
  return d.allowed ? null : { ok: false, reason: 'rate-limited', decision: d, what };
}
function accountAllows(db: Db, purpose: TokenPurpose | 'signup-notice', userId: number, now: number): boolean {
  return hit(db, `mail:account:${purpose}:${userId}`, RULES.mailAccount, now).allowed;
}

const link = (base: string, path: string, token: string) => `${base.replace(/\/$/, '')}${path}?token=${token}`;
/** When a link sent now stops working, in the recipient's own zone, the zone named. */
const until = (purpose: TokenPurpose, user: Pick<User, 'timeZone'>, now: number) => formatWhen(now + TOKEN_LIFETIME_MS[purpose], user.timeZone);

/** Queues a confirmation link for the user's address (in the caller's transaction). */
export function queueVerification(tx: Tx, user: Pick<User, 'id' | 'email' | 'fullName' | 'timeZone'>, base: string, sender: Sender, now = clock.now(), next?: string): void {
  const { token, id } = createEmailToken(tx, user.id, 'verify', now);
  // `next` brings the new learner back to the page where they started signing up.
  const url = link(base, '/verify-email', token) + (next && next !== '/' ? `&next=${encodeURIComponent(next)}` : '');
  const mail = verifyEmailMail(sender, { name: user.fullName, url, hours: TOKEN_LIFETIME_MS.verify / (60 * MIN), until: until('verify', user, now) });
  enqueueMail(tx, { key: `verify:${id}`, kind: 'verify', to: user.email, secret: true, ...mail }, now);
}

function queueReset(tx: Tx, user: User, base: string, sender: Sender, byAdmin: boolean, now: number): void {
  const { token, id } = createEmailToken(tx, user.id, 'reset', now);
  const mail = passwordResetMail(sender, { name: user.fullName, url: link(base, '/reset-password', token), minutes: TOKEN_LIFETIME_MS.reset / MIN, until: until('reset', user, now), byAdmin });
  enqueueMail(tx, { key: `reset:${id}`, kind: 'reset', to: user.email, secret: true, ...mail }, now);
}

/**
 * A link asked for by address (a reset, a sign-in link): the network's limit first, then, only if an
 * account uses the address and may get another link, `queue` and the audit line in one transaction.
 * The answer is the same whether or not the account exists.
 */
function requestByAddress(
  db: Db,
  request: { ip: string; email: string; purpose: TokenPurpose; what: string; audit: string; now: number },
  queue: (tx: Tx, user: User) => void,
): { ok: true } | Limited {
  const limited = gate(db, request.ip, request.purpose, request.what, request.now);
  if (limited) return limited;
  const user = getUserByEmail(db, request.email);
  if (user && accountAllows(db, request.purpose, user.id, request.now)) {
    db.transaction((tx) => {
      queue(tx, user);
      writeAudit(tx, { actorId: null, action: request.audit, subject: `user:${user.id}` }, request.now);
    });
  }
  return { ok: true };
}

/** /forgot-password: a reset link for the account with this address, if there is one. Same answer either way. */
export function requestPasswordReset(db: Db, ip: string, email: string, base: string, sender: Sender, now = clock.now()): { ok: true } | Limited {
  const request = { ip, email, purpose: 'reset' as const, what: 'password reset requests from this network', audit: 'user.password-reset-requested', now };
  return requestByAddress(db, request, (tx, user) => queueReset(tx, user, base, sender, false, now));
}

/** An admin sends a reset link from the user's admin page. */
export function adminSendReset(db: Db, actorId: number, userId: number, base: string, sender: Sender, now = clock.now()): User | null {
  const user = getUserById(db, userId);
  if (!user) return null;
  db.transaction((tx) => {
    queueReset(tx, user, base, sender, true, now);
    writeAudit(tx, { actorId, action: 'user.password-reset-sent', subject: `user:${user.id}`, detail: { email: user.email } }, now);
  });
  return user;
}

export type LinkRefused = { ok: false; reason: 'invalid-link'; message: string };
const LINK_REFUSED: LinkRefused = { ok: false, reason: 'invalid-link', message: 'This link has expired or was already used. Ask for a new one.' };

/**
 * Sets a new password from a reset link: the link works once; every session of the account ends
 * (the guide's advice: whoever knew the old password is signed out); the address counts as
 * confirmed, since the owner just read mail sent to it.
 */
export async function resetPassword(
  db: Db,
  token: string,
  newPassword: string,
  now = clock.now(),
): Promise<{ ok: true; user: User; verifiedNow: boolean } | LinkRefused | { ok: false; reason: 'weak-password'; message: string }> {
  // Checked (not used) first, so a weak password leaves the link working for a second try.
  const check = checkEmailToken(db, token, 'reset', now);
  const peekUser = check.ok ? getUserById(db, check.userId) : undefined;
  if (!peekUser) return LINK_REFUSED;
  const problem = passwordProblem(newPassword, peekUser);
  if (problem) return { ok: false, reason: 'weak-password', message: problem };
  const hash = await hashPassword(newPassword);
  return db.transaction(
    (tx) => {
      const used = consumeEmailToken(tx, token, 'reset', now);
      if (!used.ok || used.userId !== peekUser.id) return LINK_REFUSED;
      const verifiedNow = peekUser.emailVerifiedAt === null;
      tx.update(users).set({ passwordHash: hash, updatedAt: now, ...(verifiedNow ? { emailVerifiedAt: now } : {}) }).where(eq(users.id, peekUser.id)).run();
      invalidateUserSessions(tx as unknown as Db, peekUser.id);
      writeAudit(tx, { actorId: peekUser.id, action: 'user.password-reset', subject: `user:${peekUser.id}` }, now);
      return { ok: true as const, user: { ...peekUser, passwordHash: hash, emailVerifiedAt: peekUser.emailVerifiedAt ?? now }, verifiedNow };
    },
    { behavior: 'immediate' },
  );
}

/** Uses up a link's token in `tx` and loads its account: null when the link is used, expired, unknown or its account gone. */
function linkUser(tx: Tx, token: string, purpose: TokenPurpose, now: number): User | null {
  const used = consumeEmailToken(tx, token, purpose, now);
  return used.ok ? (tx.select().from(users).where(eq(users.id, used.userId)).get() ?? null) : null;
}

/** Confirms the address from its link; returns the user (already confirmed counts as success). */
export function confirmEmail(db: Db, token: string, now = clock.now()): { ok: true; user: User; verifiedNow: boolean } | LinkRefused {
  return db.transaction(
    (tx) => {
      const user = linkUser(tx, token, 'verify', now);
      if (!user) return LINK_REFUSED;
      if (user.emailVerifiedAt !== null) return { ok: true as const, user, verifiedNow: false };
      tx.update(users).set({ emailVerifiedAt: now, updatedAt: now }).where(eq(users.id, user.id)).run();
      writeAudit(tx, { actorId: user.id, action: 'user.email-verified', subject: `user:${user.id}` }, now);
      return { ok: true as const, user: { ...user, emailVerifiedAt: now }, verifiedNow: true };
    },
    { behavior: 'immediate' },
  );
}

/** A new confirmation link for a signed-in user whose address is not confirmed yet. */
export function resendVerification(db: Db, userId: number, base: string, sender: Sender, now = clock.now()): 'sent' | 'already' | 'limited' {
  const user = getUserById(db, userId);
  if (!user || user.emailVerifiedAt !== null) return 'already';
  if (!accountAllows(db, 'verify', user.id, now)) return 'limited';
  db.transaction((tx) => queueVerification(tx, user, base, sender, now));
  return 'sent';
}

/** A locked-out owner asks for a one-time sign-in link. Same answer whether or not the account exists. */
export function requestSignInLink(db: Db, ip: string, email: string, base: string, sender: Sender, now = clock.now()): { ok: true } | Limited {
  const request = { ip, email, purpose: 'sign-in' as const, what: 'sign-in link requests from this network', audit: 'user.sign-in-link-requested', now };
  return requestByAddress(db, request, (tx, user) => {
    const { token, id } = createEmailToken(tx, user.id, 'sign-in', now);
    const mail = signInLinkMail(sender, { name: user.fullName, url: link(base, '/sign-in-link', token), minutes: TOKEN_LIFETIME_MS['sign-in'] / MIN, until: until('sign-in', user, now) });
    enqueueMail(tx, { key: `sign-in:${id}`, kind: 'sign-in', to: user.email, secret: true, ...mail }, now);
  });
}

/** Signs in with a one-time link (which also proves the address). */
export function useSignInLink(db: Db, token: string, now = clock.now()): { ok: true; user: User; token: string; session: Session } | LinkRefused {
  return db.transaction(
    (tx) => {
      const user = linkUser(tx, token, 'sign-in', now);
      if (!user) return LINK_REFUSED;
      if (user.emailVerifiedAt === null) tx.update(users).set({ emailVerifiedAt: now }).where(eq(users.id, user.id)).run();
      const sessionToken = generateSessionToken();
      const session = createSession(tx as unknown as Db, sessionToken, user.id, now);
      writeAudit(tx, { actorId: user.id, action: 'user.sign-in-link', subject: `user:${user.id}` }, now);
      return { ok: true as const, user, token: sessionToken, session };
    },
    { behavior: 'immediate' },
  );
}
