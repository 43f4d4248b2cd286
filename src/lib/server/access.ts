/**
 * Who may see and do what: every role, membership, teaching and lesson-access rule lives here, and
 * pages, actions and endpoints only call it. The rules are plain functions over plain data, so the
 * access-matrix browser test (test/e2e/security.spec.ts) imports them and checks every route
 * against them. This file imports nothing from astro:* at run time for that reason; turning a
 * refusal into Astro's ActionError is done by lib/server/action-access.ts.
 *
 * Pages:   const user = await requireUser(Astro); if (user instanceof Response) return user;
 * Signed out -> redirect to /login?next=<path and query>; signed in without the right -> 403 page.
 */
import type { APIContext, AstroGlobal } from 'astro';
import type { Role } from '../../../db/schema';
import { clock } from '../shared/clock';

/** The least a rule needs to know about an account. */
export interface Visitor {
  role: Role | string;
  memberUntil: number | null;
  email?: string;
}

/** The least a rule needs to know about a course (a content entry has this shape). */
export interface CourseRules {
  id?: string;
  data: { published: boolean; access: 'open' | 'members'; instructors?: readonly string[] };
}

const RANK: Record<Role, number> = { learner: 0, instructor: 1, admin: 2 };

/** Admins may do what instructors may do, instructors what learners may do. */
export function hasRole(user: { role: Role | string } | null | undefined, role: Role): boolean {
  return !!user && (RANK[user.role as Role] ?? -1) >= RANK[role];
}

/** Instructors and admins: they see drafts and members' content to write, teach and support it. */
export function isStaff(user: { role: Role | string } | null | undefined): boolean {
  return hasRole(user, 'instructor');
}

/** A paid club membership in force: `memberUntil` lies in the future. Shown on profiles and to admins. */
export function hasMembership(user: { memberUntil: number | null } | null | undefined, now = clock.now()): boolean {
  return !!user && user.memberUntil !== null && user.memberUntil > now;
}

/**
 * Who counts as a member, everywhere (members-only lessons, cases, post-tests, evaluations, glossary
 * terms, outside CE and the license tracker): a current membership, or staff. Staff must see what
 * members see to teach and support it, and one answer for every feature keeps them from meeting a
 * wall on one page that another page let them through.
 */
export function isMember(user: Visitor | null | undefined, now = clock.now()): boolean {
  return isStaff(user) || hasMembership(user, now);
}

/** A course is visible when published, or to staff. */
export function canSeeCourse(course: CourseRules | undefined, user: { role: Role | string } | null | undefined): boolean {
  return !!course && (course.data.published || isStaff(user));
}

export type LessonAccess = 'ok' | 'not-found' | 'sign-in' | 'members-only';

/**
 * A course's lessons, and everything behind them (cases, post-test, evaluation): invisible courses
 * are not found; a visitor signs in first (progress is recorded per account); members-only
 * courses need `isMember`.
 */
export function lessonAccess(course: CourseRules | undefined, user: Visitor | null | undefined, now = clock.now()): LessonAccess {
  if (!course || !canSeeCourse(course, user)) return 'not-found';
  if (!user) return 'sign-in';
  if (course.data.access === 'members' && !isMember(user, now)) return 'members-only';
  return 'ok';
}

export function canSeeLesson(course: CourseRules | undefined, user: Visitor | null | undefined, now = clock.now()): boolean {
  return lessonAccess(course, user, now) === 'ok';
}

/**
 * A course's glossary of key terms: the lesson rule, since the definitions are lesson text. The one
 * difference: an open course's glossary needs no sign-in, as open lessons ask for one only to
 * record progress, not to keep their text private.
 */
export function glossaryAccess(course: CourseRules | undefined, user: Visitor | null | undefined, now = clock.now()): LessonAccess {
  const access = lessonAccess(course, user, now);
  return access === 'sign-in' && course?.data.access === 'open' ? 'ok' : access;
}

/** An instructor profile: `accounts:` lists the emails of the accounts that teach as it. */
export interface InstructorProfile {
  id: string;
  accounts: readonly string[];
}

/**
 * Who teaches a course (and so reads its reports and previews its post-test): admins every course,
 * instructors the courses that list a profile naming their account, everyone else none.
 */
export function teaches(
  user: { role: Role | string; email: string } | null | undefined,
  course: { id: string; data: { instructors: readonly string[] } },
  profiles: readonly InstructorProfile[],
): boolean {
  if (!user) return false;
  if (hasRole(user, 'admin')) return true;
  if (user.role !== 'instructor') return false;
  const email = user.email.toLowerCase();
  const mine = new Set(profiles.filter((p) => p.accounts.some((a) => a.toLowerCase() === email)).map((p) => p.id));
  return course.data.instructors.some((id) => mine.has(id));
}

/** A learner's own records (certificates, outside-CE files): the owner, and admins (who audit them). */
export function canSeeRecordOf(viewer: { id: number; role: Role | string }, ownerId: number): boolean {
  return viewer.id === ownerId || hasRole(viewer, 'admin');
}

/* ---------- page and endpoint guards ---------- */

type PageContext = Pick<AstroGlobal, 'locals' | 'url' | 'redirect' | 'rewrite'> | Pick<APIContext, 'locals' | 'url' | 'redirect' | 'rewrite'>;
type SignedIn = NonNullable<App.Locals['user']>;

/**
 * The sign-in (or sign-up) page that comes back to `back` afterwards: a URL keeps its path and
 * query string; a string is a path already checked by safeNext.
 */
export function loginUrl(back: URL | string, page: 'login' | 'signup' = 'login'): string {
  const next = typeof back === 'string' ? back : back.pathname + back.search;
  return `/${page}?next=${encodeURIComponent(next)}`;
}

/** Sends a signed-out visitor to sign in, coming back to this very address. */
export function loginRedirect(ctx: Pick<PageContext, 'url' | 'redirect'>): Response {
  return ctx.redirect(loginUrl(ctx.url), 302);
}

export function forbidden(ctx: Pick<PageContext, 'rewrite'>): Promise<Response> {
  return ctx.rewrite('/403');
}

export async function requireUser(ctx: PageContext): Promise<SignedIn | Response> {
  return ctx.locals.user ?? loginRedirect(ctx);
}

export async function requireRole(ctx: PageContext, role: Role): Promise<SignedIn | Response> {
  const user = ctx.locals.user;
  if (!user) return loginRedirect(ctx);
  if (!hasRole(user, role)) return forbidden(ctx);
  return user;
}

export async function requireMember(ctx: PageContext): Promise<SignedIn | Response> {
  const user = ctx.locals.user;
  if (!user) return loginRedirect(ctx);
  if (!isMember(user)) return forbidden(ctx);
  return user;
}
