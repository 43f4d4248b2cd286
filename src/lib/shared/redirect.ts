/**
 * Only same-site paths may be used as a post-sign-in destination (no open redirect):
 * "/courses/x?y#z" passes; "https://evil.test", "//evil.test", "/\\evil.test" and "javascript:" fall back.
 */
export function safeNext(next: unknown, fallback = '/'): string {
  if (typeof next !== 'string' || next.length === 0 || next.length > 2000) return fallback;
  if (!next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return fallback;
  if (/[\u0000-\u001f\u007f]/.test(next)) return fallback;
  try {
    const base = 'http://same-site.invalid';
    const url = new URL(next, base);
    if (url.origin !== base) return fallback;
    if (url.pathname === '/login' || url.pathname === '/signup') return fallback;
    // Check what is returned, not what came in: normalising "/.//evil.test" or "/%2e//x" gives a
    // path starting with "//", which a browser reads as another site.
    const result = url.pathname + url.search + url.hash;
    if (!result.startsWith('/') || result.startsWith('//') || result.startsWith('/\\')) return fallback;
    if (new URL(result, base).origin !== base) return fallback;
    return result;
  } catch {
    return fallback;
  }
}
