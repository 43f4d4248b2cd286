import { expect, test } from '@playwright/test';
import { eq } from 'drizzle-orm';
import { users } from '../../db/schema';
import { hashPassword } from '../../src/lib/server/password';
import { createSession, generateSessionToken } from '../../src/lib/server/session';
import { seedDemo } from '../../scripts/demo-data';
import { e2eDb, makeUser } from './fixtures';

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

// The access-control matrix: every route and action, as every kind of visitor. Add a row with every new route.
type Who = 'anon' | 'learner' | 'member' | 'otherInstructor' | 'instructor' | 'admin';
const WHO: Who[] = ['anon', 'learner', 'member', 'otherInstructor', 'instructor', 'admin'];
const LOGIN = 302;
const row = (anon: number, learner: number, member: number, otherInstructor: number, instructor: number, admin: number) => ({ anon, learner, member, otherInstructor, instructor, admin });

const GETS: Array<[string, Record<Who, number>]> = [
  ['/', row(200, 200, 200, 200, 200, 200)],
  ['/healthz', row(200, 200, 200, 200, 200, 200)],
  ['/login', row(200, 303, 303, 303, 303, 303)],
  ['/signup', row(200, 303, 303, 303, 303, 303)],
  ['/verify', row(200, 200, 200, 200, 200, 200)],
  ['/verify/2222-2222-2222-2', row(404, 404, 404, 404, 404, 404)],
  ['/api/verify/2222-2222-2222-2', row(404, 404, 404, 404, 404, 404)],
  ['/courses/sample-course', row(200, 200, 200, 200, 200, 200)],
  ['/courses/sample-course/welcome', row(LOGIN, 200, 200, 200, 200, 200)],
  ['/courses/sample-course/glossary', row(200, 200, 200, 200, 200, 200)],
  ['/courses/sample-course/test', row(LOGIN, 200, 200, 200, 200, 200)],
  ['/courses/sample-course/evaluation', row(LOGIN, 200, 200, 200, 200, 200)],
  ['/courses/medical-cross-coding', row(200, 200, 200, 200, 200, 200)],
  ['/courses/medical-cross-coding/when-medical-pays', row(LOGIN, 403, 200, 200, 200, 200)],
  ['/courses/medical-cross-coding/test', row(LOGIN, 403, 200, 200, 200, 200)],
  ['/simulations/broken-tooth-10', row(LOGIN, 403, 200, 200, 200, 200)],
  ['/simulations/upset-caller', row(LOGIN, 200, 200, 200, 200, 200)],
  ['/courses/draft-example', row(404, 404, 404, 200, 200, 200)],
  ['/courses/draft-example/about-drafts', row(404, 404, 404, 200, 200, 200)],
  ['/me/profile', row(LOGIN, 200, 200, 200, 200, 200)],
  ['/me/ce', row(LOGIN, 200, 200, 200, 200, 200)],
  ['/me/ce/transcript.csv', row(LOGIN, 200, 200, 200, 200, 200)],
  ['/me/ce/transcript.pdf', row(LOGIN, 200, 200, 200, 200, 200)],
  ['/me/ce/files/999999', row(LOGIN, 404, 404, 404, 404, 404)],
  ['/me/certificates/2222222222222', row(LOGIN, 404, 404, 404, 404, 404)],
  ['/me/certificates/2222222222222.pdf', row(LOGIN, 404, 404, 404, 404, 404)],
  ['/instructor', row(LOGIN, 403, 403, 200, 200, 200)],
  ['/instructor/sample-course', row(LOGIN, 403, 403, 403, 200, 200)],
  ['/instructor/sample-course/preview', row(LOGIN, 403, 403, 403, 200, 200)],
  ['/instructor/sample-course/roster.csv', row(LOGIN, 403, 403, 403, 200, 200)],
  ['/instructor/sample-course/items.csv', row(LOGIN, 403, 403, 403, 200, 200)],
  ['/instructor/sample-course/evaluations.csv', row(LOGIN, 403, 403, 403, 200, 200)],
  ['/admin/users', row(LOGIN, 403, 403, 403, 403, 200)],
  ['/admin/audit', row(LOGIN, 403, 403, 403, 403, 200)],
  ['/admin/certificates', row(LOGIN, 403, 403, 403, 403, 200)],
  ['/admin/setup', row(LOGIN, 403, 403, 403, 403, 200)],
  ['/instructor/sample-course/time.csv', row(LOGIN, 403, 403, 403, 200, 200)],
  ['/admin/mail', row(LOGIN, 403, 403, 403, 403, 200)],
  ['/forgot-password', row(200, 200, 200, 200, 200, 200)],
  ['/reset-password?token=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', row(400, 400, 400, 400, 400, 400)],
  ['/verify-email?token=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', row(400, 400, 400, 400, 400, 400)],
  ['/sign-in-link', row(200, 200, 200, 200, 200, 200)],
  ['/sign-in-link?token=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', row(400, 400, 400, 400, 400, 400)],
  ['/no-such-page', row(404, 404, 404, 404, 404, 404)],
];

