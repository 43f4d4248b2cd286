/** The daily reminder job on a real SQLite file, with Texas's real licensure rules. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { eq } from 'drizzle-orm';
import { addUser, freshDb, type TestDb } from '../fixtures/db';
import { mailOutbox, users } from '../../db/schema';
import { resetClock, setClock } from '~/lib/shared/clock';
import { licensureSchema, type Licensure } from '~/lib/shared/schemas/licensure';
import { setDbForTesting } from '~/lib/server/db';
import { checkEmailToken } from '~/lib/server/email-tokens';
import { dueToday, queueReminders, recordRun, REMINDER_JOB, setReminders } from '~/lib/server/reminders';
import { deliverDue } from '~/lib/server/mail/sender';
import { fileTransport } from '~/lib/server/mail/transport';
import { emlTo } from '../fixtures/eml';

const texas: Licensure = licensureSchema.parse(parse(readFileSync(join(process.cwd(), 'content', 'licensure', 'tx.yaml'), 'utf8')));
const BASE = 'https://ce.example.test';
const SENDER = { name: 'Example Dental CE', contact: 'ce@example.test' };
const at = (day: string) => Date.parse(`${day}T06:00:00Z`);
const YEAR = 365 * 86_400_000;

let t: TestDb;
let ids: Record<string, number>;
beforeAll(() => {
  t = freshDb();
  setDbForTesting(t.db);
  const member = (email: string, extra: Partial<typeof users.$inferInsert> = {}) =>
    addUser(t.db, email, email.split('@')[0]!, { memberUntil: at('2026-11-02') + 2 * YEAR, licenceState: 'TX', licenceType: 'hygienist', licenceExpiresOn: '2027-01-31', emailVerifiedAt: 1, ...extra }).id;
  ids = {
    ana: member('ana@example.test'), // reminded
    off: member('off@example.test', { remindersOff: true }), // turned reminders off
    lapsed: member('lapsed@example.test', { memberUntil: at('2026-10-01') }), // not a member any more
    unconfirmed: member('unconfirmed@example.test', { emailVerifiedAt: null }), // address not confirmed
    later: member('later@example.test', { licenceExpiresOn: '2027-03-15' }), // 133 days left on 2 Nov
    noexpiry: member('noexpiry@example.test', { licenceExpiresOn: null }), // no expiry on file
  };
});
afterAll(() => {
  setDbForTesting(undefined);
  t.close();
});
afterEach(() => resetClock());

const reminders = () => t.db.select().from(mailOutbox).where(eq(mailOutbox.kind, 'reminder')).orderBy(mailOutbox.id).all();

describe('license-cycle reminders', () => {
  it('on 2 November 2026 (90 days before 31 January 2027) only Ana is reminded, saying what is missing', () => {
    setClock(at('2026-11-02'));
    // Considered: Ana and Later (the others are filtered out: reminders off, lapsed, unconfirmed, no expiry).
    expect(queueReminders(t.db, [texas], BASE, SENDER)).toEqual({ considered: 2, queued: 1 });
    const [mail] = reminders();
    expect(mail).toMatchObject({ key: `reminder:${ids.ana}:2027-01-31:90`, toAddress: 'ana@example.test', subject: '90 days left in your license cycle' });
    expect(mail!.text).toContain('Your license cycle ends on January 31, 2027, in 90 days.');
    expect(mail!.text).toMatch(/^- \d+(\.\d+)? more CE hours$/m);
    expect(mail!.text).toContain(`${BASE}/me/ce`);
    expect(mail!.headers).toMatchObject({ 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' });
    expect((mail!.headers as Record<string, string>)['List-Unsubscribe']).toMatch(/^<https:\/\/ce\.example\.test\/unsubscribe\?token=[a-z2-7]{32}>$/);
    expect(mail!.text).toContain('Stop these reminders');
  });

  it('running again the same day, or the next, queues nothing new', () => {
    setClock(at('2026-11-02') + 3_600_000);
    expect(queueReminders(t.db, [texas], BASE, SENDER).queued).toBe(0);
    setClock(at('2026-11-03'));
    expect(queueReminders(t.db, [texas], BASE, SENDER).queued).toBe(0);
    expect(reminders()).toHaveLength(1);
  });

  it('the stored last run says whether today is done, across restarts', () => {
    expect(dueToday(t.db, REMINDER_JOB, '2026-11-03')).toBe(true);
    recordRun(t.db, REMINDER_JOB, '2026-11-03', { queued: 0 });
    // A restart reads the same row: today is done, tomorrow is not.
    expect(dueToday(t.db, REMINDER_JOB, '2026-11-03')).toBe(false);
    expect(dueToday(t.db, REMINDER_JOB, '2026-11-04')).toBe(true);
  });

  it('on 1 January 2027 (30 days left) Ana gets the 30-day reminder, and the later cycle its 90-day one in December', () => {
    setClock(at('2026-12-15'));
    // 15 Dec -> 15 Mar: 16 + 31 + 28 + 15 = 90 days.
    expect(queueReminders(t.db, [texas], BASE, SENDER).queued).toBe(1);
    expect(reminders().at(-1)!.key).toBe(`reminder:${ids.later}:2027-03-15:90`);
    setClock(at('2027-01-01'));
    expect(queueReminders(t.db, [texas], BASE, SENDER).queued).toBe(1);
    expect(reminders().at(-1)!).toMatchObject({ key: `reminder:${ids.ana}:2027-01-31:30`, subject: '30 days left in your license cycle' });
  });

  it('the .eml carries the List-Unsubscribe headers; the link turns reminders off without signing in', async () => {
    setClock(at('2027-01-01'));
    const dir = join(t.dir, 'outbox');
    await deliverDue(t.db, fileTransport(dir), 'CE <ce@example.test>');
    const eml = emlTo(dir, 'ana@example.test').at(-1)!.text;
    expect(eml).toMatch(/^List-Unsubscribe: <https:\/\/ce\.example\.test\/unsubscribe\?token=[a-z2-7]{32}>$/m);
    expect(eml).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/m);
    const token = /unsubscribe\?token=([a-z2-7]{32})/.exec(eml)![1]!;
    const check = checkEmailToken(t.db, token, 'unsubscribe');
    expect(check).toMatchObject({ ok: true, userId: ids.ana });
    setReminders(t.db, ids.ana!, false, 'one-click');
    // Clicking twice still works.
    expect(checkEmailToken(t.db, token, 'unsubscribe').ok).toBe(true);
    expect(t.db.select().from(users).where(eq(users.id, ids.ana!)).get()!.remindersOff).toBe(true);
  });

  it('after unsubscribing, the next cycle brings no reminder', () => {
    setClock(at('2028-11-02'));
    const before = reminders().length;
    queueReminders(t.db, [texas], BASE, SENDER);
    expect(reminders().filter((m) => m.toAddress === 'ana@example.test')).toHaveLength(2);
    expect(reminders().length - before).toBe(0);
  });
});

describe("reminders count days in the member's own time zone", () => {
  let z: TestDb;
  beforeAll(() => {
    z = freshDb();
  });
  afterAll(() => z.close());

  it('at 7 PM on 2 November in Los Angeles (3 November in UTC) the reminder says 90 days, and 89 for a member in Tokyo', () => {
    const member = (email: string, timeZone: string | null) =>
      addUser(z.db, email, email.split('@')[0]!, { memberUntil: at('2026-11-02') + 2 * YEAR, licenceState: 'TX', licenceType: 'hygienist', licenceExpiresOn: '2027-01-31', emailVerifiedAt: 1, timeZone }).id;
    const pacific = member('pacific@example.test', 'America/Los_Angeles');
    const tokyo = member('tokyo@example.test', 'Asia/Tokyo');
    const utc = member('utc@example.test', null);
    // 2026-11-03 03:00 UTC: 2 Nov 7 PM in Los Angeles (PST, daylight time ended 1 Nov), 3 Nov 12 PM in Tokyo.
    // From 3 Nov to 31 Jan: 27 + 31 + 31 = 89 days; from 2 Nov, 90.
    setClock(Date.parse('2026-11-03T03:00:00Z'));
    expect(queueReminders(z.db, [texas], BASE, SENDER)).toEqual({ considered: 3, queued: 3 });
    const byUser = new Map(z.db.select().from(mailOutbox).all().map((m) => [m.toAddress, m]));
    expect(byUser.get('pacific@example.test')).toMatchObject({ key: `reminder:${pacific}:2027-01-31:90`, subject: '90 days left in your license cycle' });
    expect(byUser.get('pacific@example.test')!.text).toContain('in 90 days.');
    expect(byUser.get('tokyo@example.test')).toMatchObject({ key: `reminder:${tokyo}:2027-01-31:90`, subject: '89 days left in your license cycle' });
    expect(byUser.get('utc@example.test')).toMatchObject({ key: `reminder:${utc}:2027-01-31:90`, subject: '89 days left in your license cycle' });
  });
});
