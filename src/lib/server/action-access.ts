/**
 * The access rules of lib/server/access.ts, answered as Astro's ActionError (401 signed out,
 * 403 not allowed, 404 not visible). No rule is decided here: this file only exists because
 * `astro:actions` can be imported inside Astro alone, and access.ts must stay importable by tests.
 */
import { ActionError, type ActionAPIContext } from 'astro:actions';
import type { Role } from '../../../db/schema';
import { hasRole, isMember, lessonAccess, type CourseRules } from './access';

type SignedIn = NonNullable<App.Locals['user']>;

/** The signed-in user with at least `role`, or an ActionError (401 / 403). */
export function actionUser(context: Pick<ActionAPIContext, 'locals'>, role: Role = 'learner'): SignedIn {
  const user = context.locals.user;
  if (!user) throw new ActionError({ code: 'UNAUTHORIZED', message: 'Please sign in again: your session has ended.' });
  if (!hasRole(user, role)) throw new ActionError({ code: 'FORBIDDEN', message: 'Your account does not have permission to do that.' });
  return user;
}

/** The signed-in member (see isMember), or an ActionError saying what the feature is for. */
export function actionMember(context: Pick<ActionAPIContext, 'locals'>, message: string): SignedIn {
  const user = actionUser(context);
  if (!isMember(user)) throw new ActionError({ code: 'FORBIDDEN', message });
  return user;
}

/**
 * The course, when this user may use its lessons (and the cases, post-test and evaluation behind
 * them); otherwise 404 with `notFound` or 403 with `membersOnly`.
 */
export function actionLesson<C extends CourseRules>(course: C | undefined, user: SignedIn, messages: { notFound: string; membersOnly: string }): C {
  const access = lessonAccess(course, user);
  if (!course || access === 'not-found') throw new ActionError({ code: 'NOT_FOUND', message: messages.notFound });
  if (access !== 'ok') throw new ActionError({ code: 'FORBIDDEN', message: messages.membersOnly });
  return course;
}
