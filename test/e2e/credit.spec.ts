/** Issue 14: credit a licensing board can defend. */
import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { e2eDb, finishCourse, makeUser, signInAs } from '../fixtures/browser';
import { and, eq } from 'drizzle-orm';
import { auditLog, certificates } from '../../db/schema';

const CUSTOMER_SERVICE = {
  lessons: ['customer-no-service', 'first-contact', 'every-role-every-time', 'when-it-goes-wrong', 'money-conversations', 'making-it-a-habit'],
  scenarios: ['upset-caller'],
};

test('a revoked certificate stays revoked until an admin reissues it', async ({ page, browser }) => {
  test.setTimeout(90_000);
  const learner = await makeUser({ fullName: 'Rita Revoked' });
  finishCourse(learner.id, 'customer-service', CUSTOMER_SERVICE);
  await signInAs(page, learner);

  // The learner finished everything: opening the course page issues the certificate.
  await page.goto('/courses/customer-service');
  await expect(page.getByTestId('course-certificate')).toBeVisible();
  const first = e2eDb().select().from(certificates).where(eq(certificates.userId, learner.id)).all();
  expect(first).toHaveLength(1);
  const code = first[0]!.code;

  // An admin revokes it.
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signInAs(admin, await makeUser({ role: 'admin' }));
  await admin.goto(`/admin/certificates?q=${code}`);
  await admin.getByTestId(`cert-row-${code}`).getByLabel(/Reason for revoking/).fill('Completed under another person’s account');
  await admin.getByTestId(`cert-row-${code}`).getByRole('button', { name: /Revoke/ }).click();
  await expect(admin.getByTestId('form-success')).toContainText('is revoked');

  // The learner comes back: no new certificate, and the page says why.
  await page.goto('/courses/customer-service');
  await expect(page.getByTestId('course-certificate')).toHaveCount(0);
  await expect(page.getByTestId('certificate-revoked')).toContainText('revoked');
  await expectNoAxeViolations(page);
  await page.goto('/courses/customer-service');
  const after = e2eDb().select().from(certificates).where(eq(certificates.userId, learner.id)).all();
  expect(after).toHaveLength(1);
  expect(after[0]!.revokedAt).not.toBeNull();
  const issuedByLearner = e2eDb().select().from(auditLog).where(and(eq(auditLog.actorId, learner.id), eq(auditLog.action, 'certificate.issue'))).all();
  expect(issuedByLearner).toHaveLength(1);

  // Only the admin's reissue creates another.
  await admin.goto(`/admin/certificates?q=${code}`);
  await admin.getByTestId(`cert-row-${code}`).getByLabel(/Reason for reissuing/).fill('Cleared after review');
  await admin.getByTestId(`cert-row-${code}`).getByRole('button', { name: /Reissue/ }).click();
  await page.goto('/courses/customer-service');
  await expect(page.getByTestId('course-certificate')).toBeVisible();
  const final = e2eDb().select().from(certificates).where(eq(certificates.userId, learner.id)).all();
  expect(final).toHaveLength(2);
  expect(final.filter((c) => c.revokedAt === null)).toHaveLength(1);
  await adminContext.close();
});
