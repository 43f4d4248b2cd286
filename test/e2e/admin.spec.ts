/** Issue 18, items 18 to 20: admin pages people can act on. */
import { expect, test } from '@playwright/test';
import { eq } from 'drizzle-orm';
import { expectNoAxeViolations } from './axe';
import { e2eDb, makeUser, signInAs } from '../fixtures/browser';
import { attemptGrants, auditLog, certificates, enrollments, mailOutbox, quizAttempts, users } from '../../db/schema';
import { issueCertificate } from '~/lib/server/certificates';
import { formatCode } from '~/lib/domain/certificate-code';

const snapshotFor = (fullName: string) => ({
  participant: { fullName, profession: 'hygienist', licenceState: 'CA', licenceNumber: 'RDH 1001' },
  course: { id: 'sample-course', title: 'Getting started with online CE (sample course)', ceHours: 1, format: 'self-instruction-online', agd: [{ code: '550', hours: 1 }] },
  provider: { name: 'Provider', adaCerpStatement: 'CERP statement', agdPaceStatement: 'PACE statement' },
  instructors: ['Dana Reyes, RDH'],
  completedOn: '2026-11-27',
});

for (const width of [1280, 320]) {
  test(`a reissue shows what will change, then prints the profile's current name and license (${width} px)`, async ({ page }) => {
    await page.setViewportSize({ width, height: 900 });
    const learner = await makeUser({ fullName: `Jon Smyth ${width}` });
    e2eDb().update(users).set({ profession: 'hygienist', licenceState: 'CA', licenceNumber: 'RDH 1001' }).where(eq(users.id, learner.id)).run();
    const { certificate } = issueCertificate(e2eDb(), { userId: learner.id, course: 'sample-course', snapshot: snapshotFor(`Jon Smyth ${width}`), verifyBase: 'http://localhost' });
    // The learner corrects their name and license number after the certificate was issued.
    e2eDb().update(users).set({ fullName: `Jon Smith ${width}`, licenceNumber: 'RDH 604512' }).where(eq(users.id, learner.id)).run();

    await signInAs(page, await makeUser({ role: 'admin' }));
    await page.goto(`/admin/certificates?q=${encodeURIComponent(learner.email)}`);
    await page.getByTestId(`cert-row-${certificate.code}`).getByRole('link', { name: /Reissue/ }).click();
    const preview = page.getByTestId('reissue-preview');
    await expect(preview).toBeVisible();
    const rows = await preview.getByTestId('reissue-changes').locator('tbody tr').allInnerTexts();
    expect(rows.map((r) => r.split('\t').map((c) => c.trim()))).toEqual([
      ['Name', `Jon Smyth ${width}`, `Jon Smith ${width}`],
      ['License number', 'RDH 1001', 'RDH 604512'],
    ]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    await expectNoAxeViolations(page);

    // Nothing is written until the admin confirms.
    expect(e2eDb().select().from(certificates).where(eq(certificates.userId, learner.id)).all()).toHaveLength(1);
    await preview.getByLabel(/Reason for reissuing/).fill('Name and license corrected');
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

/** Three failed sample-course attempts, the last ending `minutesAgo` minutes ago (written straight to the database). */
function failedAttempts(userId: number, count: number, minutesAgo: number) {
  const now = Date.now();
  for (let i = count - 1; i >= 0; i--) {
    const end = now - (minutesAgo + i * 60) * 60_000;
    e2eDb().insert(quizAttempts).values({ userId, course: 'sample-course', questions: [], passMark: 70, startedAt: end - 600_000, submittedAt: end, score: 1, maxScore: 10, passed: false }).run();
  }
  e2eDb().insert(enrollments).values({ userId, course: 'sample-course', enrolledAt: now - 86_400_000 }).onConflictDoNothing().run();
}

for (const width of [1280, 320]) {
  test(`an admin's user page: progress, attempts with audited exceptions, certificates and sessions (${width} px)`, async ({ page, browser }) => {
    await page.setViewportSize({ width, height: 900 });
    const learner = await makeUser({ fullName: `Lee Learner ${width}` });
    failedAttempts(learner.id, 3, 120);
    const { certificate } = issueCertificate(e2eDb(), { userId: learner.id, course: 'sample-course', snapshot: snapshotFor(`Lee Learner ${width}`), verifyBase: 'http://localhost' });
    // The learner is signed in on another browser.
    const other = await browser.newContext();
    const otherPage = await other.newPage();
    await signInAs(otherPage, learner);

    const admin = await makeUser({ role: 'admin', fullName: 'Ada Admin' });
    await signInAs(page, admin);
    await page.goto(`/admin/users?q=${encodeURIComponent(learner.email)}`);
    await page.getByRole('link', { name: `Lee Learner ${width}` }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Lee Learner ${width}`);
    await expect(page.getByTestId('user-profile')).toContainText(learner.email);
    await expect(page.getByTestId('user-courses')).toContainText('Getting started with online CE (sample course)');
    await expect(page.getByTestId('user-certificates')).toContainText(formatCode(certificate.code));
    await expect(page.getByTestId('user-sessions')).toContainText('Signed in on 1 device');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    await expectNoAxeViolations(page);

    // All three attempts used: grant one more.
    const attempts = page.getByTestId('attempts-sample-course');
    await expect(attempts).toContainText('3 attempts used; 0 left');
    await attempts.getByRole('button', { name: /Grant one more attempt/ }).click();
    await expect(page.getByTestId('form-success')).toContainText('may take one more attempt');
    await expect(page.getByTestId('attempts-sample-course')).toContainText('3 attempts used; 1 left');
    await expect(page.getByTestId('attempts-sample-course')).toContainText('The attempt rules allow a new attempt now.');

    // A fourth failed attempt five minutes ago starts the 10-minute cooldown; the admin ends it.
    // (A second extra attempt is written directly, so an attempt is left once the cooldown ends.)
    failedAttempts(learner.id, 1, 5);
    e2eDb().update(attemptGrants).set({ extraAttempts: 2 }).where(eq(attemptGrants.userId, learner.id)).run();
    await page.goto(page.url().split('?')[0]!);
    await expect(page.getByTestId('attempts-sample-course')).toContainText('Waiting: the next attempt opens');
    await page.getByTestId('attempts-sample-course').getByRole('button', { name: /End the cooldown/ }).click();
    await expect(page.getByTestId('form-success')).toContainText('cooldown');
    await expect(page.getByTestId('attempts-sample-course')).toContainText('The attempt rules allow a new attempt now.');

    // Sign out everywhere ends the learner's other session.
    await page.getByRole('button', { name: 'Sign out everywhere' }).click();
    await expect(page.getByTestId('form-success')).toContainText('signed out of 1 session');
    await otherPage.goto('/me/profile');
    await expect(otherPage).toHaveURL(/\/login/);
    await other.close();

    // A password reset goes through the account mail.
    await page.getByRole('button', { name: 'Email a password reset link' }).click();
    await expect(page.getByTestId('form-success')).toContainText(`A password reset link was emailed to ${learner.email}`);

    // Everything is in the audit log as sentences, with the admin as the actor.
    await page.getByRole('link', { name: /audit log/ }).click();
    await expect(page.getByTestId('audit-subject')).toContainText(`Lee Learner ${width} (${learner.email})`);
    const sentences = await page.getByTestId('audit-sentence').allTextContents();
    expect(sentences).toEqual(
      expect.arrayContaining([
        `Emailed a password reset link to Lee Learner ${width} (${learner.email}).`,
        `Signed Lee Learner ${width} (${learner.email}) out everywhere (1 session ended).`,
        `Ended the post-test cooldown of Lee Learner ${width} (${learner.email}) on sample-course.`,
        `Granted Lee Learner ${width} (${learner.email}) one more post-test attempt at sample-course (1 extra in all).`,
      ]),
    );
    await expect(page.getByTestId('audit-row').first()).toContainText(admin.email);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    await expectNoAxeViolations(page);
  });
}

test('the audit log says membership dates and profile changes in words, with the subject by name and email', async ({ page }) => {
  const admin = await makeUser({ role: 'admin' });
  const member = await makeUser({ fullName: 'Mia Member' });
  await signInAs(page, admin);
  await page.goto(`/admin/users?q=${encodeURIComponent(member.email)}`);
  await page.getByLabel(`Member until, for ${member.email}`).fill('2027-12-31');
  await page.getByRole('button', { name: `Save membership of ${member.email}` }).click();
  await expect(page.getByTestId('form-success')).toContainText('2027-12-31');

  // The member corrects their name on their profile.
  const own = await page.context().browser()!.newContext();
  const mine = await own.newPage();
  await signInAs(mine, member);
  await mine.goto('/me/profile');
  await mine.getByLabel('Full name').fill('Mia Membership');
  await mine.getByRole('button', { name: 'Save profile' }).click();
  await expect(mine.getByTestId('form-success')).toBeVisible();
  await own.close();

  await page.goto(`/admin/audit?subject=user:${member.id}`);
  const sentences = await page.getByTestId('audit-sentence').allTextContents();
  expect(sentences).toContain(`Set the membership of Mia Membership (${member.email}) until 2027-12-31 (was not a member).`);
  // The profile page fills an empty time zone from the browser, so the same save may also record
  // the zone; the name change must read in words either way.
  const profileChange = sentences.find((s) => s.startsWith(`Changed the profile of Mia Membership (${member.email}): `));
  expect(profileChange).toMatch(/: name from “Mia Member” to “Mia Membership”(; time zone from “—” to “[A-Za-z_/]+”)?\.$/);
  await expect(page.getByRole('link', { name: `Mia Membership (${member.email})` }).first()).toHaveAttribute('href', `/admin/users/${member.id}`);
  await expectNoAxeViolations(page);
});

test('the audit log and the mail queue give times in the admin\'s own zone, named', async ({ page }) => {
  const admin = await makeUser({ role: 'admin' });
  e2eDb().update(users).set({ timeZone: 'America/Los_Angeles' }).where(eq(users.id, admin.id)).run();
  // 2026-03-01 03:00 UTC is 7:00 PM on Feb 28 in Los Angeles (PST).
  const at = Date.UTC(2026, 2, 1, 3, 0);
  e2eDb().insert(auditLog).values({ actorId: admin.id, action: 'user.sign-out-everywhere', subject: `user:${admin.id}`, detail: {}, at }).run();
  const key = `zone-test:${admin.id}`;
  e2eDb().insert(mailOutbox).values({ key, kind: 'reset', toAddress: admin.email, subject: 'Zone test', text: 'x', html: 'x', status: 'failed', attempts: 7, nextAttemptAt: at, createdAt: at, lastError: 'zone test' }).run();
  await signInAs(page, admin);
  for (const width of [1280, 320]) {
    await page.setViewportSize({ width, height: 800 });
    await page.goto(`/admin/audit?subject=user:${admin.id}`);
    await expect(page.getByRole('columnheader', { name: 'When' })).toBeVisible();
    await expect(page.getByTestId('audit-row').filter({ hasText: 'user.sign-out-everywhere' })).toContainText('Feb 28, 2026, 7:00 PM PST');
    await expectNoAxeViolations(page);
    await page.goto('/admin/mail?status=failed');
    await expect(page.getByTestId('mail-row').filter({ hasText: 'Zone test' })).toContainText('Feb 28, 2026, 7:00 PM PST');
    await expectNoAxeViolations(page);
  }
});
