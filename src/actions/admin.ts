import { ActionError, defineAction } from 'astro:actions';
import { attemptExceptionSchema, reissueSchema, retryMailSchema, revokeSchema, sendResetSchema, setMembershipSchema, setRoleSchema, signOutUserSchema } from '../lib/shared/schemas/forms';
import { grantException } from '~/lib/server/attempts';
import { signOutEverywhere } from '~/lib/server/accounts';
import { getCourse } from '~/lib/content/courses';
import { db } from '../lib/server/db';
import { actionUser } from '../lib/server/action-access';
import { adminCount, getUserById, setMembership, setRole } from '../lib/server/users';
import { ReissueRefused, reissueCertificate, revokeCertificate, verifyBase } from '../lib/server/certificates';
import { formatCode } from '../lib/domain/certificate-code';
import { retryFailed } from '../lib/server/mail/outbox';
import { adminSendReset } from '../lib/server/account-mail';
import { mailSender } from '../lib/content/provider';
import { wakeSender } from '../lib/server/jobs';

export const admin = {
  setRole: defineAction({
    accept: 'form',
    input: setRoleSchema,
    handler: async ({ userId, role }, context) => {
      const actor = actionUser(context, 'admin');
      const target = getUserById(db(), userId);
      if (!target) throw new ActionError({ code: 'NOT_FOUND', message: 'That user no longer exists.' });
      if (target.role === 'admin' && role !== 'admin' && adminCount(db()) <= 1) {
        throw new ActionError({ code: 'CONFLICT', message: 'This is the only admin. Make someone else an admin first.' });
      }
      setRole(db(), actor.id, userId, role);
      return { userId, role, email: target.email };
    },
  }),

  setMembership: defineAction({
    accept: 'form',
    input: setMembershipSchema,
    handler: async ({ userId, until }, context) => {
      const actor = actionUser(context, 'admin');
      // Membership runs to the end of the chosen day (UTC).
      const untilMs = until === null ? null : Date.parse(`${until}T23:59:59.999Z`);
      const updated = setMembership(db(), actor.id, userId, untilMs);
      if (!updated) throw new ActionError({ code: 'NOT_FOUND', message: 'That user no longer exists.' });
      return { userId, until: untilMs, email: updated.email };
    },
  }),

  revokeCertificate: defineAction({
    accept: 'form',
    input: revokeSchema,
    handler: async ({ certificateId, reason }, context) => {
      const actor = actionUser(context, 'admin');
      const revoked = revokeCertificate(db(), actor.id, certificateId, reason);
      if (!revoked) throw new ActionError({ code: 'CONFLICT', message: 'That certificate does not exist or is already revoked.' });
      return { message: `Certificate ${formatCode(revoked.code)} is revoked.` };
    },
  }),

  reissueCertificate: defineAction({
    accept: 'form',
    input: reissueSchema,
    handler: async ({ certificateId, reason }, context) => {
      const actor = actionUser(context, 'admin');
      let fresh;
      try {
        fresh = reissueCertificate(db(), actor.id, certificateId, reason, verifyBase(context.url));
      } catch (error) {
        if (error instanceof ReissueRefused) throw new ActionError({ code: 'CONFLICT', message: error.message });
        throw error;
      }
      if (!fresh) throw new ActionError({ code: 'NOT_FOUND', message: 'That certificate does not exist.' });
      return { message: `Reissued as ${formatCode(fresh.code)}; the old code now shows as replaced.` };
    },
  }),

  /** Queues a failed message again with a fresh set of attempts (not messages that carried a one-time link). */
  retryMail: defineAction({
    accept: 'form',
    input: retryMailSchema,
    handler: async ({ id }, context) => {
      const actor = actionUser(context, 'admin');
      if (!retryFailed(db(), actor.id, id)) throw new ActionError({ code: 'CONFLICT', message: 'That message is not a failed one that can be sent again.' });
      wakeSender();
      return { message: 'The message is queued again.' };
    },
  }),

  /** One more post-test attempt, or the cooldown ended now, for one learner: through the attempt rules' grant, audited. */
  grantAttemptException: defineAction({
    accept: 'form',
    input: attemptExceptionSchema,
    handler: async ({ userId, course, kind }, context) => {
      const actor = actionUser(context, 'admin');
      const target = getUserById(db(), userId);
      if (!target) throw new ActionError({ code: 'NOT_FOUND', message: 'That user no longer exists.' });
      const found = await getCourse(course);
      if (!found?.data.quiz) throw new ActionError({ code: 'NOT_FOUND', message: 'That course has no post-test.' });
      grantException(db(), actor.id, userId, course, kind);
      return { message: kind === 'extra-attempt' ? `${target.fullName} may take one more attempt at “${found.data.title}”.` : `The cooldown of ${target.fullName} on “${found.data.title}” has ended; the next attempt can start now.` };
    },
  }),

  /** Ends every session of the user (a lost phone, a shared computer); audited with the admin as the actor. */
  signOutUser: defineAction({
    accept: 'form',
    input: signOutUserSchema,
    handler: async ({ userId }, context) => {
      const actor = actionUser(context, 'admin');
      const target = getUserById(db(), userId);
      if (!target) throw new ActionError({ code: 'NOT_FOUND', message: 'That user no longer exists.' });
      const ended = signOutEverywhere(db(), userId, actor.id);
      return { message: `${target.email} was signed out of ${ended} session${ended === 1 ? '' : 's'}.` };
    },
  }),

  /** Emails the user a password reset link (the link works once, for 15 minutes). */
  sendPasswordReset: defineAction({
    accept: 'form',
    input: sendResetSchema,
    handler: async ({ userId }, context) => {
      const actor = actionUser(context, 'admin');
      const user = adminSendReset(db(), actor.id, userId, verifyBase(context.url), await mailSender());
      if (!user) throw new ActionError({ code: 'NOT_FOUND', message: 'That user no longer exists.' });
      wakeSender();
      return { email: user.email };
    },
  }),
};
