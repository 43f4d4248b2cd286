import { expect, test } from '@playwright/test';
import { eq } from 'drizzle-orm';
import { users } from '../../db/schema';
import { createEmailToken } from '~/lib/server/email-tokens';
import { expectNoAxeViolations } from './axe';
import { e2eDb, makeUser, signInAs } from '../fixtures/browser';

const remindersOff = (id: number) => e2eDb().select().from(users).where(eq(users.id, id)).get()!.remindersOff;

test('the unsubscribe link in a reminder turns reminders off without signing in; the profile turns them back on', async ({ page }) => {
  const member = await makeUser({ member: true, fullName: 'Una Subscribed' });
  const { token } = createEmailToken(e2eDb() as never, member.id, 'unsubscribe');
  const res = await page.goto(`/unsubscribe?token=${token}`);
  expect(res?.status()).toBe(200);
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Stop these reminders' }).click();
  await expect(page.getByTestId('unsubscribed')).toContainText(member.email);
  expect(remindersOff(member.id)).toBe(true);

  await signInAs(page, member);
  await page.goto('/me/profile');
  await expect(page.getByLabel('No reminders')).toBeChecked();
  await page.getByLabel('Yes, remind me').check();
  await page.getByRole('button', { name: 'Save reminder setting' }).click();
  await expect(page.getByTestId('form-success')).toHaveText('License-cycle reminders are on.');
  expect(remindersOff(member.id)).toBe(false);
  await expectNoAxeViolations(page);
});

test('one-click unsubscribe (RFC 8058): a mail provider POSTs from elsewhere and it works; other cross-site posts stay refused', async ({ request }) => {
  const member = await makeUser({ member: true });
  const { token } = createEmailToken(e2eDb() as never, member.id, 'unsubscribe');
  const oneClick = await request.post(`/unsubscribe?token=${token}`, { form: { 'List-Unsubscribe': 'One-Click' }, headers: { origin: 'https://mail.example.net' } });
  expect(oneClick.status()).toBe(200);
  expect(remindersOff(member.id)).toBe(true);
  // A made-up token does nothing; other pages keep the cross-site check.
  const forged = await request.post(`/unsubscribe?token=${'a'.repeat(32)}`, { form: { 'List-Unsubscribe': 'One-Click' }, headers: { origin: 'https://mail.example.net' } });
  expect(forged.status()).toBe(400);
  const elsewhere = await request.post('/login?_action=auth.login', { form: { email: member.email, password: member.password }, headers: { origin: 'https://mail.example.net' } });
  expect(elsewhere.status()).toBe(403);
});
