/**
 * The access rules, worked out by hand for each kind of visitor. The browser matrix
 * (test/e2e/security.spec.ts) checks that every route obeys these same functions.
 */
import { describe, expect, it } from 'vitest';
import {
  canSeeCourse, canSeeRecordOf, glossaryAccess, hasMembership, hasRole, isMember, isStaff, lessonAccess, loginUrl, teaches,
} from '~/lib/server/access';

const NOW = 1_800_000_000_000;
const DAY = 86_400_000;
const anon = null;
const learner = { role: 'learner', memberUntil: null, email: 'l@x.test' };
const lapsed = { role: 'learner', memberUntil: NOW - DAY, email: 'old@x.test' };
const member = { role: 'learner', memberUntil: NOW + DAY, email: 'm@x.test' };
const instructor = { role: 'instructor', memberUntil: null, email: 'Teacher@X.test' };
const admin = { role: 'admin', memberUntil: null, email: 'a@x.test' };

const course = (access: 'open' | 'members', published = true) => ({ id: 'c', data: { published, access, instructors: ['t-profile'] } });

describe('roles', () => {
  it('rank learner < instructor < admin', () => {
    expect([learner, instructor, admin].map((u) => hasRole(u, 'instructor'))).toEqual([false, true, true]);
    expect([learner, instructor, admin].map((u) => hasRole(u, 'admin'))).toEqual([false, false, true]);
    expect(hasRole(null, 'learner')).toBe(false);
    expect(hasRole({ role: 'superuser' }, 'learner')).toBe(false);
    expect([anon, learner, instructor, admin].map(isStaff)).toEqual([false, false, true, true]);
  });
});

describe('who counts as a member', () => {
  it('a membership in force, or staff; a lapsed membership is not one', () => {
    expect([anon, learner, lapsed, member, instructor, admin].map((u) => isMember(u, NOW))).toEqual([false, false, false, true, true, true]);
  });
  it('a membership holds up to the millisecond before it ends', () => {
    const until = { role: 'learner', memberUntil: NOW };
    expect(isMember(until, NOW - 1)).toBe(true);
    expect(isMember(until, NOW)).toBe(false);
  });
  it('hasMembership is the paid membership alone: staff without one have none', () => {
    expect([learner, member, instructor].map((u) => hasMembership(u, NOW))).toEqual([false, true, false]);
  });
});

describe('lessons', () => {
  const visitors = [anon, learner, lapsed, member, instructor, admin];
  it('an open course: sign in first, then everyone', () => {
    expect(visitors.map((u) => lessonAccess(course('open'), u, NOW))).toEqual(['sign-in', 'ok', 'ok', 'ok', 'ok', 'ok']);
  });
  it('a members course: sign in first, then members and staff only', () => {
    expect(visitors.map((u) => lessonAccess(course('members'), u, NOW))).toEqual(['sign-in', 'members-only', 'members-only', 'ok', 'ok', 'ok']);
  });
  it('a draft is not found except by staff; a missing course is not found', () => {
    expect(visitors.map((u) => lessonAccess(course('open', false), u, NOW))).toEqual(['not-found', 'not-found', 'not-found', 'not-found', 'ok', 'ok']);
    expect(visitors.map((u) => canSeeCourse(course('members', false), u))).toEqual([false, false, false, false, true, true]);
    expect(lessonAccess(undefined, admin, NOW)).toBe('not-found');
  });
});

describe('glossary', () => {
  const visitors = [anon, learner, member, instructor];
  it("an open course's terms are public", () => {
    expect(visitors.map((u) => glossaryAccess(course('open'), u, NOW))).toEqual(['ok', 'ok', 'ok', 'ok']);
  });
  it("a members course's terms follow its lessons", () => {
    expect(visitors.map((u) => glossaryAccess(course('members'), u, NOW))).toEqual(['sign-in', 'members-only', 'ok', 'ok']);
    expect(glossaryAccess(course('open', false), anon, NOW)).toBe('not-found');
  });
});

describe('teaching', () => {
  const profiles = [
    { id: 't-profile', accounts: ['teacher@x.test'] },
    { id: 'other', accounts: ['someone@x.test'] },
  ];
  const other = { id: 'd', data: { instructors: ['other'] } };
  const both = { id: 'e', data: { instructors: ['other', 't-profile'] } };
  it('an instructor teaches the courses listing a profile with their account (any letter case)', () => {
    expect([course('open'), other, both].map((c) => teaches(instructor, c, profiles))).toEqual([true, false, true]);
  });
  it('admins teach every course; learners none, even when a profile lists their email', () => {
    expect([course('open'), other].map((c) => teaches(admin, c, profiles))).toEqual([true, true]);
    expect(teaches({ role: 'learner', email: 'teacher@x.test' }, course('open'), profiles)).toBe(false);
    expect(teaches(null, course('open'), profiles)).toBe(false);
  });
});

describe('own records', () => {
  it('the owner and admins; not another learner or an instructor', () => {
    expect(canSeeRecordOf({ id: 7, role: 'learner' }, 7)).toBe(true);
    expect(canSeeRecordOf({ id: 8, role: 'learner' }, 7)).toBe(false);
    expect(canSeeRecordOf({ id: 8, role: 'instructor' }, 7)).toBe(false);
    expect(canSeeRecordOf({ id: 8, role: 'admin' }, 7)).toBe(true);
  });
});

describe('the sign-in redirect', () => {
  it('keeps the path and the query string', () => {
    expect(loginUrl(new URL('http://x.test/courses/a/test?from=menu&x=1'))).toBe('/login?next=%2Fcourses%2Fa%2Ftest%3Ffrom%3Dmenu%26x%3D1');
    expect(loginUrl('/courses/a?b=1', 'signup')).toBe('/signup?next=%2Fcourses%2Fa%3Fb%3D1');
  });
});
