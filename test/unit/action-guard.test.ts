import { describe, expect, it } from 'vitest';
import { checkActionRequest, knownAction, refusalResponse } from '../../src/lib/server/action-guard';

const server = { auth: { login: () => 1, signup: () => 2 }, quiz: { start: () => 3 } };
const form = (body: string, type = 'application/x-www-form-urlencoded') => new Request('http://x/_actions/auth.login', { method: 'POST', body, headers: { 'content-type': type } });

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

  it('refuses unknown names with 404, non-forms with 415 and unreadable forms with 400, each with a message', async () => {
    expect(await checkActionRequest(form('a=1'), server, { name: 'auth.login', calledFrom: 'rpc' })).toBeNull();
    expect(await checkActionRequest(form('a=1'), server, { name: '__proto__', calledFrom: 'rpc' })).toMatchObject({ status: 404 });
    expect(await checkActionRequest(form('{', 'application/json'), server, { name: 'auth.login', calledFrom: 'rpc' })).toMatchObject({ status: 415 });
    expect(await checkActionRequest(form('x', 'multipart/form-data'), server, { name: 'auth.login', calledFrom: 'form' })).toMatchObject({ status: 415 });
    const garbage = await checkActionRequest(form('garbage', 'multipart/form-data; boundary=zz'), server, { name: 'auth.login', calledFrom: 'form' });
    expect(garbage).toMatchObject({ status: 400, message: expect.stringMatching(/could not be read/) });
  });

  it('answers in Astro action-error JSON for the client and plain text for form posts', async () => {
    const rpc = refusalResponse({ status: 404, code: 'NOT_FOUND', message: 'There is no such action.' }, { name: 'x', calledFrom: 'rpc' });
    expect(rpc.status).toBe(404);
    expect(await rpc.json()).toEqual({ type: 'AstroActionError', code: 'NOT_FOUND', status: 404, message: 'There is no such action.' });
    const page = refusalResponse({ status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Send a form.' }, { name: 'x', calledFrom: 'form' });
    expect(await page.text()).toBe('Send a form.');
  });
});
