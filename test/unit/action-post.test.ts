import { afterEach, describe, expect, it, vi } from 'vitest';
import { stringify } from 'devalue';
import { OFFLINE_MESSAGE, postAction, unflatten } from '~/lib/shared/action-post';

describe('reading an action answer without the astro:actions client', () => {
  it('decodes devalue’s flat form, written out by hand', () => {
    // Root object at 0; its values are indices: a → 1 (an array of 2, 3, undefined), c → -0, s → 3.
    expect(unflatten('[{"a":1,"c":-6,"s":3},[2,3,-1],1,"x"]')).toEqual({ a: [1, 'x', undefined], c: -0, s: 'x' });
    expect(unflatten('[{"next":1,"ok":2},null,true]')).toEqual({ next: null, ok: true });
    expect(unflatten('-1')).toBeUndefined();
  });

  it('reads what Astro’s server side writes for a decision answer (devalue.stringify)', () => {
    const answer = {
      runId: 7,
      step: { type: 'end', node: 'done', result: { passed: true, score: 12 } },
      history: [{ node: 'a', text: 'Hello “there”' }, { node: 'b', text: 'again' }],
      next: { label: 'Take the post-test', href: '/courses/medical-cross-coding/test' },
      result: undefined,
    };
    expect(unflatten(stringify(answer))).toEqual(answer);
  });

  it('refuses typed values it cannot rebuild', () => {
    expect(() => unflatten(stringify({ at: new Date(0) }))).toThrow('Unsupported value: Date');
    expect(() => unflatten('{"a":1}')).toThrow('Invalid input');
    // A key that would replace the object's prototype, as devalue's own parser refuses it.
    expect(() => unflatten('[{"__proto__":1},{"isAdmin":2},true]')).toThrow('Invalid input');
  });
});

describe('postAction: every outcome of the fetch is an answer the player can show', () => {
  afterEach(() => vi.unstubAllGlobals());
  const answering = (status: number, body: string) => vi.stubGlobal('fetch', vi.fn(async () => new Response(body, { status })));

  it('passes the data through, posting the form to /_actions/<name>', async () => {
    answering(200, stringify({ runId: 3 }));
    const form = new FormData();
    form.set('scenario', 'upset-caller');
    expect(await postAction('simulation.decide', form)).toEqual({ ok: true, data: { runId: 3 } });
    const [url, init] = (fetch as unknown as ReturnType<typeof vi.fn>).mock.calls[0]!;
    expect(url).toBe('/_actions/simulation.decide');
    expect(init).toMatchObject({ method: 'POST', body: form });
  });

  it("keeps the action's own error message", async () => {
    answering(404, JSON.stringify({ type: 'AstroActionError', code: 'NOT_FOUND', message: 'That case does not exist.' }));
    expect(await postAction('simulation.decide', new FormData())).toEqual({ ok: false, message: 'That case does not exist.' });
  });

  it('turns a network failure, or an error answer that is not the action’s, into the fallback message', async () => {
    vi.stubGlobal('fetch', vi.fn(() => Promise.reject(new TypeError('Failed to fetch'))));
    expect(await postAction('simulation.decide', new FormData())).toEqual({ ok: false, message: OFFLINE_MESSAGE });
    answering(502, '<html>Bad gateway</html>');
    expect(await postAction('simulation.decide', new FormData())).toEqual({ ok: false, message: OFFLINE_MESSAGE });
    answering(500, '{}');
    expect(await postAction('simulation.decide', new FormData())).toEqual({ ok: false, message: OFFLINE_MESSAGE });
  });

  it('shows a short plain-text refusal made before the action ran (front door, cross-site check), and nothing else', async () => {
    const plain = (status: number, body: string, type = 'text/plain; charset=utf-8') =>
      vi.stubGlobal('fetch', vi.fn(async () => new Response(body, { status, headers: { 'content-type': type } })));
    plain(413, 'The request is too large. The limit is 1024 KB.');
    expect(await postAction('simulation.decide', new FormData())).toEqual({ ok: false, message: 'The request is too large. The limit is 1024 KB.' });
    plain(403, 'Cross-site POST form submissions are forbidden\n');
    expect(await postAction('simulation.decide', new FormData())).toEqual({ ok: false, message: 'Cross-site POST form submissions are forbidden' });
    // An HTML page, a server error, or a long text body is not a message for the learner.
    plain(404, '<!doctype html><title>Not found</title>', 'text/html; charset=utf-8');
    expect(await postAction('simulation.decide', new FormData())).toEqual({ ok: false, message: OFFLINE_MESSAGE });
    plain(503, 'Service unavailable');
    expect(await postAction('simulation.decide', new FormData())).toEqual({ ok: false, message: OFFLINE_MESSAGE });
    plain(400, 'x'.repeat(301));
    expect(await postAction('simulation.decide', new FormData())).toEqual({ ok: false, message: OFFLINE_MESSAGE });
  });
});
