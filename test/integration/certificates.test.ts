import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addUser, freshDb, type TestDb } from '../fixtures/db';
import { auditLog, certificates, externalCe } from '../../db/schema';
import { issueCertificate, reissueCertificate, reissuePreview, revokeCertificate, certificateByCode, ReissueRefused, searchCertificates } from '~/lib/server/certificates';
import { users } from '../../db/schema';
import { eq } from 'drizzle-orm';
import { verifyCode } from '~/lib/server/verify';
import { addExternal, checkUpload, readExternalFile } from '~/lib/server/external-ce';
import { transcriptRecords } from '~/lib/server/transcript';
import { formatCode, isValidCode } from '~/lib/domain/certificate-code';
import { snapshot } from '../fixtures/issue-certificate';

let t: TestDb;
let admin: number;
beforeAll(() => {
  t = freshDb();
  admin = addUser(t.db, 'boss@x.test', 'Boss', { role: 'admin' }).id;
});
// Every test has its own learners: none reads the certificates or files another left behind.
let made = 0;
const learner = (fullName: string) => addUser(t.db, `learner${++made}@x.test`, fullName).id;
afterAll(() => t.close());

function issueInChild(path: string, userId: number): Promise<{ id: number; issued: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/fixtures/issue-certificate.ts', path, String(userId)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').pop()!)) : reject(new Error(err))));
  });
}

describe('certificates', () => {
  it('are issued exactly once when several processes complete the course at the same moment', async () => {
    const ana = learner('Ana Lopez');
    const results = await Promise.all(Array.from({ length: 6 }, () => issueInChild(t.path, ana)));
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    expect(results.filter((r) => r.issued)).toHaveLength(1);
    const rows = t.db.select().from(certificates).all().filter((c) => c.userId === ana && c.course === 'c1');
    expect(rows).toHaveLength(1);
    expect(isValidCode(rows[0]!.code)).toBe(true);
  }, 60_000);

  it('can be revoked and reissued under a new code; the old code shows as replaced; never deleted', () => {
    const ana = learner('Ana Lopez');
    const { certificate } = issueCertificate(t.db, { userId: ana, course: 'c1', snapshot, verifyBase: 'http://x' });
    expect(verifyCode(t.db, formatCode(certificate.code))).toMatchObject({ status: 'valid', participant: 'Ana Lopez', course: 'Course one', ceHours: 2 });
    const fresh = reissueCertificate(t.db, admin, certificate.id, 'Name misspelt', 'https://ce.example.org')!;
    expect(fresh.code).not.toBe(certificate.code);
    expect(fresh.snapshot.verifyUrl).toBe(`https://ce.example.org/verify/${formatCode(fresh.code)}`);
    const old = verifyCode(t.db, certificate.code);
    expect(old).toMatchObject({ status: 'revoked', replacedBy: formatCode(fresh.code) });
    // The admin's free-text reason is internal: the public page says only that and when (16.11).
    expect(old).not.toHaveProperty('reason');
    expect(JSON.stringify(old)).not.toContain('misspelt');
    // Reissuing the replaced certificate again is refused with a message, not a database error (16.9).
    expect(() => reissueCertificate(t.db, admin, certificate.id, 'Again', 'https://ce.example.org')).toThrow(ReissueRefused);
    expect(() => reissueCertificate(t.db, admin, certificate.id, 'Again', 'https://ce.example.org')).toThrow('already replaced');
    expect(verifyCode(t.db, fresh.code).status).toBe('valid');
    expect(revokeCertificate(t.db, admin, fresh.id, 'Issued in error')).not.toBeNull();
    expect(revokeCertificate(t.db, admin, fresh.id, 'Twice')).toBeNull();
    expect(verifyCode(t.db, fresh.code)).toMatchObject({ status: 'revoked', revokedAt: expect.any(Number) });
    expect(JSON.stringify(verifyCode(t.db, fresh.code))).not.toContain('Issued in error');
    expect(t.db.select().from(certificates).all().filter((c) => c.userId === ana)).toHaveLength(2);
    const actions = t.db.select().from(auditLog).all().filter((a) => a.subject?.startsWith('certificate:')).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['certificate.reissue', 'certificate.revoke']));
    // After revocation a new completion may issue a new certificate.
    expect(issueCertificate(t.db, { userId: ana, course: 'c1', snapshot, verifyBase: 'http://x' }).issued).toBe(true);
  });

  it('a reissue prints the name and license the profile holds today, and the preview lists exactly those changes', () => {
    const id = addUser(t.db, `renamed${++made}@x.test`, 'Ana Lopes', { profession: 'hygienist', licenceState: 'CA', licenceNumber: 'RDH 1' }).id;
    const first = issueCertificate(t.db, {
      userId: id,
      course: 'c1',
      verifyBase: 'http://x',
      snapshot: { ...snapshot, participant: { fullName: 'Ana Lopes', profession: 'hygienist', licenceState: 'CA', licenceNumber: 'RDH 1' } },
    }).certificate;
    // Nothing changed yet: the preview says so.
    expect(reissuePreview(t.db, first.id)!.changes).toEqual([]);
    t.db.update(users).set({ fullName: 'Ana Lopez', licenceNumber: 'RDH 604512' }).where(eq(users.id, id)).run();
    expect(reissuePreview(t.db, first.id)!.changes).toEqual([
      { field: 'Name', before: 'Ana Lopes', after: 'Ana Lopez' },
      { field: 'License number', before: 'RDH 1', after: 'RDH 604512' },
    ]);
    const fresh = reissueCertificate(t.db, admin, first.id, 'Name corrected', 'http://x')!;
    expect(fresh.snapshot.participant).toEqual({ fullName: 'Ana Lopez', profession: 'hygienist', licenceState: 'CA', licenceNumber: 'RDH 604512' });
    // Course and completion stay as first certified.
    expect(fresh.snapshot.course).toEqual(first.snapshot.course);
    expect(fresh.snapshot.completedOn).toBe(first.snapshot.completedOn);
    const audit = t.db.select().from(auditLog).all().filter((a) => a.action === 'certificate.reissue' && a.subject === `certificate:${first.id}`);
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0]!.detail)).toContain('Ana Lopes');
    expect(reissuePreview(t.db, 999_999)).toBeNull();
  });

  it('verification never reveals email or license number, and says not found for unknown or malformed codes', () => {
    const ben = learner('Ben Cho');
    const { certificate } = issueCertificate(t.db, { userId: ben, course: 'c1', snapshot: { ...snapshot, participant: { fullName: 'Ben Cho', profession: 'dentist', licenceState: 'TX', licenceNumber: 'SECRET-123' } }, verifyBase: 'http://x' });
    const json = JSON.stringify(verifyCode(t.db, certificate.code));
    expect(json).not.toMatch(/SECRET-123|@x\.test/);
    expect(certificateByCode(t.db, certificate.code.toLowerCase())?.id).toBe(certificate.id);
    expect(verifyCode(t.db, 'ZZZZ-ZZZZ-ZZZZ-Z').status).toBe('not-found');
    expect(verifyCode(t.db, "' OR 1=1 --").status).toBe('not-found');
  });
});

