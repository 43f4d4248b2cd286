/**
 * The browser editor is for `npm run dev` only (issue 22, docs/authoring.md "Who may write"): the
 * built server the e2e suite runs answers 404 at the editor's page and API, and not one byte of the
 * editor is in the build, so none of it can reach a learner's page.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect, test } from '../fixtures/browser';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

test.describe('the editor is not in the production build', () => {
  for (const path of ['/keystatic', '/keystatic/collection/courses', '/api/keystatic/tree', '/api/keystatic/blob/0/content/provider.yaml', '/author/cases', '/author/cases/upset-caller', '/author/new-case', '/author/preview/sample-course/tooth-numbers']) {
    test(`GET ${path} is 404`, async ({ request }) => {
      const response = await request.get(path, { headers: { 'no-cors': '1' } });
      expect(response.status()).toBe(404);
    });
  }

  test('POST /api/keystatic/update writes nothing and is 404', async ({ request }) => {
    const before = readFileSync(resolve('content/provider.yaml'), 'utf8');
    const response = await request.post('/api/keystatic/update', {
      headers: { 'no-cors': '1', 'content-type': 'application/json' },
      data: { additions: [{ path: 'content/provider.yaml', contents: Buffer.from('x: 1\n').toString('base64url') }], deletions: [] },
    });
    expect([403, 404]).toContain(response.status());
    expect(readFileSync(resolve('content/provider.yaml'), 'utf8')).toBe(before);
  });

  test('no file of the build holds editor code', () => {
    const dist = resolve('dist');
    expect(existsSync(join(dist, 'client')), 'dist/client exists (the e2e server builds it)').toBe(true);
    const files = filesUnder(dist).filter((f) => /\.(m?js|html|css|json)$/.test(f));
    expect(files.length).toBeGreaterThan(10);
    const withEditor = files.filter((f) => /@keystatic|keystatic-page|api\/keystatic|author\/cases|author\/new-case|case-widgets|author\/preview|finding-marks|x-finding-targets/.test(readFileSync(f, 'utf8')));
    expect(withEditor).toEqual([]);
  });
});
