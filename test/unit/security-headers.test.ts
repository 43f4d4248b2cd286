import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { baseHeaders, contentSecurityPolicy, inlineScriptHashes, withSecurityHeaders } from '../../src/lib/server/security-headers';

const sha = (s: string) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`;

describe('security headers', () => {
  it('hash exactly the inline scripts, not external or JSON ones', () => {
    const html = '<script>a()</script><script type="module" src="/_astro/x.js"></script><script type="application/json">{}</script><SCRIPT>b()</SCRIPT><script>a()</script>';
    expect(inlineScriptHashes(html)).toEqual([sha('a()'), sha('b()')]);
  });

  it('build a policy with no unsafe-inline scripts and no framing', () => {
    const csp = contentSecurityPolicy('<script>x()</script>');
    expect(csp).toContain(`script-src 'self' ${sha('x()')}`);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
  });

  it('add the headers to HTML and to other responses, keeping status and body', async () => {
    const page = await withSecurityHeaders(new Response('<p>hi</p><script>go()</script>', { status: 404, headers: { 'content-type': 'text/html' } }));
    expect(page.status).toBe(404);
    expect(await page.text()).toBe('<p>hi</p><script>go()</script>');
    expect(page.headers.get('content-security-policy')).toContain(sha('go()'));
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    const json = await withSecurityHeaders(new Response('{}', { headers: { 'content-type': 'application/json' } }));
    expect(json.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
  });
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

  it('sends HSTS only when the public address is HTTPS', () => {
    expect(baseHeaders({ PUBLIC_URL: 'https://ce.example.org' })['strict-transport-security']).toBe('max-age=31536000');
    expect(baseHeaders({ PUBLIC_URL: 'http://ce.internal' })['strict-transport-security']).toBeUndefined();
    expect(baseHeaders({ PUBLIC_URL: undefined })['strict-transport-security']).toBeUndefined();
  });
});