// Actions posted as JSON-less form calls to /_actions/<name>: signed out is 401; wrong role 403.
const ACTIONS: Array<[string, Record<string, string>, Record<Who, number>]> = [
  ['admin.setRole', { userId: '1', role: 'admin' }, row(401, 403, 403, 403, 403, 200)],
  ['admin.setMembership', { userId: '999999', until: '' }, row(401, 403, 403, 403, 403, 404)],
  ['admin.revokeCertificate', { certificateId: '999999', reason: 'testing' }, row(401, 403, 403, 403, 403, 409)],
  ['admin.reissueCertificate', { certificateId: '999999', reason: 'testing' }, row(401, 403, 403, 403, 403, 404)],
  ['admin.retryMail', { id: '999999' }, row(401, 403, 403, 403, 403, 409)],
  ['admin.sendPasswordReset', { userId: '999999' }, row(401, 403, 403, 403, 403, 404)],
  ['account.requestReset', { email: 'nobody@matrix.test' }, row(200, 200, 200, 200, 200, 200)],
  ['account.resetPassword', { token: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', newPassword: 'a long enough phrase' }, row(400, 400, 400, 400, 400, 400)],
  ['account.confirmEmail', { token: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' }, row(400, 400, 400, 400, 400, 400)],
  ['account.resendConfirmation', {}, row(401, 200, 200, 200, 200, 200)],
  ['account.requestSignInLink', { email: 'nobody@matrix.test' }, row(200, 200, 200, 200, 200, 200)],
  ['account.useSignInLink', { token: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' }, row(400, 400, 400, 400, 400, 400)],
  ['auth.updateProfile', { fullName: 'Valid Name', profession: 'other' }, row(401, 200, 200, 200, 200, 200)],
  ['auth.updateProfile', { fullName: '', profession: 'nonsense' }, row(400, 400, 400, 400, 400, 400)],
  ['auth.logoutAll', {}, row(401, 200, 200, 200, 200, 200)],
  // 409: the lesson was never opened, so it cannot be completed (issue 14); access is what this row checks.
  ['progress.completeLesson', { course: 'medical-cross-coding', lesson: 'when-medical-pays' }, row(401, 403, 409, 409, 409, 409)],
  ['quiz.start', { course: 'medical-cross-coding' }, row(401, 403, 403, 403, 403, 403)],
  ['quiz.submit', { attempt: '999999' }, row(401, 404, 404, 404, 404, 404)],
  ['simulation.decide', { scenario: 'broken-tooth-10', run: '999999', node: 'call', kind: 'continue' }, row(401, 403, 404, 404, 404, 404)],
  ['simulation.restart', { scenario: 'draft-nothing' }, row(401, 404, 404, 404, 404, 404)],
  ['evaluation.submit', { course: 'medical-cross-coding' }, row(401, 403, 403, 403, 403, 403)],
  ['ce.addExternal', { provider: 'x' }, row(401, 403, 400, 403, 403, 400)],
  ['ce.deleteExternal', { id: '999999' }, row(401, 404, 404, 404, 404, 404)],
  ['ce.setTracker', { licenceState: 'TX', licenceType: 'hygienist' }, row(401, 403, 200, 403, 403, 200)],
];

test.describe('access-control matrix', () => {
  const tokens = {} as Record<Who, string | null>;
  let origin = '';
  test.beforeAll(async () => {
    await seedDemo(e2eDb(), hashPassword);
    const session = (id: number) => {
      const token = generateSessionToken();
      createSession(e2eDb(), token, id);
      return token;
    };
    const byEmail = (email: string) => e2eDb().select().from(users).where(eq(users.email, email)).get()!.id;
    tokens.anon = null;
    tokens.learner = session((await makeUser()).id);
    tokens.member = session((await makeUser({ member: true })).id);
    tokens.otherInstructor = session(byEmail('courses@demo.test'));
    tokens.instructor = session(byEmail('instructor@demo.test'));
    tokens.admin = session((await makeUser({ role: 'admin' })).id);
  });

  const headersFor = (who: Who) => ({ ...(tokens[who] ? { cookie: `session=${tokens[who]}` } : {}), origin });

  for (const who of WHO) {
    test(`pages and endpoints as ${who}`, async ({ request, baseURL }) => {
      origin = new URL(baseURL!).origin;
      const got: string[] = [];
      const want: string[] = [];
      for (const [path, expected] of GETS) {
        const res = await request.get(path, { headers: headersFor(who), maxRedirects: 0 });
        got.push(`${path} ${res.status()}`);
        want.push(`${path} ${expected[who]}`);
      }
      expect(got).toEqual(want);
    });

    test(`actions as ${who}`, async ({ request, baseURL }) => {
      origin = new URL(baseURL!).origin;
      const got: string[] = [];
      const want: string[] = [];
      for (const [name, form, expected] of ACTIONS) {
        // logoutAll would end the session the other rows need: run it last.
        if (name === 'auth.logoutAll') continue;
        const res = await request.post(`/_actions/${name}`, { form, headers: headersFor(who) });
        got.push(`${name} ${res.status()}`);
        want.push(`${name} ${expected[who]}`);
        expect(res.status(), `${name} as ${who} must never be a 5xx`).toBeLessThan(500);
      }
      const [, form, expected] = ACTIONS.find(([n]) => n === 'auth.logoutAll')!;
      const res = await request.post('/_actions/auth.logoutAll', { form, headers: headersFor(who) });
      got.push(`auth.logoutAll ${res.status()}`);
      want.push(`auth.logoutAll ${expected[who]}`);
      expect(got).toEqual(want);
    });
  }
});