describe('outside CE files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'uploads-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const input = { provider: 'Other CE Co', title: 'Radiation safety', completedOn: '2026-05-01', hoursCenti: 200, agdCode: '730', format: 'live' as const, topics: [], approvals: [] };

  it('refuse a renamed .exe and a 6 MB file with clear messages, storing nothing', async () => {
    const before = readdirSync(dir);
    const exe = new File([new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03])], 'certificate.pdf', { type: 'application/pdf' });
    expect(await checkUpload(exe)).toEqual({ ok: false, message: expect.stringMatching(/Only PDF, PNG or JPEG files/) });
    const big = new File([new Uint8Array(6 * 1024 * 1024)], 'scan.png', { type: 'image/png' });
    expect(await checkUpload(big)).toEqual({ ok: false, message: expect.stringMatching(/6\.0 MB; the limit is 5 MB/) });
    expect(readdirSync(dir)).toEqual(before);
    expect(await checkUpload(null)).toBeNull();
  });

  it('are stored under a random name and readable only by their owner and admins', async () => {
    const ana = learner('Ana Lopez');
    const ben = learner('Ben Cho');
    const pdf = await checkUpload(new File([new TextEncoder().encode('%PDF-1.7\n%test')], 'cert.pdf'));
    expect(pdf).toMatchObject({ ok: true, type: 'application/pdf' });
    const row = addExternal(t.db, ana, input, pdf && pdf.ok ? pdf : null, dir);
    expect(readdirSync(dir)).toContain(row.file);
    expect(row.file).toMatch(/^[0-9a-f]{32}$/);
    expect(readExternalFile(t.db, row.id, { id: ana, role: 'learner' }, dir)?.type).toBe('application/pdf');
    expect(readExternalFile(t.db, row.id, { id: admin, role: 'admin' }, dir)).not.toBeNull();
    expect(readExternalFile(t.db, row.id, { id: ben, role: 'learner' }, dir)).toBeNull();
  });

  it('keep each member to their own transcript', async () => {
    const ana = learner('Ana Lopez');
    const ben = learner('Ben Cho');
    addExternal(t.db, ana, input, null, dir);
    expect(transcriptRecords(t.db, ana).some((r) => r.title === 'Radiation safety')).toBe(true);
    expect(transcriptRecords(t.db, ben).some((r) => r.title === 'Radiation safety')).toBe(false);
    expect(t.db.select().from(externalCe).all().filter((e) => e.userId === ben)).toEqual([]);
  });
});
