/**
 * Account actions that go through email: forgotten password, address confirmation, the one-time
 * sign-in link for a locked-out owner. Parse with zod, call lib/server/account-mail, map results
 * to messages. Requests that name an address answer the same whether or not an account uses it.
 */
import { ActionError, defineAction } from 'astro:actions';
import { z } from 'zod';
import { emailField, newPasswordField } from '../lib/shared/schemas/account';
import { str } from '../lib/shared/schemas/fields';
import { safeNext } from '../lib/shared/redirect';
import { db } from '../lib/server/db';
import { actionUser } from '../lib/server/action-access';
import { confirmEmail, requestPasswordReset, requestSignInLink, resendVerification, resetPassword, useSignInLink } from '../lib/server/account-mail';
import { certifyAllComplete } from '../lib/server/course-status';
import { verifyBase } from '../lib/server/certificates';
import { mailSender } from '../lib/content/provider';
import { setSessionCookie } from '../lib/server/cookies';
import { createSession, generateSessionToken } from '../lib/server/session';
import { wakeSender } from '../lib/server/jobs';
import { logError } from '../lib/server/log';
import { setReminders } from '../lib/server/reminders';
import { clientIp, tooMany } from '../lib/server/action-errors';

const tokenField = str('This link is incomplete. Open it again from the email.').trim().min(1, 'This link is incomplete. Open it again from the email.').max(100, 'This link is not valid.');
/** An emailed link's form: its token, and for sign-in links where to go next. */
const linkInput = z.object({ token: tokenField, next: z.string().nullish() });

/** The result of using a link, or the 400 that says why the link was refused (used, expired, unknown). */
function orRefused<R extends { ok: true } | { ok: false; message: string }>(result: R): Extract<R, { ok: true }> {
  if (!result.ok) throw new ActionError({ code: 'BAD_REQUEST', message: result.message });
  return result as Extract<R, { ok: true }>;
}

const EMAILED = (email: string) => `If an account uses ${email}, we have sent it an email with a link. It works for 15 minutes. Check your spam folder if nothing arrives.`;

/**
 * An action that emails a one-time link to whoever owns an address (a password reset, a sign-in
 * link) and answers the same whether or not an account uses it.
 */
function emailLinkAction(request: typeof requestPasswordReset | typeof requestSignInLink) {
  return defineAction({
    accept: 'form',
    input: z.object({ email: emailField }),
    handler: async ({ email }, context) => {
      const result = request(db(), clientIp(context), email, verifyBase(context.url), await mailSender());
      if (!result.ok) throw tooMany(result);
      wakeSender();
      return { message: EMAILED(email) };
    },
  });
}

export const account = {
  /** /forgot-password: emails a reset link; the same answer for every address. */
  requestReset: emailLinkAction(requestPasswordReset),

  /** Sets a new password from a reset link; every session of the account ends. */
  resetPassword: defineAction({
    accept: 'form',
    input: z.object({ token: tokenField, newPassword: newPasswordField }),
    handler: async ({ token, newPassword }, context) => {
      const result = orRefused(await resetPassword(db(), token, newPassword));
      if (result.verifiedNow) await certifyHeld(result.user, context.url);
      return { next: '/login?reset=1' };
    },
  }),

  /** Confirms the address from its emailed link and signs its owner in; held certificates are issued. */
  confirmEmail: defineAction({
    accept: 'form',
    input: linkInput,
    handler: async ({ token, next }, context) => {
      const result = orRefused(confirmEmail(db(), token));
      const current = context.locals.user;
      if (!current || current.id !== result.user.id) {
        const sessionToken = generateSessionToken();
        const session = createSession(db(), sessionToken, result.user.id);
        setSessionCookie(context.cookies, sessionToken, session.expiresAt);
      }
      const issued = await certifyHeld(result.user, context.url);
      return { next: issued > 0 ? '/me/ce?confirmed=1' : safeNext(next, '/me/profile?confirmed=1') };
    },
  }),

  /** Sends a fresh confirmation link to the signed-in user's address. */
  resendConfirmation: defineAction({
    accept: 'form',
    handler: async (_input, context) => {
      const user = actionUser(context);
      const result = resendVerification(db(), user.id, verifyBase(context.url), await mailSender());
      if (result === 'limited') throw new ActionError({ code: 'TOO_MANY_REQUESTS', message: 'We sent several links in the last hour. Please check your inbox (and spam folder), or try again later.' });
      wakeSender();
      return { message: result === 'already' ? 'Your address is already confirmed.' : `We sent a new link to ${user.email}.` };
    },
  }),

  /** A locked-out owner asks for a one-time sign-in link; the same answer for every address. */
  requestSignInLink: emailLinkAction(requestSignInLink),

  /** The profile's reminder setting (the unsubscribe link turns them off without signing in). */
  setReminders: defineAction({
    accept: 'form',
    input: z.object({ reminders: z.enum(['on', 'off'], { errorMap: () => ({ message: 'Choose whether to get license-cycle reminders.' }) }) }),
    handler: async ({ reminders }, context) => {
      const user = actionUser(context);
      setReminders(db(), user.id, reminders === 'on', 'profile');
      return { message: reminders === 'on' ? 'License-cycle reminders are on.' : 'License-cycle reminders are off.' };
    },
  }),

  /** Signs in with a one-time link. */
  useSignInLink: defineAction({
    accept: 'form',
    input: linkInput,
    handler: async ({ token, next }, context) => {
      const result = orRefused(useSignInLink(db(), token));
      setSessionCookie(context.cookies, result.token, result.session.expiresAt);
      return { next: safeNext(next) };
    },
  }),
};

/** Issues what was held for an unconfirmed address; a failure here must not undo the confirmation. */
async function certifyHeld(user: Parameters<typeof certifyAllComplete>[0], url: URL): Promise<number> {
  try {
    return (await certifyAllComplete(user, verifyBase(url))).length;
  } catch (error) {
    logError('certificates.after-confirm-failed', error, { userId: user.id });
    return 0;
  }
}
