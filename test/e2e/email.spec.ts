import { expect, test } from '@playwright/test';
import { eq } from 'drizzle-orm';
import { certificates, users } from '../../db/schema';
import { formatCode } from '~/lib/domain/certificate-code';
import { expectNoAxeViolations } from './axe';
import { completeLessons, e2eDb, emailedLink, mailTo, makeUser, signInAs } from '../fixtures/browser';
import { answer, latestAttempt, submitEvaluation } from './quiz-helpers';

const SAME_ANSWER = (email: string) => `If an account uses ${email}, we have sent it an email with a link. It works for 15 minutes. Check your spam folder if nothing arrives.`;

test('forgot password: the emailed .eml link sets a new password once; the old password and the reused link are refused', async ({ page }) => {
  const user = await makeUser({ fullName: 'Fern Forgetful' });
  await page.goto('/login');
  await page.getByRole('link', { name: 'Forgot your password?' }).click();
  await expect(page).toHaveURL(/\/forgot-password$/);
  await expectNoAxeViolations(page);
  await page.getByLabel('Email').fill(user.email.toUpperCase());
  await page.getByRole('button', { name: 'Email me a link' }).click();
  await expect(page.getByTestId('form-success')).toHaveText(SAME_ANSWER(user.email));
  await expectNoAxeViolations(page);

  // An unknown address gets word for word the same answer.
  await page.goto('/forgot-password');
  await page.getByLabel('Email').fill('nobody-at-all@e2e.test');
  await page.getByRole('button', { name: 'Email me a link' }).click();
  await expect(page.getByTestId('form-success')).toHaveText(SAME_ANSWER('nobody-at-all@e2e.test'));

  const link = await emailedLink(user.email, '/reset-password');
  const mail = mailTo(user.email).at(-1)!.text;
  expect(mail).toMatch(/^Subject: Reset your Dental CE Club password$/m);
  expect(mail).toContain('Content-Type: text/plain');
  expect(mail).toContain('Content-Type: text/html');
  expect(mailTo('nobody-at-all@e2e.test')).toHaveLength(0);

  await page.goto(link);
  await expectNoAxeViolations(page);
  await page.getByLabel('New password').fill('a brand new tooth passphrase');
  await page.getByRole('button', { name: 'Set the new password' }).click();
  await expect(page).toHaveURL(/\/login\?reset=1$/);
  await expect(page.getByTestId('form-success')).toContainText('Your password is changed');

  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('form-error')).toHaveText('That email and password do not match an account. Check both and try again.');

  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill('a brand new tooth passphrase');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('signed-in-as')).toHaveText('Fern Forgetful');

  const again = await page.goto(link);
  expect(again?.status()).toBe(400);
  await expect(page.getByTestId('form-error')).toContainText('This link has expired or was already used');
  await expect(page.getByLabel('New password')).toHaveCount(0);
  await expectNoAxeViolations(page);
});

