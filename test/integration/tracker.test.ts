/** Issue 19: the CE list built once, outside CE edits, and Florida completions for CE Broker, on a real SQLite file. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { and, eq } from 'drizzle-orm';
import { addUser, freshDb, type TestDb } from '../fixtures/db';
import { auditLog, certificates, externalCe, users } from '../../db/schema';
import { issueCertificate } from '~/lib/server/certificates';
import { addExternal, externalOf, updateExternal, type ExternalInput } from '~/lib/server/external-ce';
import { transcriptOf } from '~/lib/server/transcript';
import { trackerView } from '~/lib/server/tracker';
import { floridaCompletions } from '~/lib/server/ce-broker';
import { queueReminders } from '~/lib/server/reminders';
import { mailOutbox } from '../../db/schema';
import { licensureSchema, type Licensure } from '~/lib/shared/schemas/licensure';
import { snapshot } from '../fixtures/issue-certificate';

const states: Licensure[] = ['ca', 'fl', 'ny', 'tx'].map((s) => licensureSchema.parse(parse(readFileSync(join('content', 'licensure', `${s}.yaml`), 'utf8'))));
const approved = { ...snapshot.provider, adaCerpId: '123456', agdPaceId: '654321' };

let t: TestDb;
beforeAll(() => {
  t = freshDb();
});
afterAll(() => t.close());
let made = 0;
const member = (extra: Partial<typeof users.$inferInsert> = {}) => addUser(t.db, `m${++made}@x.test`, `Member ${made}`, { memberUntil: Date.UTC(2030, 0, 1), ...extra });
const outside = (over: Partial<ExternalInput> = {}): ExternalInput => ({ provider: 'State association', title: 'Outside course', completedOn: '2026-02-01', hoursCenti: 300, agdCode: '490', format: 'live', topics: [], approvals: [], ...over });
function certify(userId: number, course: string, completedOn: string, opts: { sample?: boolean; participant?: Partial<typeof snapshot.participant> & { licenceState?: string; licenceNumber?: string } } = {}) {
  return issueCertificate(t.db, {
    userId,
    course,
    snapshot: { ...snapshot, participant: { ...snapshot.participant, ...opts.participant }, course: { ...snapshot.course, id: course }, provider: approved, completedOn },
    verifyBase: 'http://localhost:4321',
    sample: opts.sample ?? false,
  }).certificate;
}

describe('the CE list built once', () => {
  it('gives the transcript and the tracker the same records and totals; samples and revoked certificates in neither', () => {
    const m = member({ licenceState: 'TX', licenceType: 'hygienist', licenceExpiresOn: '2027-01-31' });
    certify(m.id, 'c1', '2026-01-10'); // 2 h, AGD 550
    certify(m.id, 'c2', '2026-01-11', { sample: true });
    const revoked = certify(m.id, 'c3', '2026-01-12');
    t.db.update(certificates).set({ revokedAt: Date.UTC(2026, 0, 13), revokedReason: 'test' }).where(eq(certificates.id, revoked.id)).run();
    addExternal(t.db, m.id, outside(), null, '/nonexistent');
    const user = t.db.select().from(users).where(eq(users.id, m.id)).get()!;

    const transcript = transcriptOf(t.db, user);
    const view = trackerView(t.db, user, states, '2026-03-01');
    // 2 h from the valid certificate + 3 h outside = 5 h; the sample and the revoked one count nowhere.
    expect(transcript.totalCenti).toBe(500);
    expect(view.kind).toBe('report');
    if (view.kind !== 'report') return;
    expect(view.report.counted.reduce((s, c) => s + c.countedCenti, 0) + view.report.notCountedCenti).toBe(transcript.totalCenti);
    expect(view.report.earnedCenti).toBe(500);
    // The platform certificate is self-study with the provider's CERP and PACE approvals.
    expect(view.report.counted.find((c) => c.record.source === 'platform')!.record).toMatchObject({ format: 'self-study', selfStudy: true, approvals: ['ada-cerp', 'agd-pace'] });
  });

  it('tracks a license with no confirmed rule by hours only, with the same total as the transcript', () => {
    const m = member({ licenceState: 'FL', licenceType: 'dental-assistant' });
    addExternal(t.db, m.id, outside({ hoursCenti: 150, completedOn: '2025-05-05' }), null, '/nonexistent');
    const user = t.db.select().from(users).where(eq(users.id, m.id)).get()!;
    const view = trackerView(t.db, user, states, '2026-03-01');
    expect(view).toMatchObject({ kind: 'hours-only', totalCenti: 150, byYear: [{ year: 2025, hoursCenti: 150 }] });
    expect(transcriptOf(t.db, user).totalCenti).toBe(150);
  });
});

describe('outside CE records', () => {
  it('keep their format, topics and approvals, and only their owner can edit them, with the old values audited', () => {
    const owner = member();
    const other = member();
    const row = addExternal(t.db, owner.id, outside({ topics: ['infection-control'], approvals: ['ada-cerp'] }), null, '/nonexistent');
    expect(externalOf(t.db, owner.id)[0]).toMatchObject({ format: 'live', topics: ['infection-control'], approvals: ['ada-cerp'] });

    expect(updateExternal(t.db, other.id, row.id, outside({ title: 'Hijacked' }))).toBe(false);
    expect(externalOf(t.db, owner.id)[0]!.title).toBe('Outside course');

    expect(updateExternal(t.db, owner.id, row.id, outside({ format: 'live-online', topics: ['infection-control', 'bls'], approvals: ['ada-cerp', 'state-board'] }))).toBe(true);
    expect(externalOf(t.db, owner.id)[0]).toMatchObject({ format: 'live-online', topics: ['infection-control', 'bls'], approvals: ['ada-cerp', 'state-board'] });
    const audit = t.db.select().from(auditLog).where(and(eq(auditLog.action, 'external-ce.update'), eq(auditLog.subject, `external-ce:${row.id}`))).all();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.detail).toMatchObject({ before: { format: 'live', topics: ['infection-control'], approvals: ['ada-cerp'] } });
  });
});

describe('Florida completions for CE Broker', () => {
  it('lists Florida licensees of the course in the date range, never samples, revoked certificates or other states', () => {
    const fromCert = member({ licenceState: 'FL', licenceType: 'dentist' });
    const fromProfile = member({ licenceState: 'FL', licenceType: 'dentist', licenceNumber: 'DN 55555' });
    const missing = member({ licenceState: 'FL', licenceType: 'dentist' });
    const hygienist = member({ licenceState: 'FL', licenceType: 'hygienist', licenceNumber: 'DH1' });
    const texan = member({ licenceState: 'TX', licenceType: 'dentist', licenceNumber: '12345' });
    const sample = member({ licenceState: 'FL', licenceType: 'dentist', licenceNumber: 'DN2' });
    const late = member({ licenceState: 'FL', licenceType: 'dentist', licenceNumber: 'DN3' });
    certify(fromCert.id, 'fl-course', '2026-02-01', { participant: { licenceState: 'FL', licenceNumber: 'DN 11111' } });
    certify(fromProfile.id, 'fl-course', '2026-02-02');
    certify(missing.id, 'fl-course', '2026-02-03');
    certify(hygienist.id, 'fl-course', '2026-02-04');
    certify(texan.id, 'fl-course', '2026-02-05');
    certify(sample.id, 'fl-course', '2026-02-06', { sample: true });
    certify(late.id, 'fl-course', '2026-03-01');

    const all = floridaCompletions(t.db, { course: 'fl-course', from: '2026-02-01', to: '2026-02-28' });
    // The certificate's license number first, the profile's when the certificate has none.
    expect(all.map((c) => [c.completedOn, c.licenceNumber])).toEqual([
      ['2026-02-01', 'DN 11111'],
      ['2026-02-02', 'DN 55555'],
      ['2026-02-03', null],
      ['2026-02-04', 'DH1'],
    ]);
    expect(floridaCompletions(t.db, { course: 'fl-course', from: '2026-02-01', to: '2026-02-28', licenceType: 'hygienist' }).map((c) => c.licenceNumber)).toEqual(['DH1']);
  });
});

describe("reminders follow the state's cycle", () => {
  it("a Florida dentist with no expiry date on file is reminded 90 days before 28 February", () => {
    const fl = member({ licenceState: 'FL', licenceType: 'dentist', emailVerifiedAt: 1 });
    // 90 days before 2028-02-28: from 30 Nov to 30 Dec is 30 days, to 30 Jan 61, to 28 Feb 90.
    expect(queueReminders(t.db, states, 'https://ce.example.test', { name: 'CE', contact: 'ce@example.test' }, Date.parse('2027-11-30T06:00:00Z'))).toEqual({ considered: 1, queued: 1 });
    const mail = t.db.select().from(mailOutbox).where(eq(mailOutbox.kind, 'reminder')).all();
    expect(mail.map((m) => m.key)).toEqual([`reminder:${fl.id}:2028-02-28:90`]);
  });
});
