/**
 * Security headers for every response. HTML pages get a Content-Security-Policy that allows only
 * this origin's scripts plus the exact inline scripts Astro emits (its island loader), by SHA-256
 * hash: no 'unsafe-inline' for scripts. Styles allow inline attributes ('unsafe-inline'), which
 * cannot run code.
 */
import { createHash } from 'node:crypto';

const BASE: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=()',
};

/** The sha256 sources of every inline <script> (no src) in a page. */
export function inlineScriptHashes(html: string): string[] {
  const hashes = new Set<string>();
  for (const m of html.matchAll(/<script(\s[^>]*)?>([\s\S]*?)<\/script>/gi)) {
    const attrs = m[1] ?? '';
    if (/\ssrc\s*=/.test(attrs) || /type\s*=\s*["']?application\/(ld\+)?json/i.test(attrs)) continue;
    hashes.add(`'sha256-${createHash('sha256').update(m[2] ?? '', 'utf8').digest('base64')}'`);
  }
  return [...hashes];
}

export function contentSecurityPolicy(html: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' ${inlineScriptHashes(html).join(' ')}`.trim(),
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "form-action 'self'",
    "base-uri 'self'",
    "object-src 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Adds the headers to a response; HTML bodies are read once to hash their inline scripts. */
export async function withSecurityHeaders(response: Response): Promise<Response> {
  const type = response.headers.get('content-type') ?? '';
  let body: BodyInit | null = response.body;
  const headers = new Headers(response.headers);
  for (const [k, v] of Object.entries(BASE)) if (!headers.has(k)) headers.set(k, v);
  if (type.includes('text/html') && response.body) {
    const html = await response.text();
    headers.set('content-security-policy', contentSecurityPolicy(html));
    body = html;
  } else if (!headers.has('content-security-policy')) {
    headers.set('content-security-policy', "default-src 'none'; frame-ancestors 'none'");
  }
  return new Response(body, { status: response.status, statusText: response.statusText, headers });
}
