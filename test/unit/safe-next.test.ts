import { describe, expect, it } from 'vitest';
import { safeNext } from '../../src/lib/shared/redirect';

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
