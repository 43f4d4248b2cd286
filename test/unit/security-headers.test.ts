import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { baseHeaders, contentSecurityPolicy, inlineScriptHashes, scriptSourcesFromAstro, secured, securityHeaders, withSecurityHeaders } from '~/lib/server/security-headers';

const sha = (s: string) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`;

describe('security headers', () => {
  it('hash exactly the inline scripts, not external or JSON ones', () => {
    const html = '<script>a()</script><script type="module" src="/_astro/x.js"></script><script type="application/json">{}</script><SCRIPT>b()</SCRIPT><script>a()</script>';
    expect(inlineScriptHashes(html)).toEqual([sha('a()'), sha('b()')]);
  });

  it('build a policy with no unsafe-inline scripts and no framing', () => {
    const csp = contentSecurityPolicy(`'self' ${sha('x()')}`);
    expect(csp).toContain(`script-src 'self' ${sha('x()')}`);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
  });

  it("take the script hashes Astro computed at build time from its header, keeping inline style attributes allowed (20.4)", () => {
    const astro = `script-src 'self' ${sha('a()')} ${sha('b()')}; style-src 'self' ${sha('p{}')};`;
    expect(scriptSourcesFromAstro(astro)).toBe(`'self' ${sha('a()')} ${sha('b()')}`);
    expect(scriptSourcesFromAstro(null)).toBeNull();
    expect(scriptSourcesFromAstro("default-src 'none'")).toBeNull();
  });

  it("give each page the script hashes of its own Astro policy, however many pages came before (policies are kept per process)", () => {
    const page = (policy: string | null) =>
      securityHeaders(new Response('<p>x</p>', { headers: { 'content-type': 'text/html', ...(policy ? { 'content-security-policy': policy } : {}) } })).get('content-security-policy');
    const one = `script-src 'self' ${sha('one()')}; style-src 'self'`;
    const two = `script-src 'self' ${sha('two()')} ${sha('three()')}; style-src 'self'`;
    for (let i = 0; i < 3; i++) {
      expect(page(one)).toContain(`script-src 'self' ${sha('one()')};`);
      expect(page(two)).toContain(`script-src 'self' ${sha('two()')} ${sha('three()')};`);
      expect(page(two)).not.toContain(sha('one()'));
      // No policy from Astro: only this origin's scripts.
      expect(page(null)).toContain("script-src 'self'; style-src 'self' 'unsafe-inline'");
    }
    // Far more distinct policies than are kept: each page still gets its own.
    for (let i = 0; i < 200; i++) expect(page(`script-src 'self' ${sha(`f${i}()`)}`)).toContain(`script-src 'self' ${sha(`f${i}()`)};`);
    expect(page(one)).toContain(sha('one()'));
  });

  it('add the headers to an HTML page without reading its body, so it streams (20.4)', async () => {
    let pulls = 0;
    // A page still being rendered: the first chunk is there, the rest never comes in this test.
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('<p>hi</p>'));
      },
      pull() {
        pulls++;
      },
    });
    const astro = `script-src 'self' ${sha('go()')}; style-src 'self' ${sha('p{}')};`;
    const page = await withSecurityHeaders(new Response(body, { status: 404, headers: { 'content-type': 'text/html', 'content-security-policy': astro } }));
    expect(page.status).toBe(404);
    expect(pulls).toBe(0);
    const csp = page.headers.get('content-security-policy')!;
    expect(csp).toContain(`script-src 'self' ${sha('go()')}`);
    expect(csp).toContain("style-src 'self' 'unsafe-inline'");
    expect(csp).not.toContain(sha('p{}'));
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    const reader = page.body!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe('<p>hi</p>');
    await reader.cancel();
    const json = await withSecurityHeaders(new Response('{}', { headers: { 'content-type': 'application/json' } }));
    expect(json.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
    // An HTML response Astro did not render (no policy from it) allows no inline script at all.
    const bare = await withSecurityHeaders(new Response('<p>x</p>', { headers: { 'content-type': 'text/html' } }));
    expect(bare.headers.get('content-security-policy')).toContain("script-src 'self';");
  }, 5_000);
});

describe('private responses (16.2, 16.10)', () => {
  it('marks a response to a signed-in request no-store, and a sign-out response Clear-Site-Data', async () => {
    const page = await withSecurityHeaders(new Response('<p>transcript</p>', { headers: { 'content-type': 'text/html', 'cache-control': 'public, max-age=600' } }), { personal: true });
    expect(page.headers.get('cache-control')).toBe('no-store');
    const out = await withSecurityHeaders(new Response(null, { status: 303, headers: { location: '/' } }), { personal: true, signedOut: true });
    expect(out.headers.get('clear-site-data')).toBe('"cache"');
    const anonymous = await withSecurityHeaders(new Response('<p>catalog</p>', { headers: { 'content-type': 'text/html' } }));
    expect(anonymous.headers.get('clear-site-data')).toBeNull();
  });

  it('adds the headers to the response itself when it can, and to a new one when its headers are immutable', async () => {
    const page = new Response('<p>lesson</p>', { headers: { 'content-type': 'text/html', 'cache-control': 'public, max-age=600' } });
    expect(secured(page, { personal: true })).toBe(page);
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    // Response.redirect's headers are immutable: nothing is changed on it, a new Response carries them.
    const moved = Response.redirect('http://localhost/next', 303);
    const out = secured(moved, { personal: true, signedOut: true });
    expect(out).not.toBe(moved);
    expect(moved.headers.get('cache-control')).toBeNull();
    expect(out.status).toBe(303);
    expect(out.headers.get('location')).toBe('http://localhost/next');
    expect(out.headers.get('cache-control')).toBe('no-store');
    expect(out.headers.get('clear-site-data')).toBe('"cache"');
    expect(out.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
    // A bodiless 404 is replaced by Astro's error page, which keeps these headers over its own: no
    // non-page policy that would block the page's stylesheet. A 404 with a body keeps it.
    const bare404 = secured(new Response(null, { status: 404 }));
    expect(bare404.headers.get('content-security-policy')).toBeNull();
    expect(bare404.headers.get('x-frame-options')).toBe('DENY');
    const json404 = secured(new Response('{"error":"not found"}', { status: 404, headers: { 'content-type': 'application/json' } }));
    expect(json404.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
  });

  it('sends HSTS only when the public address is HTTPS', () => {
    expect(baseHeaders({ PUBLIC_URL: 'https://ce.example.org' })['strict-transport-security']).toBe('max-age=31536000');
    expect(baseHeaders({ PUBLIC_URL: 'http://ce.internal' })['strict-transport-security']).toBeUndefined();
    expect(baseHeaders({ PUBLIC_URL: undefined })['strict-transport-security']).toBeUndefined();
  });
});
