/**
 * Security headers for every response. HTML pages get a Content-Security-Policy that allows only
 * this origin's scripts plus the exact inline scripts Astro emits (its island loader), by SHA-256
 * hashes Astro computes at build time: no 'unsafe-inline' for scripts. Styles allow inline
 * attributes ('unsafe-inline'), which cannot run code.
 */
import { createHash } from 'node:crypto';
import { settings, type Settings } from './settings';

/**
 * Headers every response carries, pages and static files alike (the front door adds them to files,
 * which never pass through the middleware). HSTS only when the public address is HTTPS: sent over
 * plain HTTP it would be ignored, and on a wrong setup it would lock browsers out for a year.
 */
export function baseHeaders(s: Pick<Settings, 'PUBLIC_URL'> = settings): Record<string, string> {
  return {
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'strict-origin-when-cross-origin',
    'x-frame-options': 'DENY',
    'cross-origin-opener-policy': 'same-origin',
    'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=()',
    ...(s.PUBLIC_URL?.startsWith('https://') ? { 'strict-transport-security': 'max-age=31536000' } : {}),
  };
}
const BASE = Object.entries(baseHeaders());

/**
 * A response that depends on who is signed in must never be kept by the browser or a proxy: on a
 * shared office computer, Back after sign-out would show the last person's transcript.
 */
export const PRIVATE_CACHE = 'no-store';

/**
 * The script sources Astro allows on a page. With `experimental.csp` on (astro.config.mjs), Astro
 * hashes at build time every inline script it can emit (island loader, client directives, inlined
 * scripts) and sends them in a Content-Security-Policy header on each page: we take its
 * `script-src`, so the page is never read here. Its `style-src` is not taken: hashes
 * there would forbid the inline style attributes the pages use (they cannot run code).
 */
export function scriptSourcesFromAstro(astroPolicy: string | null): string | null {
  if (!astroPolicy) return null;
  const directive = astroPolicy
    .split(';')
    .map((d) => d.trim())
    .find((d) => d.startsWith('script-src '));
  return directive ? directive.slice('script-src '.length).trim() : null;
}

/** The sha256 sources of every inline <script> (no src) in a page: only for `astro dev`, where Astro sends no policy. */
export function inlineScriptHashes(html: string): string[] {
  const hashes = new Set<string>();
  for (const m of html.matchAll(/<script(\s[^>]*)?>([\s\S]*?)<\/script>/gi)) {
    const attrs = m[1] ?? '';
    if (/\ssrc\s*=/.test(attrs) || /type\s*=\s*["']?application\/(ld\+)?json/i.test(attrs)) continue;
    hashes.add(`'sha256-${createHash('sha256').update(m[2] ?? '', 'utf8').digest('base64')}'`);
  }
  return [...hashes];
}

/** The policy of an HTML page, given its script sources (`'self'` and hashes; never 'unsafe-inline'). */
export function contentSecurityPolicy(scriptSources: string): string {
  return [
    "default-src 'self'",
    `script-src ${scriptSources}`.trim(),
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

/**
 * Our policy for a page, from the policy Astro sent with it. Astro's header is one of a few strings
 * fixed at build time (one per set of inline scripts), so each is parsed and rebuilt once per
 * process rather than on every request; bounded in case a page ever sends something else.
 */
const pagePolicies = new Map<string | null, string>();
function pagePolicy(astroPolicy: string | null): string {
  let policy = pagePolicies.get(astroPolicy);
  if (policy === undefined) {
    policy = contentSecurityPolicy(scriptSourcesFromAstro(astroPolicy) ?? "'self'");
    if (pagePolicies.size >= 64) pagePolicies.clear();
    pagePolicies.set(astroPolicy, policy);
  }
  return policy;
}

/**
 * The headers of a response with ours added, as a new Headers object (a response's own may be
 * immutable), without reading its body. `scripts`: the page's script sources when they are known
 * some other way (under `astro dev`, hashed from the page; see withSecurityHeaders).
 * `personal`: the request carried a session, so the response is marked no-store. `signedOut`: it
 * ended that session, so the browser is told to drop its cache of the site (Back shows nothing).
 */
export function securityHeaders(response: Response, options: HeaderOptions = {}): Headers {
  return addSecurityHeaders(new Headers(response.headers), options);
}

interface HeaderOptions {
  personal?: boolean;
  signedOut?: boolean;
  scripts?: string;
  /**
   * A bodiless 404 or 500 (an endpoint without a GET, an unknown action): Astro renders its error
   * page in its place and copies this answer's headers over the page's own, so a non-page policy
   * set here would block the error page's stylesheet. It gets none; the page brings its own.
   */
  errorPageFollows?: boolean;
}

function addSecurityHeaders(headers: Headers, { personal = false, signedOut = false, scripts, errorPageFollows = false }: HeaderOptions): Headers {
  for (const [k, v] of BASE) if (!headers.has(k)) headers.set(k, v);
  if (personal) headers.set('cache-control', PRIVATE_CACHE);
  if (signedOut) headers.set('clear-site-data', '"cache"');
  if ((headers.get('content-type') ?? '').includes('text/html')) {
    headers.set('content-security-policy', scripts !== undefined ? contentSecurityPolicy(scripts) : pagePolicy(headers.get('content-security-policy')));
  } else if (!headers.has('content-security-policy') && !errorPageFollows) {
    headers.set('content-security-policy', "default-src 'none'; frame-ancestors 'none'");
  }
  return headers;
}

/**
 * `response` with the headers added (securityHeaders), on the response itself: the Responses Astro
 * and the actions make have headers that can change, so no copy of them and no second Response is
 * made per request. A response whose headers are immutable (`Response.redirect`, a fetched one)
 * throws on the first change, before anything is changed, and gets a new Response instead.
 */
export function secured(response: Response, given: Omit<HeaderOptions, 'scripts' | 'errorPageFollows'> = {}): Response {
  const options = { ...given, errorPageFollows: response.body === null && (response.status === 404 || response.status === 500) };
  try {
    addSecurityHeaders(response.headers, options);
    return response;
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers: securityHeaders(response, options) });
  }
}

/**
 * A response with the headers added (securityHeaders). Only under `astro dev`, where Astro sends
 * no policy, is an HTML page read here, to hash its inline scripts.
 */
export async function withSecurityHeaders(response: Response, options: { personal?: boolean; signedOut?: boolean } = {}): Promise<Response> {
  let body: BodyInit | null = response.body;
  let scripts: string | undefined;
  const html = (response.headers.get('content-type') ?? '').includes('text/html');
  if (html && import.meta.env.DEV && response.body && scriptSourcesFromAstro(response.headers.get('content-security-policy')) === null) {
    const text = await response.text();
    scripts = `'self' ${inlineScriptHashes(text).join(' ')}`;
    body = text;
  }
  const headers = securityHeaders(response, { ...options, scripts });
  return new Response(body, { status: response.status, statusText: response.statusText, headers });
}
