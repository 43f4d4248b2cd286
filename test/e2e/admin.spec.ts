/** Issue 18, items 18 to 20: admin pages people can act on. */
import { expect, test } from '@playwright/test';
import { eq } from 'drizzle-orm';
import { expectNoAxeViolations } from './axe';
import { e2eDb, makeUser, signInAs } from '../fixtures/browser';
import { certificates, users } from '../../db/schema';
import { issueCertificate } from '../../src/lib/server/certificates';
import { formatCode } from '../../src/lib/domain/certificate-code';

const snapshotFor = (fullName: string) => ({
  participant: { fullName, profession: 'hygienist', licenceState: 'CA', licenceNumber: 'RDH 1001' },
  course: { id: 'sample-course', title: 'Getting started with online CE (sample course)', ceHours: 1, format: 'self-instruction-online', agd: [{ code: '550', hours: 1 }] },
  provider: { name: 'Provider', adaCerpStatement: 'CERP statement', agdPaceStatement: 'PACE statement' },
  instructors: ['Dana Reyes, RDH'],
  completedOn: '2026-11-27',
});

for (const width of [1280, 320]) {
  test(`a reissue shows what will change, then prints the profile's current name and licence (${width} px)`, async ({ page }) => {
    await page.setViewportSize({ width, height: 900 });
    const learner = await makeUser({ fullName: `Jon Smyth ${width}` });
    e2eDb().update(users).set({ profession: 'hygienist', licenceState: 'CA', licenceNumber: 'RDH 1001' }).where(eq(users.id, learner.id)).run();
    const { certificate } = issueCertificate(e2eDb(), { userId: learner.id, course: 'sample-course', snapshot: snapshotFor(`Jon Smyth ${width}`), verifyBase: 'http://localhost' });
    // The learner corrects their name and licence number after the certificate was issued.
    e2eDb().update(users).set({ fullName: `Jon Smith ${width}`, licenceNumber: 'RDH 604512' }).where(eq(users.id, learner.id)).run();

    await signInAs(page, await makeUser({ role: 'admin' }));
    await page.goto(`/admin/certificates?q=${encodeURIComponent(learner.email)}`);
    await page.getByTestId(`cert-row-${certificate.code}`).getByRole('link', { name: /Reissue/ }).click();
    const preview = page.getByTestId('reissue-preview');
    await expect(preview).toBeVisible();
    const rows = await preview.getByTestId('reissue-changes').locator('tbody tr').allInnerTexts();
    expect(rows.map((r) => r.split('\t').map((c) => c.trim()))).toEqual([
      ['Name', `Jon Smyth ${width}`, `Jon Smith ${width}`],
      ['Licence number', 'RDH 1001', 'RDH 604512'],
    ]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    await expectNoAxeViolations(page);

    // Nothing is written until the admin confirms.
    expect(e2eDb().select().from(certificates).where(eq(certificates.userId, learner.id)).all()).toHaveLength(1);
    await preview.getByLabel(/Reason for reissuing/).fill('Name and licence corrected');
    await preview.getByRole('button', { name: /Confirm the reissue/ }).click();
    await expect(page.getByTestId('form-success')).toContainText('Reissued as');
    const live = e2eDb().select().from(certificates).where(eq(certificates.userId, learner.id)).all().filter((c) => c.revokedAt === null);
    expect(live).toHaveLength(1);
    const printed = (typeof live[0]!.snapshot === 'string' ? JSON.parse(live[0]!.snapshot) : live[0]!.snapshot) as { participant: { fullName: string; licenceNumber: string } };
    expect(printed.participant).toMatchObject({ fullName: `Jon Smith ${width}`, licenceNumber: 'RDH 604512' });
    await page.goto(`/verify/${formatCode(live[0]!.code)}`);
    await expect(page.getByText(`Jon Smith ${width}`)).toBeVisible();
  });
}
