/**
 * Account actions: parse the form with zod, call lib/server/accounts, map the outcome to an
 * ActionError with a message written for people. No SQL and no rules here.
 */
import { ActionError, defineAction, type ActionAPIContext } from 'astro:actions';
import { changePasswordSchema, loginSchema, profileSchema, signupSchema } from '../lib/shared/schemas/account';
import { safeNext } from '../lib/shared/redirect';
import { db } from '../lib/server/db';
import { actionUser } from '../lib/server/action-access';
import { changePassword, signIn, signOutEverywhere, signUp, type Started } from '../lib/server/accounts';
import { clientIp, tooMany } from '../lib/server/action-errors';
import { verifyBase } from '../lib/server/certificates';
import { mailSender } from '../lib/content/provider';
import { wakeSender } from '../lib/server/jobs';
import { clearSessionCookie, setSessionCookie } from '../lib/server/cookies';
import { passwordProblem } from '../lib/server/password';
import { updateProfile } from '../lib/server/users';

const SIGN_IN_FAILED = 'That email and password do not match an account. Check both and try again.';

function setCookie(context: ActionAPIContext, started: Started): void {
  setSessionCookie(context.cookies, started.token, started.session.expiresAt, started.session.persistent);
}

// The password policy runs inside validation so a weak password is a field error (400) like the others.
const signupInput = signupSchema.superRefine((v, ctx) => {
  const problem = passwordProblem(v.password, v);
  if (problem) ctx.addIssue({ code: 'custom', path: ['password'], message: problem });
});

export const auth = {
  /**
   * The same answer for a new and an existing address (issue 16.8): "check your inbox". The new
   * address gets a confirmation link that signs its owner in; an existing one gets a notice.
   */
  signup: defineAction({
    accept: 'form',
    input: signupInput,
    handler: async ({ next, ...input }, context) => {
      const result = await signUp(db(), clientIp(context), input, verifyBase(context.url), await mailSender(), undefined, safeNext(next));
      if (result.ok) {
        wakeSender();
        return { email: input.email, next: safeNext(next) };
      }
      if (result.reason === 'rate-limited') throw tooMany(result);
      throw new ActionError({ code: 'BAD_REQUEST', message: result.message });
    },
  }),

  login: defineAction({
    accept: 'form',
    input: loginSchema,
    handler: async (input, context) => {
      const result = await signIn(db(), clientIp(context), input.email, input.password, { shared: input.shared === true });
      if (result.ok) {
        setCookie(context, result);
        return { next: safeNext(input.next) };
      }
      if (result.reason === 'rate-limited') throw tooMany(result);
      throw new ActionError({ code: 'UNAUTHORIZED', message: SIGN_IN_FAILED });
    },
  }),

  /** Ends every session of this account, this one included. */
  logoutAll: defineAction({
    accept: 'form',
    handler: async (_input, context) => {
      const user = actionUser(context);
      const ended = signOutEverywhere(db(), user.id);
      clearSessionCookie(context.cookies);
      return { ended };
    },
  }),

  updateProfile: defineAction({
    accept: 'form',
    input: profileSchema,
    handler: async (input, context) => {
      const user = actionUser(context);
      updateProfile(db(), user.id, input);
      return { saved: true };
    },
  }),

  /** Changes the password and ends every other session of the account. */
  changePassword: defineAction({
    accept: 'form',
    input: changePasswordSchema,
    handler: async (input, context) => {
      const user = actionUser(context);
      const result = await changePassword(db(), clientIp(context), user.id, context.locals.session?.id, input.currentPassword, input.newPassword);
      if (result.ok) return { ended: result.ended };
      if (result.reason === 'rate-limited') throw tooMany(result);
      throw new ActionError({ code: 'BAD_REQUEST', message: result.message });
    },
  }),
};
