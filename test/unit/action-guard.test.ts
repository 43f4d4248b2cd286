import { describe, expect, it } from 'vitest';
import { ActionError } from 'astro:actions';
import { actionBodyLimit, callRpcAction, checkActionRequest, knownAction, publicResult, refusalResponse, successRedirect, unreadableForm } from '~/lib/server/action-guard';
import { MAX_BODY_BYTES, MAX_UPLOAD_BYTES } from '~/lib/shared/body-limits.mjs';

const server = { auth: { login: () => 1, signup: () => 2 }, quiz: { start: () => 3 } };
const form = (body: string, type = 'application/x-www-form-urlencoded', length = String(Buffer.byteLength(body))) =>
  new Request('http://x/_actions/auth.login', { method: 'POST', body, headers: { 'content-type': type, 'content-length': length } });
const learner = { role: 'learner', memberUntil: null };
const member = { role: 'learner', memberUntil: Date.now() + 86_400_000 };

describe('action guard', () => {
  it('knows only own, callable actions', () => {
    expect(knownAction(server, 'auth.login')).toBe(true);
    // Astro's client posts to /_actions/auth.login/ and may escape the dot.
    expect(knownAction(server, 'auth.login/')).toBe(true);
    expect(knownAction(server, 'auth%2Elogin/')).toBe(true);
    expect(knownAction(server, 'auth%2E__proto__')).toBe(false);
    for (const name of ['auth', '__proto__', 'auth.__proto__', 'constructor', 'toString', 'quiz.hasOwnProperty', 'nope', 'auth.login.x', '', 'auth.']) {
      expect(knownAction(server, name), name).toBe(false);
    }
  });

  it('refuses unknown names with 404 and non-forms with 415, each with a message, without reading the body', () => {
    expect(checkActionRequest(form('a=1'), server, { name: 'auth.login', calledFrom: 'rpc' })).toBeNull();
    expect(checkActionRequest(form('a=1'), server, { name: '__proto__', calledFrom: 'rpc' })).toMatchObject({ status: 404 });
    expect(checkActionRequest(form('{', 'application/json'), server, { name: 'auth.login', calledFrom: 'rpc' })).toMatchObject({ status: 415 });
    expect(checkActionRequest(form('x', 'multipart/form-data'), server, { name: 'auth.login', calledFrom: 'form' })).toMatchObject({ status: 415 });
  });

  it('allows the upload limit only to a member calling the upload action (16.4)', () => {
    const upload = { name: 'ce.addExternal', calledFrom: 'form' as const };
    const uploadServer = { ce: { addExternal: () => 1 } };
    const declared = (n: number) => form('a=1', 'multipart/form-data; boundary=zz', String(n));
    expect(actionBodyLimit('ce.addExternal', member)).toBe(6 * 1024 * 1024);
    expect(actionBodyLimit('ce.addExternal', learner)).toBe(1024 * 1024);
    expect(actionBodyLimit('ce.addExternal', null)).toBe(1024 * 1024);
    expect(actionBodyLimit('auth.login', member)).toBe(1024 * 1024);
    expect(checkActionRequest(declared(5 * 1024 * 1024), uploadServer, upload, member)).toBeNull();
    expect(checkActionRequest(declared(5 * 1024 * 1024), uploadServer, upload, learner)).toMatchObject({ status: 413, message: 'The request is too large. The limit is 1024 KB.' });
    expect(checkActionRequest(declared(5 * 1024 * 1024), uploadServer, upload, null)).toMatchObject({ status: 413 });
    expect(checkActionRequest(declared(MAX_UPLOAD_BYTES + 1), uploadServer, upload, member)).toMatchObject({ status: 413 });
    expect(checkActionRequest(declared(MAX_BODY_BYTES), server, { name: 'auth.login', calledFrom: 'rpc' }, null)).toBeNull();
  });

  it('logs an unexpected error and answers a generic message; a form Astro cannot read is a 400 (16.9)', () => {
    const call = { name: 'admin.reissueCertificate', calledFrom: 'rpc' as const };
    const leaked = publicResult({ data: undefined, error: new ActionError({ code: 'INTERNAL_SERVER_ERROR', message: 'UNIQUE constraint failed: certificates.user_id, certificates.course' }) }, call);
    expect(leaked.error?.status).toBe(500);
    expect(leaked.error?.message).not.toContain('UNIQUE');
    expect(leaked.error?.message).toMatch(/^Something went wrong on our side/);
    expect(unreadableForm({ data: undefined, error: new ActionError({ code: 'UNSUPPORTED_MEDIA_TYPE' }) })).toMatchObject({ status: 400, message: expect.stringMatching(/could not be read/) });
    expect(unreadableForm({ data: 1, error: undefined })).toBeNull();
    const mine = publicResult({ data: undefined, error: new ActionError({ code: 'CONFLICT', message: 'Already replaced.' }) }, call);
    expect(mine.error).toMatchObject({ status: 409, message: 'Already replaced.' });
  });

  it('answers in Astro action-error JSON for the client and plain text for form posts', async () => {
    const rpc = refusalResponse({ status: 404, code: 'NOT_FOUND', message: 'There is no such action.' }, { name: 'x', calledFrom: 'rpc' });
    expect(rpc.status).toBe(404);
    expect(await rpc.json()).toEqual({ type: 'AstroActionError', code: 'NOT_FOUND', status: 404, message: 'There is no such action.' });
    const page = refusalResponse({ status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Send a form.' }, { name: 'x', calledFrom: 'form' });
    expect(await page.text()).toBe('Send a form.');
  });

  it('sends a successful form post on to the path its action names, and nothing else (issue 21)', () => {
    const formCall = { name: 'quiz.submit', calledFrom: 'form' as const };
    expect(successRedirect({ data: { url: '/courses/c/test/7' }, error: undefined }, formCall)).toBe('/courses/c/test/7');
    // The island's JSON call gets the data, never a redirect.
    expect(successRedirect({ data: { url: '/courses/c/test/7' }, error: undefined }, { name: 'quiz.submit', calledFrom: 'rpc' })).toBeNull();
    // A failure renders the page with its message.
    expect(successRedirect({ data: undefined, error: new ActionError({ code: 'BAD_REQUEST', message: 'No.' }) }, formCall)).toBeNull();
    // A backslash inside the path is read as a slash, as a browser would: still this site.
    expect(successRedirect({ data: { url: '/courses\\c' }, error: undefined }, formCall)).toBe('/courses/c');
    // Results without a path of this site render the page as before.
    for (const data of [{ saved: 3 }, { url: 'https://elsewhere.test/' }, { url: '//elsewhere.test/' }, { url: '/\\elsewhere.test/' }, { url: '/\t/elsewhere.test/' }, { url: '/\n/elsewhere.test/' }, { url: '/.//elsewhere.test/' }, { url: 7 }, null, 'text']) {
      expect(successRedirect({ data, error: undefined }, formCall), JSON.stringify(data)).toBeNull();
    }
  });

  it('runs an island’s call on the form as posted, read once and not copied, through callAction', async () => {
    const seen: unknown[] = [];
    const rpcServer = { quiz: { start: (input: FormData) => ({ data: input.get('course'), error: undefined }) } };
    const context = (request: Request) => ({
      request,
      callAction: async (action: (input: FormData) => unknown, input: FormData) => (seen.push(input), action(input) as any),
    });
    const request = new Request('http://x/_actions/quiz.start', { method: 'POST', body: 'course=sample-course', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(await callRpcAction(context(request), rpcServer, 'quiz%2Estart/')).toEqual({ data: 'sample-course', error: undefined });
    expect(seen[0]).toBeInstanceOf(FormData);
    expect(request.bodyUsed).toBe(true);

    const unknown = await callRpcAction(context(form('a=1')), rpcServer, 'quiz.__proto__');
    expect(unknown.error).toMatchObject({ code: 'NOT_FOUND' });
    // A multipart body that does not follow its boundary: Astro's handler says UNSUPPORTED_MEDIA_TYPE, and so does this.
    const broken = await callRpcAction(context(form('not multipart', 'multipart/form-data; boundary=zz')), rpcServer, 'quiz.start');
    expect(broken.error).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
    expect(unreadableForm(broken)).toMatchObject({ status: 400 });
    expect(seen).toHaveLength(1);
  });
});
