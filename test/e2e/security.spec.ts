import { expect, test } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { eq } from 'drizzle-orm';
import { users } from '../../db/schema';
import { hashPassword } from '~/lib/server/password';
import { createSession, generateSessionToken } from '~/lib/server/session';
import { seedDemo } from '../../scripts/demo-data';
import {
  canSeeCourse, glossaryAccess, hasRole, isMember, lessonAccess, teaches, type LessonAccess, type Visitor,
} from '~/lib/server/access';
import { e2eDb, makeUser } from '../fixtures/browser';

test('pages carry a strict Content-Security-Policy and the other security headers', async ({ request }) => {
  for (const path of ['/', '/verify', '/login']) {
    const res = await request.get(path);
    const csp = res.headers()['content-security-policy'] ?? '';
    expect(csp, path).toContain("frame-ancestors 'none'");
    expect(csp, path).toContain("object-src 'none'");
    expect(csp, path).toMatch(/script-src 'self'/);
    expect(csp, path).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(res.headers()['x-content-type-options']).toBe('nosniff');
    expect(res.headers()['referrer-policy']).toBe('strict-origin-when-cross-origin');
  }
  const api = await request.get('/api/verify/2222-2222-2222-2');
  expect(api.headers()['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
});

test('the session cookie is HttpOnly, SameSite=Lax, Secure, Path=/ with an expiry, and holds only a random token', async ({ request }) => {
  const user = await makeUser();
  const origin = new URL(test.info().project.use.baseURL!).origin;
  const res = await request.post('/login?_action=auth.login', { form: { email: user.email, password: user.password, next: '/' }, headers: { origin }, maxRedirects: 0 });
  expect(res.status()).toBe(303);
  const cookie = res.headersArray().find((h) => h.name.toLowerCase() === 'set-cookie' && h.value.startsWith('session='))!.value;
  expect(cookie).toMatch(/^session=[a-z2-7]{32};/);
  expect(cookie).toMatch(/; HttpOnly/i);
  expect(cookie).toMatch(/; SameSite=Lax/i);
  expect(cookie).toMatch(/; Secure/i);
  expect(cookie).toMatch(/; Path=\//);
  expect(cookie).toMatch(/; Expires=/);
});

test('a cross-site form post is refused', async ({ request }) => {
  const res = await request.post('/login?_action=auth.login', { form: { email: 'a@b.test', password: 'x' }, headers: { origin: 'https://evil.example' } });
  expect(res.status()).toBe(403);
});

// The access-control matrix: every route and action, as every kind of visitor. Add a row with every
// new route. The expected answers are not typed in: each row names the rule of lib/server/access.ts
// that guards it, applied to the same course files the server reads, so a page that decides access
// its own way fails here. test/unit/access.test.ts pins the rules themselves by hand.
type Who = 'anon' | 'learner' | 'member' | 'otherInstructor' | 'instructor' | 'admin';
const WHO: Who[] = ['anon', 'learner', 'member', 'otherInstructor', 'instructor', 'admin'];
const LOGIN = 302;
const YEAR = 365 * 86_400_000;
const VISITOR: Record<Who, Visitor & { email: string } | null> = {
  anon: null,
  learner: { role: 'learner', memberUntil: null, email: 'learner@e2e.test' },
  member: { role: 'learner', memberUntil: Date.now() + YEAR, email: 'member@e2e.test' },
  otherInstructor: { role: 'instructor', memberUntil: null, email: 'courses@demo.test' },
  instructor: { role: 'instructor', memberUntil: null, email: 'instructor@demo.test' },
  admin: { role: 'admin', memberUntil: null, email: 'admin@e2e.test' },
};

const contentFile = (path: string) => parse(readFileSync(join(process.cwd(), 'content', path), 'utf8'));
const course = (id: string) => ({ id, data: contentFile(`courses/${id}/course.yaml`) as { published: boolean; access: 'open' | 'members'; instructors: string[] } });
const scenarioCourse = (id: string) => course((contentFile(`simulations/${id}.yaml`) as { course: string }).course);
const profiles = readdirSync(join(process.cwd(), 'content/instructors')).map((f) => ({ id: f.replace(/\.yaml$/, ''), accounts: (contentFile(`instructors/${f}`).accounts ?? []) as string[] }));

type Rule = (v: Visitor & { email: string } | null) => number;
const PAGE: Record<LessonAccess, number> = { ok: 200, 'sign-in': LOGIN, 'members-only': 403, 'not-found': 404 };
const anyone = (status = 200): Rule => () => status;
const signedOutOnly: Rule = (v) => (v ? 303 : 200);
const signedIn = (status = 200): Rule => (v) => (v ? status : LOGIN);
const withRole = (role: 'instructor' | 'admin'): Rule => (v) => (!v ? LOGIN : hasRole(v, role) ? 200 : 403);
const overview = (id: string): Rule => (v) => (canSeeCourse(course(id), v) ? 200 : 404);
const lesson = (c: ReturnType<typeof course>): Rule => (v) => PAGE[lessonAccess(c, v)];
const glossary = (id: string): Rule => (v) => PAGE[glossaryAccess(course(id), v)];
const report = (id: string): Rule => (v) => (!v ? LOGIN : !hasRole(v, 'instructor') ? 403 : teaches(v, course(id), profiles) ? 200 : 403);

const GETS: Array<[string, Rule]> = [
  ['/', anyone()],
  ['/healthz', anyone()],
  ['/login', signedOutOnly],
  ['/signup', signedOutOnly],
  ['/verify', anyone()],
  ['/media/brand/logo.png', anyone()],
  ['/verify/2222-2222-2222-2', anyone(404)],
  ['/api/verify/2222-2222-2222-2', anyone(404)],
  ['/courses/sample-course', overview('sample-course')],
  ['/courses/sample-course/welcome', lesson(course('sample-course'))],
  ['/courses/sample-course/glossary', glossary('sample-course')],
  ['/courses/sample-course/test', lesson(course('sample-course'))],
  ['/courses/sample-course/evaluation', lesson(course('sample-course'))],
  ['/courses/medical-cross-coding', overview('medical-cross-coding')],
  ['/courses/medical-cross-coding/glossary', glossary('medical-cross-coding')],
  ['/courses/medical-cross-coding/when-medical-pays', lesson(course('medical-cross-coding'))],
  ['/courses/medical-cross-coding/test', lesson(course('medical-cross-coding'))],
  ['/simulations/broken-tooth-10', lesson(scenarioCourse('broken-tooth-10'))],
  ['/simulations/upset-caller', lesson(scenarioCourse('upset-caller'))],
  ['/simulations/upset-caller/review', lesson(scenarioCourse('upset-caller'))],
  ['/simulations/broken-tooth-10/review', lesson(scenarioCourse('broken-tooth-10'))],
  ['/courses/draft-example', overview('draft-example')],
  ['/courses/draft-example/about-drafts', lesson(course('draft-example'))],
  ['/courses/draft-example/glossary', glossary('draft-example')],
  ['/me/profile', signedIn()],
  ['/me/ce', signedIn()],
  ['/me/ce/transcript.csv', signedIn()],
  ['/me/ce/transcript.pdf', signedIn()],
  ['/me/ce/files/999999', signedIn(404)],
  ['/me/certificates/2222222222222', signedIn(404)],
  ['/me/certificates/2222222222222.pdf', signedIn(404)],
  ['/instructor', withRole('instructor')],
  ['/instructor/sample-course', report('sample-course')],
  ['/instructor/sample-course/preview', report('sample-course')],
  ['/instructor/customer-service/play/upset-caller', report('customer-service')],
  ['/instructor/sample-course/roster.csv', report('sample-course')],
  ['/instructor/sample-course/items.csv', report('sample-course')],
  ['/instructor/sample-course/evaluations.csv', report('sample-course')],
  ['/admin/users', withRole('admin')],
  ['/admin/audit', withRole('admin')],
  ['/admin/users/999999', (v) => (!v ? LOGIN : hasRole(v, 'admin') ? 404 : 403)],
  ['/admin/certificates', withRole('admin')],
  ['/admin/mail', withRole('admin')],
  ['/admin/setup', withRole('admin')],
  ['/admin/ce-broker', withRole('admin')],
  ['/admin/ce-broker.csv', (v) => (!v ? LOGIN : hasRole(v, 'admin') ? 400 : 403)],
  ['/instructor/sample-course/time.csv', report('sample-course')],
  ['/forgot-password', anyone()],
  ['/reset-password?token=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', anyone(400)],
  ['/verify-email?token=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', anyone(400)],
  ['/sign-in-link', anyone()],
  ['/unsubscribe?token=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', anyone(400)],
  ['/sign-in-link?token=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', anyone(400)],
  ['/no-such-page', anyone(404)],
];

// Actions posted as form calls to /_actions/<name>: signed out is 401, refused by the rule 403 (or
// 404 when the course is not visible); past the rule, `then` is what the handler answers to this
// (deliberately unfinished or unknown) input.
const ACTION: Record<LessonAccess, number | null> = { ok: null, 'sign-in': 401, 'members-only': 403, 'not-found': 404 };
const act = (gate: (v: Visitor) => number | null, then: number): Rule => (v) => (!v ? 401 : gate(v) ?? then);
const asUser = (then: number) => act(() => null, then);
const asRole = (role: 'admin', then: number) => act((v) => (hasRole(v, role) ? null : 403), then);
const asMember = (then: number) => act((v) => (isMember(v) ? null : 403), then);
const inLesson = (c: ReturnType<typeof course>, then: number) => act((v) => ACTION[lessonAccess(c, v)], then);

const ACTIONS: Array<[string, Record<string, string>, Rule]> = [
  ['admin.setRole', { userId: '1', role: 'admin' }, asRole('admin', 200)],
  ['admin.setMembership', { userId: '999999', until: '' }, asRole('admin', 404)],
  ['admin.revokeCertificate', { certificateId: '999999', reason: 'testing' }, asRole('admin', 409)],
  ['admin.reissueCertificate', { certificateId: '999999', reason: 'testing' }, asRole('admin', 404)],
  ['admin.retryMail', { id: '999999' }, asRole('admin', 409)],
  ['admin.sendPasswordReset', { userId: '999999' }, asRole('admin', 404)],
  ['admin.grantAttemptException', { userId: '999999', course: 'sample-course', kind: 'extra-attempt' }, asRole('admin', 404)],
  ['admin.signOutUser', { userId: '999999' }, asRole('admin', 404)],
  // Requests that name an address answer the same for everyone; bad tokens are 400 before any rule.
  ['account.requestReset', { email: 'nobody@matrix.test' }, anyone(200)],
  ['account.resetPassword', { token: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', newPassword: 'a long enough phrase' }, anyone(400)],
  ['account.confirmEmail', { token: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' }, anyone(400)],
  ['account.resendConfirmation', {}, asUser(200)],
  ['account.setReminders', { reminders: 'on' }, asUser(200)],
  ['account.setReminders', { reminders: 'sometimes' }, anyone(400)],
  ['account.requestSignInLink', { email: 'nobody@matrix.test' }, anyone(200)],
  ['account.useSignInLink', { token: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' }, anyone(400)],
  ['auth.updateProfile', { fullName: 'Valid Name', profession: 'other' }, asUser(200)],
  // Input is checked before the handler runs: a bad form is 400 even signed out.
  ['auth.updateProfile', { fullName: '', profession: 'nonsense' }, anyone(400)],
  ['auth.logoutAll', {}, asUser(200)],
  // 409: the lesson was never opened, so it cannot be completed (issue 14); access is what this row checks.
  ['progress.completeLesson', { course: 'medical-cross-coding', lesson: 'when-medical-pays' }, inLesson(course('medical-cross-coding'), 409)],
  // The lessons are not finished, so even those who may take the post-test are refused (403).
  ['quiz.start', { course: 'medical-cross-coding' }, inLesson(course('medical-cross-coding'), 403)],
  ['quiz.submit', { attempt: '999999' }, asUser(404)],
  ['quiz.save', { attempt: '999999' }, asUser(404)],
  ['simulation.decide', { scenario: 'broken-tooth-10', run: '999999', node: 'call', kind: 'continue' }, inLesson(scenarioCourse('broken-tooth-10'), 404)],
  ['simulation.restart', { scenario: 'draft-nothing' }, asUser(404)],
  ['evaluation.submit', { course: 'medical-cross-coding' }, inLesson(course('medical-cross-coding'), 403)],
  ['ce.addExternal', { provider: 'x' }, asMember(400)],
  ['ce.editExternal', { id: '999999', provider: 'x' }, asMember(400)],
  ['ce.deleteExternal', { id: '999999' }, asUser(404)],
  ['ce.setTracker', { licenceState: 'TX', licenceType: 'hygienist' }, asMember(200)],
];

test('every page that asks a visitor to sign in comes back to the same address, query string included', async ({ request }) => {
  const back = '?from=reminder&step=2';
  for (const path of ['/courses/sample-course/welcome', '/courses/sample-course/test', '/courses/sample-course/test/1', '/courses/sample-course/evaluation', '/simulations/upset-caller', '/courses/medical-cross-coding/glossary', '/me/ce', '/instructor']) {
    const res = await request.get(path + back, { maxRedirects: 0 });
    expect(res.status(), path).toBe(302);
    expect(res.headers().location, path).toBe(`/login?next=${encodeURIComponent(path + back)}`);
  }
});

test.describe('access-control matrix', () => {
  const accounts = {} as Record<Who, number | null>;
  test.beforeAll(async () => {
    await seedDemo(e2eDb(), hashPassword);
    const byEmail = (email: string) => e2eDb().select().from(users).where(eq(users.email, email)).get()!.id;
    accounts.anon = null;
    accounts.learner = (await makeUser()).id;
    accounts.member = (await makeUser({ member: true })).id;
    accounts.otherInstructor = byEmail('courses@demo.test');
    accounts.instructor = byEmail('instructor@demo.test');
    accounts.admin = (await makeUser({ role: 'admin' })).id;
  });

  /** Request headers with a session of its own for each test, so no test needs another's session. */
  const headersFor = (who: Who, baseURL: string): Record<string, string> => {
    const id = accounts[who];
    const origin = new URL(baseURL).origin;
    if (id === null) return { origin };
    const token = generateSessionToken();
    createSession(e2eDb(), token, id);
    return { cookie: `session=${token}`, origin };
  };

  for (const who of WHO) {
    test(`pages and endpoints as ${who}`, async ({ request, baseURL }) => {
      const headers = headersFor(who, baseURL!);
      const got: string[] = [];
      const want: string[] = [];
      for (const [path, expected] of GETS) {
        const res = await request.get(path, { headers, maxRedirects: 0 });
        got.push(`${path} ${res.status()}`);
        want.push(`${path} ${expected(VISITOR[who])}`);
      }
      expect(got).toEqual(want);
    });

    test(`actions as ${who}`, async ({ request, baseURL }) => {
      const headers = headersFor(who, baseURL!);
      const got: string[] = [];
      const want: string[] = [];
      for (const [name, form, expected] of ACTIONS) {
        // logoutAll would end the session the other rows need: run it last.
        if (name === 'auth.logoutAll') continue;
        const res = await request.post(`/_actions/${name}`, { form, headers });
        got.push(`${name} ${res.status()}`);
        want.push(`${name} ${expected(VISITOR[who])}`);
        expect(res.status(), `${name} as ${who} must never be a 5xx`).toBeLessThan(500);
      }
      const [, form, expected] = ACTIONS.find(([n]) => n === 'auth.logoutAll')!;
      const res = await request.post('/_actions/auth.logoutAll', { form, headers });
      got.push(`auth.logoutAll ${res.status()}`);
      want.push(`auth.logoutAll ${expected(VISITOR[who])}`);
      expect(got).toEqual(want);
    });
  }
});
