import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { safeNext } from '~/lib/shared/redirect';

describe('safeNext (no open redirect)', () => {
  it('keeps same-site paths with their query and fragment', () => {
    expect(safeNext('/courses/sample-course')).toBe('/courses/sample-course');
    expect(safeNext('/admin/users?q=a&page=2#top')).toBe('/admin/users?q=a&page=2#top');
  });

  it.each([
    'https://evil.test/',
    '//evil.test/path',
    '/\\evil.test',
    'javascript:alert(1)',
    'evil.test',
    '',
    '/login',
    '/signup?next=/x',
    '/\u0000x',
    '/ok\nSet-Cookie: x=1',
  ])('falls back for %j', (next) => {
    expect(safeNext(next)).toBe('/');
  });

  it('falls back for non-strings', () => {
    expect(safeNext(undefined)).toBe('/');
    expect(safeNext(['/a'])).toBe('/');
    expect(safeNext(null, '/me')).toBe('/me');
  });
});

describe('safeNext checks what it returns (16.3)', () => {
  it.each(['/.//evil.test/phish', '/..//x', '/a/..//x', '/%2e//x', '/./\\x', '/a/../\\\\evil.test'])('falls back for %j, (as decoded from the query string), whose normalised path starts with two slashes', (next) => {
    expect(safeNext(next)).toBe('/');
  });

  it('never returns a path another site could be read from, for any generated path', () => {
    const segment = fc.constantFrom('', '.', '..', '%2e', '%2E', '%2F', '%2f', '\\', '/', 'evil.test', 'a', '%5C', '@', ':', '?', '#');
    fc.assert(
      fc.property(fc.array(segment, { minLength: 1, maxLength: 8 }), (parts) => {
        const result = safeNext(`/${parts.join('/')}`);
        expect(result.startsWith('/')).toBe(true);
        expect(result.startsWith('//')).toBe(false);
        expect(result.startsWith('/\\')).toBe(false);
        expect(new URL(result, 'http://same-site.invalid').origin).toBe('http://same-site.invalid');
      }),
      { numRuns: 2000 },
    );
  });
});
