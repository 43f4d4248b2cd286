/**
 * The one family of authorisation helpers used by every page, action and endpoint.
 * Pages:   const gate = requireRole(Astro, 'admin'); if (gate instanceof Response) return gate;
 * Actions: const user = actionUser(context, 'admin');   (throws ActionError)
 * Signed out -> redirect to /login?next=...; signed in without the right -> 403 page.
 */
import type { AstroGlobal, APIContext } from 'astro';
import { ActionError, type ActionAPIContext } from 'astro:actions';
import type { Role } from '../../../db/schema';
import { isMember } from '../domain/membership';
import type { SessionUser } from './session';

type PageContext = Pick<AstroGlobal, 'locals' | 'url' | 'redirect' | 'rewrite'> | Pick<APIContext, 'locals' | 'url' | 'redirect' | 'rewrite'>;

const RANK: Record<Role, number> = { learner: 0, instructor: 1, admin: 2 };

/** Admins may do what instructors may do, instructors what learners may do. */
export function hasRole(user: { role: Role } | null | undefined, role: Role): boolean {
  return !!user && RANK[user.role] >= RANK[role];
}

function loginRedirect(ctx: PageContext): Response {
  const next = ctx.url.pathname + ctx.url.search;
  return ctx.redirect(`/login?next=${encodeURIComponent(next)}`, 302);
}

export async function requireUser(ctx: PageContext): Promise<SessionUser | Response> {
  return ctx.locals.user ?? loginRedirect(ctx);
}

export async function requireRole(ctx: PageContext, role: Role): Promise<SessionUser | Response> {
  const user = ctx.locals.user;
  if (!user) return loginRedirect(ctx);
  if (!hasRole(user, role)) return forbidden(ctx);
  return user;
}

/** Members, and staff (who need to see members-only content to teach and support it). */
export async function requireMember(ctx: PageContext): Promise<SessionUser | Response> {
  const user = ctx.locals.user;
  if (!user) return loginRedirect(ctx);
  if (!isMember(user) && !hasRole(user, 'instructor')) return forbidden(ctx);
  return user;
}

export function forbidden(ctx: PageContext): Promise<Response> {
  return ctx.rewrite('/403');
}

/** For actions: the signed-in user with at least `role`, or an ActionError (401 / 403). */
export function actionUser(context: ActionAPIContext, role: Role = 'learner'): SessionUser {
  const user = context.locals.user;
  if (!user) throw new ActionError({ code: 'UNAUTHORIZED', message: 'Please sign in again: your session has ended.' });
  if (!hasRole(user, role)) throw new ActionError({ code: 'FORBIDDEN', message: 'Your account does not have permission to do that.' });
  return user;
}