test('a new learner earns a course before confirming her address: the certificate waits, then comes by email', async ({ page, browser }) => {
  test.setTimeout(120_000);
  const email = `nadia${Date.now().toString(36)}@e2e.test`;
  await page.goto('/signup?next=%2Fcourses%2Fsample-course');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('enamel dentin pulp cementum');
  await page.getByLabel('Full name').fill('Nadia Haddad');
  await page.getByLabel('Profession').selectOption('dental-assistant');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Check your inbox');
  const answerForNew = await page.getByTestId('signup-sent').textContent();
  await expectNoAxeViolations(page);

  // The same sign-up again (an existing address) gets the same page; the owner gets a notice instead.
  const other = await browser.newContext();
  const o = await other.newPage();
  await o.goto('/signup?next=%2Fcourses%2Fsample-course');
  await o.getByLabel('Email').fill(email);
  await o.getByLabel('Password').fill('another long passphrase here');
  await o.getByLabel('Full name').fill('Someone Else');
  await o.getByRole('button', { name: 'Create account' }).click();
  await expect(o.getByRole('heading', { level: 1 })).toHaveText('Check your inbox');
  expect(await o.getByTestId('signup-sent').textContent()).toBe(answerForNew);
  await other.close();
  await expect.poll(() => mailTo(email).filter((m) => /^Subject: Someone tried to sign up with your address/m.test(m.text)).length, { timeout: 20_000 }).toBe(1);

  // She signs in with her password and learns before confirming.
  await page.goto('/login?next=%2Fcourses%2Fsample-course');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('enamel dentin pulp cementum');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('signed-in-as')).toHaveText('Nadia Haddad');
  const id = e2eDb().select().from(users).where(eq(users.email, email)).get()!.id;
  completeLessons(id, 'sample-course', ['welcome', 'tooth-numbers', 'earning-credit']);
  await page.goto('/courses/sample-course/test');
  await page.getByTestId('start-attempt').click();
  await answer(page, latestAttempt(id).questions, true);
  await page.getByTestId('submit-attempt').click();
  await expect(page.getByTestId('attempt-result')).toContainText('100%');
  await page.goto('/courses/sample-course/evaluation');
  await submitEvaluation(page, '4 · Agree', 40);

  // Every course step is done, but no certificate: it waits for the confirmed address.
  await expect(page).toHaveURL(/\/courses\/sample-course$/);
  await expect(page.getByTestId('certificate-waits-for-email')).toContainText('Your certificate is waiting for your confirmed email address');
  await expect(page.getByTestId('course-certificate')).toHaveCount(0);
  expect(e2eDb().select().from(certificates).where(eq(certificates.userId, id)).all()).toHaveLength(0);
  await expectNoAxeViolations(page);

  const confirm = await emailedLink(email, '/verify-email');
  await page.goto(confirm);
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Confirm my address' }).click();
  await expect(page).toHaveURL(/\/me\/ce\?confirmed=1$/);
  await expect(page.getByTestId('form-success')).toContainText('your email address is confirmed');

  const issued = e2eDb().select().from(certificates).where(eq(certificates.userId, id)).all();
  expect(issued).toHaveLength(1);
  const code = formatCode(issued[0]!.code);
  await expect.poll(() => mailTo(email).filter((m) => /^Subject: Your certificate: /m.test(m.text)).length, { timeout: 20_000 }).toBe(1);
  const receipt = mailTo(email).find((m) => /^Subject: Your certificate: /m.test(m.text))!.text;
  expect(receipt).toContain('Getting started with online CE (sample course)');
  expect(receipt).toContain('0.5 CE hours');
  expect(receipt).toContain(`/verify/${code}`);
  expect(receipt).toContain('Content-Type: text/html');

  // The confirmation link is used up.
  await page.goto(confirm);
  await expect(page.getByTestId('form-error')).toContainText('expired or was already used');
});

test('a locked-out owner gets a one-time sign-in link by email', async ({ page }) => {
  const user = await makeUser({ fullName: 'Lou Locked' });
  await page.goto('/login');
  for (let i = 1; i <= 6; i++) {
    await page.getByLabel('Email').fill(user.email);
    await page.getByLabel('Password').fill(`wrong-${i}-password`);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }
  await expect(page.getByTestId('form-error')).toContainText('Too many');
  await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
  await expect(page.getByTestId('form-success')).toHaveText(SAME_ANSWER(user.email));
  await expectNoAxeViolations(page);
  const link = await emailedLink(user.email, '/sign-in-link');
  await page.goto(link);
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Sign me in' }).click();
  await expect(page.getByTestId('signed-in-as')).toHaveText('Lou Locked');
  await page.getByRole('button', { name: 'Sign out' }).click();
  const again = await page.goto(link);
  expect(again?.status()).toBe(400);
});

test('an admin emails a reset link from the users page, and sees the queue at /admin/mail', async ({ page }) => {
  const admin = await makeUser({ role: 'admin' });
  const target = await makeUser({ fullName: 'Tia Target' });
  await signInAs(page, admin);
  await page.goto(`/admin/users?q=${encodeURIComponent(target.email)}`);
  await page.getByRole('button', { name: `Email a reset link to ${target.email}` }).click();
  await expect(page.getByTestId('form-success')).toHaveText(`A password reset link was emailed to ${target.email}.`);
  const link = await emailedLink(target.email, '/reset-password');
  expect(mailTo(target.email).at(-1)!.text).toContain('A site administrator sent you this link');
  expect(link).toMatch(/\/reset-password\?token=[a-z2-7]{32}$/);
  await page.goto('/admin/mail?status=sent');
  await expect(page.getByTestId('mail-row').filter({ hasText: target.email }).first()).toContainText('Sent');
  await expectNoAxeViolations(page);
});
