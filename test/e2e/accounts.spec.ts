import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { emailedLink, makeUser, signInAs } from '../fixtures/browser';

test('a visitor signs up, signs out and signs in again, coming back to where they were', async ({ page }) => {
  await page.goto('/courses/sample-course');
  await page.getByRole('link', { name: 'Create account' }).click();
  await expect(page).toHaveURL(/\/signup\?next=%2Fcourses%2Fsample-course/);
  await expectNoAxeViolations(page);
  const email = `new${Date.now()}@e2e.test`;
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('molar canine incisor');
  await page.getByLabel('Full name').fill('Renée Ó Súilleabháin');
  await page.getByLabel('Profession').selectOption('hygienist');
  await page.getByLabel('License state').selectOption('TX');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByTestId('signup-sent')).toContainText(email);
  // The emailed confirmation link signs her in and brings her back.
  await page.goto(await emailedLink(email, '/verify-email'));
  await page.getByRole('button', { name: 'Confirm my address' }).click();
  await expect(page).toHaveURL(/\/courses\/sample-course$/);
  await expect(page.getByTestId('signed-in-as')).toHaveText('Renée Ó Súilleabháin');

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('link', { name: 'Sign in' })).toBeVisible();

  await page.goto('/me/profile');
  await expect(page).toHaveURL(/\/login\?next=%2Fme%2Fprofile/);
  await expectNoAxeViolations(page);
  await page.getByLabel('Email').fill(email.toUpperCase());
  await page.getByLabel('Password').fill('molar canine incisor');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/me\/profile$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Your profile' })).toBeVisible();
  await expect(page.getByLabel('License state')).toHaveValue('TX');
  await expectNoAxeViolations(page);
});

test('sign-up errors are shown next to the fields and keep what was typed', async ({ page }) => {
  await page.goto('/signup');
  await page.getByLabel('Email').fill('someone@e2e.test');
  await page.getByLabel('Password').fill('password123');
  await page.getByLabel('Full name').fill('Sam Lee');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByTestId('form-error')).toBeVisible();
  await expect(page.locator('#f-password-error')).toContainText('most common passwords');
  await expect(page.getByLabel('Email')).toHaveValue('someone@e2e.test');
  await expect(page.getByLabel('Full name')).toHaveValue('Sam Lee');
  await expect(page.getByLabel('Password')).toHaveValue('');
  await expectNoAxeViolations(page);
});

test('a wrong password gets the generic message, and the 6th rapid one the rate-limit message', async ({ page }) => {
  const user = await makeUser();
  await page.goto('/login');
  for (let i = 1; i <= 5; i++) {
    await page.getByLabel('Email').fill(user.email);
    await page.getByLabel('Password').fill(`wrong-${i}-password`);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByTestId('form-error')).toHaveText('That email and password do not match an account. Check both and try again.');
  }
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  const response = page.waitForResponse((r) => r.request().method() === 'POST');
  await page.getByRole('button', { name: 'Sign in' }).click();
  expect((await response).status()).toBe(429);
  await expect(page.getByTestId('form-error')).toContainText('Too many failed sign-in attempts for this account. Please wait');
});

test('an unknown email gets exactly the same message as a wrong password', async ({ page }) => {
  await page.goto('/login');
  await page.getByLabel('Email').fill('nobody-here@e2e.test');
  await page.getByLabel('Password').fill('whatever-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('form-error')).toHaveText('That email and password do not match an account. Check both and try again.');
});

test('a learner opening /admin/users gets 403', async ({ page }) => {
  await signInAs(page, await makeUser());
  const response = await page.goto('/admin/users');
  expect(response?.status()).toBe(403);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('You do not have access to this page');
  await expectNoAxeViolations(page);
});

test('an admin makes a user an instructor and the audit log shows it', async ({ page }) => {
  const admin = await makeUser({ role: 'admin', fullName: 'Ada Admin' });
  const target = await makeUser({ fullName: 'Ivy Instructor' });
  await signInAs(page, admin);
  await page.goto(`/admin/users?q=${encodeURIComponent(target.email)}`);
  await expectNoAxeViolations(page);
  const row = page.getByTestId(`user-row-${target.email}`);
  await row.getByLabel(`Role of ${target.email}`).selectOption('instructor');
  await row.getByRole('button', { name: `Set role of ${target.email}` }).click();
  await expect(page.getByTestId('form-success')).toHaveText(`${target.email} is now an instructor.`);
  await expect(page.getByTestId(`user-row-${target.email}`).getByLabel(`Role of ${target.email}`)).toHaveValue('instructor');

  await page.goto('/admin/audit?action=user.role');
  await expectNoAxeViolations(page);
  const entry = page.getByTestId('audit-row').filter({ hasText: target.email }).first();
  await expect(entry).toContainText(admin.email);
  await expect(entry).toContainText('user.role');
  await expect(entry.getByTestId('audit-sentence')).toHaveText(`Changed the role of Ivy Instructor (${target.email}) from learner to instructor.`);
});

test('sign out of all devices ends the other sessions too', async ({ page, browser }) => {
  const user = await makeUser();
  await signInAs(page, user);
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await signInAs(otherPage, user);
  await otherPage.goto('/me/profile');
  await expect(otherPage.getByRole('heading', { level: 1, name: 'Your profile' })).toBeVisible();

  await page.goto('/me/profile');
  await page.getByRole('button', { name: 'Sign out of all devices' }).click();
  await expect(page).toHaveURL(/\/login/);
  await otherPage.goto('/me/profile');
  await expect(otherPage).toHaveURL(/\/login\?next=/);
  await other.close();
});
