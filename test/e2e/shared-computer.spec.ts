import { expect, test } from '@playwright/test';
import { makeUser, signInAs } from '../fixtures/browser';

// 16.2: on a shared office computer, Back after signing out must not show the last person's pages.
test('after signing out, Back does not bring the transcript back from the cache', async ({ page }) => {
  const user = await makeUser({ member: true });
  await signInAs(page, user);
  const ce = await page.goto('/me/ce');
  expect(ce!.headers()['cache-control']).toBe('no-store');
  await expect(page.getByRole('heading', { level: 1, name: 'My CE' })).toBeVisible();
  await expect(page.getByTestId('signed-in-as')).toHaveText(user.fullName);

  const [signOut] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/logout') && r.request().method() === 'POST'),
    page.getByRole('button', { name: 'Sign out' }).click(),
  ]);
  expect((await signOut.allHeaders())['clear-site-data']).toBe('"cache"');
  await expect(page.getByTestId('signed-in-as')).toHaveCount(0);

  await page.goBack();
  // The browser has to ask again, and the server sends a signed-out visitor to the sign-in page.
  await expect(page).toHaveURL(/\/login\?next=%2Fme%2Fce/);
  await expect(page.getByText(user.fullName)).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 1, name: 'My CE' })).toHaveCount(0);
});
