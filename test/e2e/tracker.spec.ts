/** Issue 19: outside CE with topics and approvals, license types per state, what counts for me, and the CE Broker roster. */
import { expect, test } from '@playwright/test';
import { eq } from 'drizzle-orm';
import { users } from '../../db/schema';
import { issueCertificate } from '~/lib/server/certificates';
import { expectNoAxeViolations } from './axe';
import { e2eDb, makeUser, signInAs, type TestUser } from '../fixtures/browser';

/** At phone width the page must not scroll sideways. */
async function fitsAt320(page: import('@playwright/test').Page) {
  await page.setViewportSize({ width: 320, height: 720 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  await page.setViewportSize({ width: 1280, height: 720 });
}

const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const today = () => iso(Date.now());
const inAYear = () => iso(Date.now() + 365 * 86_400_000);

async function setLicence(page: import('@playwright/test').Page, state: string, type: string) {
  const tracker = page.getByTestId('tracker-form');
  await tracker.getByLabel('License state').selectOption(state);
  await tracker.getByLabel('License type').selectOption(type);
  await tracker.getByLabel('License expiry date').fill(inAYear());
  await tracker.getByRole('button', { name: 'Save license details' }).click();
  await expect(page.getByTestId('form-success')).toContainText('license details were saved');
}

async function addOutside(page: import('@playwright/test').Page, fields: { title: string; hours: string; agd?: string; topics?: string[]; approvals?: string[] }) {
  const form = page.getByTestId('external-form');
  await form.getByLabel('Provider').fill('Golden State Dental Education');
  await form.getByLabel('Course title').fill(fields.title);
  await form.getByLabel('Completion date').fill(today());
  await form.getByLabel('CE hours').fill(fields.hours);
  if (fields.agd) await form.getByLabel('AGD subject code').fill(fields.agd);
  for (const t of fields.topics ?? []) await form.getByLabel(t, { exact: true }).check();
  for (const a of fields.approvals ?? []) await form.getByLabel(a, { exact: true }).check();
  await form.getByRole('button', { name: 'Add to my transcript' }).click();
  await expect(page.getByTestId('form-success')).toContainText('added to your transcript');
}

test('a California RDA records an outside infection-control course with its topic and approval and sees the requirement met', async ({ page }) => {
  const member = await makeUser({ member: true });
  await signInAs(page, member);
  await page.goto('/me/ce');
  await setLicence(page, 'CA', 'rda');
  const topic = page.getByTestId('tracker-topics').locator('[data-topic="infection-control"]');
  await expect(topic).toHaveAttribute('data-status', 'missing');
  await expect(page.getByTestId('tracker-summary')).toContainText('0 of 25 hours');

  await addOutside(page, { title: 'Infection Control for California', hours: '2', agd: '148', topics: ['Infection control'], approvals: ['Registered with my state board', 'AGD PACE'] });
  await expect(topic).toHaveAttribute('data-status', 'met');
  await expect(topic).toContainText('2 h of 2 h in this cycle');
  await expect(page.getByTestId('tracker-summary')).toContainText('2 of 25 hours');
  await expect(page.getByTestId('external-list')).toContainText('Topics: Infection control. Provider approval: AGD PACE, Registered with my state board.');
  await expectNoAxeViolations(page);

  // Edited without JavaScript (a plain form in a <details>): untick the board registration and the topic is no longer met.
  const record = page.getByTestId('external-list').locator('li').first();
  await record.getByText('Edit').click();
  const edit = record.getByTestId('edit-external');
  await edit.getByLabel('Registered with my state board', { exact: true }).uncheck();
  await edit.getByRole('button', { name: /Save changes/ }).click();
  await expect(page.getByTestId('form-success')).toContainText('The record was updated');
  await expect(topic).toHaveAttribute('data-status', 'missing');
  await expect(topic).toContainText('registered with the state board');
});

test('a Texas dentist sees the clinical-hours line, and the course page says what counts for her', async ({ page }) => {
  const member = await makeUser({ member: true });
  await signInAs(page, member);
  await page.goto('/me/ce');
  await setLicence(page, 'TX', 'dentist');
  await addOutside(page, { title: 'Periodontal update', hours: '10', agd: '490' });
  await addOutside(page, { title: 'Running the front desk', hours: '3', agd: '550' });
  await expect(page.getByTestId('tracker-minimums')).toContainText('Technical or scientific courses related to clinical care: 10 of at least 16 hours (not met yet)');
  await expect(page.getByTestId('tracker-summary')).toContainText('13 of 24 hours');

  await page.goto('/courses/customer-service');
  const counts = page.getByTestId('what-counts');
  await expect(counts).toContainText('Texas, Dentist');
  await expect(counts).toContainText('Texas counts at most 8 hours of self-study per cycle');
  await expect(page.getByTestId('state-notes')).toContainText('Texas requires at least 16 of every 24 hours');
  await expectNoAxeViolations(page);
});

test('a Florida dental assistant is tracked by hours only and told why', async ({ page }) => {
  const member = await makeUser({ member: true });
  await signInAs(page, member);
  await page.goto('/me/ce');
  await setLicence(page, 'FL', 'dental-assistant');
  await expect(page.getByTestId('tracker-hours-only')).toContainText('we found no CE requirement for dental assistants');
  await expectNoAxeViolations(page);
  await fitsAt320(page);
});

function certify(user: TestUser, licenceNumber: string | null) {
  e2eDb().update(users).set({ licenceState: 'FL', licenceType: 'dentist', profession: 'dentist', licenceNumber }).where(eq(users.id, user.id)).run();
  issueCertificate(e2eDb(), {
    userId: user.id,
    course: 'customer-service',
    snapshot: {
      participant: { fullName: user.fullName, profession: 'dentist', licenceState: 'FL', ...(licenceNumber ? { licenceNumber } : {}) },
      course: { id: 'customer-service', title: 'Customer service', ceHours: 2, format: 'self-instruction-online', agd: [{ code: '550', hours: 2 }] },
      provider: { name: 'Provider', adaCerpId: '111', agdPaceId: '222', adaCerpStatement: 'CERP statement', agdPaceStatement: 'PACE statement' },
      instructors: ['Dana Reyes, RDH'],
      completedOn: today(),
    },
    verifyBase: 'http://localhost',
  });
}

test("a Florida dentist's completion appears in the CE Broker export; one without a license number is listed as missing it", async ({ page }) => {
  certify(await makeUser({ fullName: 'Flora Reporter' }), 'DN 12345');
  certify(await makeUser({ fullName: 'Nolan Number' }), null);
  await signInAs(page, await makeUser({ role: 'admin' }));
  await page.goto('/admin/ce-broker');
  await expectNoAxeViolations(page);
  const form = page.getByTestId('ce-broker-form');
  await form.getByLabel('Course', { exact: true }).selectOption('customer-service');
  await form.getByLabel('Completed from').fill(iso(Date.now() - 86_400_000));
  await form.getByLabel('Completed until').fill(iso(Date.now() + 86_400_000));
  await form.getByLabel(/^License type/).selectOption('dentist');
  await form.getByLabel('CE Broker provider tracking number').fill('50-1234');
  await form.getByLabel('CE Broker course tracking number').fill('20-5678');
  await form.getByLabel('CE Broker profession code').fill('DN');
  await form.getByRole('button', { name: 'Show completions' }).click();
  const table = page.getByTestId('ce-broker-table');
  await expect(table.getByRole('row', { name: /Flora Reporter/ })).toContainText('Ready');
  await expect(table.getByRole('row', { name: /Nolan Number/ })).toContainText('Missing: no Florida license number');
  await expectNoAxeViolations(page);
  await fitsAt320(page);

  const csv = await page.request.get((await page.getByTestId('ce-broker-csv').getAttribute('href'))!);
  expect(csv.status()).toBe(200);
  const [y, m, d] = today().split('-').map(Number);
  const lines = (await csv.text()).replace(/^\uFEFF/, '').trim().split('\r\n');
  expect(lines).toContain(`1234,5678,,,DN12345,${m}/${d}/${y},State=FL,Profession=DN`);
  expect(lines.join('\n')).not.toContain('Nolan');
  // Reporting to a board is audited.
  await page.goto('/admin/audit?action=ce-broker.export');
  await expect(page.getByRole('main')).toContainText('ce-broker.export');
});
