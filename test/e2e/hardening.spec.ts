import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { makeUser, signInAs } from '../fixtures/browser';

/** A file that starts like a PDF, `mb` megabytes (of 1024 × 1024 bytes) long. */
function pdfOf(mb: number): string {
  const path = join(mkdtempSync(join(tmpdir(), 'pdf-')), `certificate-${mb}.pdf`);
  const bytes = Buffer.alloc(Math.round(mb * 1024 * 1024), 0x20);
  Buffer.from('%PDF-1.4\n').copy(bytes);
  writeFileSync(path, bytes);
  return path;
}

// 16.5: the outside-CE form promises files up to 5 MB; Astro's 1 MB default refused a 2 MB PDF.
test('a member uploads a 4.9 MB PDF through the form; a 5.1 MB one is refused with the friendly message', async ({ page }) => {
  test.setTimeout(60_000);
  const member = await makeUser({ member: true });
  await signInAs(page, member);
  await page.goto('/me/ce');
  const form = page.getByTestId('external-form');
  const fill = async (title: string, file: string) => {
    await form.getByLabel('Provider').fill('State Dental Association');
    await form.getByLabel('Course title').fill(title);
    await form.getByLabel('Completion date').fill('2026-03-14');
    await form.getByLabel('CE hours').fill('1.5');
    await form.getByLabel(/Certificate file/).setInputFiles(file);
  };
  await fill('Radiation safety (large scan)', pdfOf(4.9));
  await form.getByRole('button', { name: 'Add to my transcript' }).click();
  await expect(page.getByTestId('form-success')).toContainText('added to your transcript');
  await expect(page.getByTestId('transcript')).toContainText('Radiation safety (large scan)');

  await fill('Too large', pdfOf(5.1));
  const refused = page.waitForResponse((r) => r.request().method() === 'POST');
  await form.getByRole('button', { name: 'Add to my transcript' }).click();
  expect((await refused).status()).toBe(400);
  await expect(page.getByTestId('form-error')).toContainText('The file is 5.1 MB; the limit is 5 MB.');
});

// 16.4: only a member's upload may send a large body; a learner's is refused before it is read.
test('a 3 MB upload from a signed-in non-member is refused with 413 before it is read', async ({ request }) => {
  const learner = await makeUser();
  const origin = new URL(test.info().project.use.baseURL!).origin;
  const { generateSessionToken, createSession } = await import('~/lib/server/session');
  const { e2eDb } = await import('../fixtures/browser');
  const token = generateSessionToken();
  createSession(e2eDb(), token, learner.id);
  const res = await request.post('/me/ce?_action=ce.addExternal', {
    headers: { origin, cookie: `session=${token}` },
    multipart: { provider: 'X', title: 'Y', completedOn: '2026-03-14', hours: '1', file: { name: 'a.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(3 * 1024 * 1024, 0x25) } },
    maxRedirects: 0,
  });
  expect(res.status()).toBe(413);
  expect(await res.text()).toContain('The request is too large. The limit is 1024 KB.');
});

// 16.10: static files carry nosniff and the frame headers too, not only pages.
test('static files carry the security headers', async ({ request }) => {
  for (const path of ['/favicon.svg']) {
    const res = await request.get(path);
    expect(res.status(), path).toBe(200);
    expect(res.headers()['x-content-type-options'], path).toBe('nosniff');
    expect(res.headers()['x-frame-options'], path).toBe('DENY');
    expect(res.headers()['referrer-policy'], path).toBe('strict-origin-when-cross-origin');
  }
});

// 16.10: "This is a shared computer" gives a cookie that ends with the browser.
test('a shared-computer sign-in sets a session cookie without an expiry; a normal one keeps its expiry', async ({ request }) => {
  const user = await makeUser();
  const origin = new URL(test.info().project.use.baseURL!).origin;
  const cookieOf = async (form: Record<string, string>) => {
    const res = await request.post('/login?_action=auth.login', { form: { email: user.email, password: user.password, next: '/', ...form }, headers: { origin }, maxRedirects: 0 });
    expect(res.status()).toBe(303);
    return res.headersArray().find((h) => h.name.toLowerCase() === 'set-cookie' && /^session=./.test(h.value))!.value;
  };
  const shared = await cookieOf({ shared: 'on' });
  expect(shared).not.toMatch(/Expires=|Max-Age=/i);
  expect(shared).toMatch(/; HttpOnly/i);
  expect(await cookieOf({})).toMatch(/; Expires=/i);
});
