import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expectNoAxeViolations } from './axe';
import { completeLessons, makeUser, signInAs } from '../fixtures/browser';
import { answer, latestAttempt, submitEvaluation } from './quiz-helpers';

test('a learner who passes everything gets a PDF certificate that verifies, until an admin revokes it', async ({ page, browser }) => {
  test.setTimeout(120_000);
  const user = await makeUser({ fullName: 'José Ñúñez-Müller' });
  completeLessons(user.id, 'sample-course', ['welcome', 'tooth-numbers', 'earning-credit']);
  await signInAs(page, user);

  // Evaluation is the last step: it stays closed until the post-test is passed.
  await page.goto('/courses/sample-course/evaluation');
  await expect(page.getByTestId('evaluation-not-ready')).toBeVisible();

  await page.goto('/courses/sample-course/test');
  await page.getByTestId('start-attempt').click();
  await answer(page, latestAttempt(user.id).questions, true);
  await page.getByTestId('submit-attempt').click();
  await expect(page.getByTestId('attempt-result')).toContainText('100%');

  await page.goto('/courses/sample-course/evaluation');
  await expectNoAxeViolations(page);
  await submitEvaluation(page, '5 · Strongly agree', 35);

  // The certificate page, then its PDF read back with pdftotext.
  await expect(page).toHaveURL(/\/me\/certificates\/[2-9A-Z]{13}$/);
  await expect(page.getByTestId('cert-name')).toHaveText('José Ñúñez-Müller');
  await expectNoAxeViolations(page);
  const code = (await page.getByTestId('cert-code').textContent())!.trim();
  expect(code).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]$/);
  const download = page.waitForEvent('download');
  await page.getByTestId('download-pdf').click();
  const file = join(mkdtempSync(join(tmpdir(), 'cert-')), 'certificate.pdf');
  await (await download).saveAs(file);
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  expect(text).toContain('José Ñúñez-Müller');
  expect(text).toContain('Getting started with online CE (sample course)');
  expect(text).toMatch(/0\.5/);
  expect(text).toContain('550');
  expect(text).toContain(code);

  // Public verification, without signing in.
  const visitor = await browser.newContext();
  const v = await visitor.newPage();
  await v.goto('/verify');
  await expectNoAxeViolations(v);
  await v.getByLabel('Verification code').fill(code.toLowerCase().replace(/-/g, ' '));
  await v.getByRole('button', { name: 'Check the certificate' }).click();
  // The sample course is a practice course (and the shipped provider.yaml still holds placeholders):
  // its certificate is a sample, and verification says so.
  await expect(v.getByTestId('verify-status')).toHaveAttribute('data-status', 'sample');
  await expect(v.getByTestId('verify-status')).toContainText('Sample certificate, not valid for CE credit');
  await expect(v.getByTestId('verify-name')).toHaveText('José Ñúñez-Müller');
  expect(await v.content()).not.toContain(user.email);
  await expectNoAxeViolations(v);
  const api = await v.request.get(`/api/verify/${code}`);
  expect(api.status()).toBe(200);
  expect(await api.json()).toMatchObject({ status: 'sample', sample: true, note: 'Sample certificate, not valid for CE credit.', participant: 'José Ñúñez-Müller', ceHours: 0.5, agd: [{ code: '550', hours: 0.5 }] });

  // An admin revokes it; the verification page says so.
  const adminCtx = await browser.newContext();
  const admin = await adminCtx.newPage();
  await signInAs(admin, await makeUser({ role: 'admin' }));
  await admin.goto(`/admin/certificates?q=${encodeURIComponent(code)}`);
  await expectNoAxeViolations(admin);
  await admin.getByLabel(`Reason for revoking ${code}`).fill('Completed under another person’s account');
  await admin.getByRole('button', { name: `Revoke ${code}` }).click();
  await expect(admin.getByTestId('form-success')).toContainText('is revoked');
  await v.goto(`/verify/${code}`);
  await expect(v.getByTestId('verify-status')).toHaveAttribute('data-status', 'revoked');
  // The public page says when, never the admin's internal reason (16.11).
  await expect(v.getByTestId('verify-status')).toContainText(/Revoked on \w+ \d{1,2}, \d{4}\./);
  await expect(v.getByTestId('verify-status')).not.toContainText('Completed under another person’s account');
  expect((await (await v.request.get(`/api/verify/${code}`)).json()).status).toBe('revoked');
  await visitor.close();
  await adminCtx.close();
});

test('a member records outside CE with a certificate file, sees totals, and tracks a license cycle', async ({ page }) => {
  const member = await makeUser({ member: true });
  await signInAs(page, member);
  await page.goto('/me/ce');
  await expectNoAxeViolations(page);
  const form = page.getByTestId('external-form');
  await form.getByLabel('Provider').fill('State Dental Association');
  await form.getByLabel('Course title').fill('Infection control update');
  await form.getByLabel('Completion date').fill(new Date().toISOString().slice(0, 10));
  await form.getByLabel('CE hours').fill('2');
  await form.getByLabel('AGD subject code').fill('148');
  const png = join(mkdtempSync(join(tmpdir(), 'png-')), 'certificate.png');
  writeFileSync(png, Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex'));
  await form.getByLabel(/Certificate file/).setInputFiles(png);
  await form.getByRole('button', { name: 'Add to my transcript' }).click();
  await expect(page.getByTestId('form-success')).toContainText('added to your transcript');
  await expect(page.getByTestId('transcript')).toContainText('Infection control update');
  await expect(page.getByRole('table', { name: 'Hours by AGD subject code' })).toContainText('148');

  // A renamed executable is refused with a clear message.
  const exe = join(mkdtempSync(join(tmpdir(), 'exe-')), 'certificate.pdf');
  writeFileSync(exe, Buffer.from('4d5a90000300000004000000ffff0000', 'hex'));
  await form.getByLabel('Provider').fill('Somewhere');
  await form.getByLabel('Course title').fill('Suspicious');
  await form.getByLabel('Completion date').fill('2026-01-10');
  await form.getByLabel('CE hours').fill('1');
  await form.getByLabel(/Certificate file/).setInputFiles(exe);
  const refused = page.waitForResponse((r) => r.request().method() === 'POST');
  await form.getByRole('button', { name: 'Add to my transcript' }).click();
  expect((await refused).status()).toBe(400);
  await expect(page.getByTestId('form-error')).toContainText('Only PDF, PNG or JPEG');

  // The tracker: Texas hygienist, license expiring in a year.
  const tracker = page.getByTestId('tracker-form');
  await tracker.getByLabel('License state').selectOption('TX');
  await tracker.getByLabel('License type').selectOption({ label: 'Dental hygienist' });
  const expiry = new Date(Date.now() + 365 * 86_400_000).toISOString().slice(0, 10);
  await tracker.getByLabel('License expiry date').fill(expiry);
  await tracker.getByRole('button', { name: 'Save license details' }).click();
  await expect(page.getByTestId('tracker-summary')).toContainText('2 of 24 hours');
  await expectNoAxeViolations(page);

  const csv = await page.request.get('/me/ce/transcript.csv');
  expect(csv.headers()['content-type']).toContain('text/csv');
  expect(await csv.text()).toContain('Infection control update');
});
