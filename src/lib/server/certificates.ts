/**
 * Certificates: issued exactly once per learner and course (a partial unique index backs this up
 * against concurrent requests), frozen as a snapshot, revocable and reissuable by admins, never
 * deleted.
 */
import { clock } from '../shared/clock';
import { and, desc, eq, isNotNull, isNull, or } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { certificates, enrollments, users } from '../../../db/schema';
import { certificateSnapshotSchema, participantChanges, participantOf, type CertificateSnapshot } from '../shared/certificate';
import { formatCode, generateCode, normalizeCode } from '../domain/certificate-code';
import { writeAudit } from './audit';
import { likeText } from './sql-like';
import { settings } from './settings';

/** The public address certificates point to: PUBLIC_URL when set, else the address of this request. */
export function verifyBase(requestUrl: URL): string {
  return settings.PUBLIC_URL || requestUrl.origin;
}

/** The path of a certificate's public verification page: /verify/XXXX-XXXX-XXXX-X. */
export function verifyPath(code: string): string {
  return `/verify/${formatCode(code)}`;
}

/** The full verification address printed on a certificate, under `base` (PUBLIC_URL or the request's origin). */
export function verifyUrl(base: string, code: string): string {
  return `${base.replace(/\/$/, '')}${verifyPath(code)}`;
}

export type CertificateRow = typeof certificates.$inferSelect;
export interface Certificate extends Omit<CertificateRow, 'snapshot'> {
  snapshot: CertificateSnapshot;
}

const toCertificate = (row: CertificateRow): Certificate => ({ ...row, snapshot: certificateSnapshotSchema.parse(row.snapshot) });

export function liveCertificate(db: Db, userId: number, course: string): Certificate | undefined {
  const row = db.select().from(certificates).where(and(eq(certificates.userId, userId), eq(certificates.course, course), isNull(certificates.revokedAt))).get();
  return row ? toCertificate(row) : undefined;
}

/**
 * True when the learner's certificate for this course was revoked and not replaced by an admin's
 * reissue: a revoked certificate blocks automatic issuing until an admin acts.
 */
export function hasRevokedCertificate(db: Db, userId: number, course: string): boolean {
  return !!db
    .select({ id: certificates.id })
    .from(certificates)
    .where(and(eq(certificates.userId, userId), eq(certificates.course, course), isNotNull(certificates.revokedAt), isNull(certificates.replacedById)))
    .get();
}

export function certificateByCode(db: Db, code: string): Certificate | undefined {
  const raw = normalizeCode(code);
  if (!raw) return undefined;
  const row = db.select().from(certificates).where(eq(certificates.code, raw)).get();
  return row ? toCertificate(row) : undefined;
}

export function certificatesOf(db: Db, userId: number): Certificate[] {
  return db.select().from(certificates).where(eq(certificates.userId, userId)).orderBy(desc(certificates.issuedAt)).all().map(toCertificate);
}

export type SnapshotWithoutCode = Omit<CertificateSnapshot, 'code' | 'verifyUrl'>;

/**
 * Issues the learner's certificate for a course, or returns the one they already hold. Safe to
 * call from several requests at once: only one row can be live per learner and course.
 */
export function issueCertificate(
  db: Db,
  args: {
    userId: number;
    course: string;
    snapshot: SnapshotWithoutCode;
    verifyBase: string;
    now?: number;
    newCode?: () => string;
    /** Issued before the provider (or the course) was set up, or for a practice course: a sample forever. */
    sample?: boolean;
    /** Runs inside the issuing transaction, e.g. to queue the certificate email with it. */
    onIssued?: (tx: Pick<Db, 'insert' | 'update' | 'select'>, certificate: Certificate) => void;
  },
): { certificate: Certificate; issued: boolean } {
  const now = args.now ?? clock.now();
  const existing = liveCertificate(db, args.userId, args.course);
  if (existing) return { certificate: existing, issued: false };
  const code = (args.newCode ?? generateCode)();
  const snapshot: CertificateSnapshot = certificateSnapshotSchema.parse({ ...args.snapshot, code, verifyUrl: verifyUrl(args.verifyBase, code) });
  try {
    return db.transaction(
      (tx) => {
        const again = tx.select().from(certificates).where(and(eq(certificates.userId, args.userId), eq(certificates.course, args.course), isNull(certificates.revokedAt))).get();
        if (again) return { certificate: toCertificate(again), issued: false };
        const row = tx.insert(certificates).values({ code, userId: args.userId, course: args.course, snapshot, issuedAt: now, sample: args.sample ?? false }).returning().get();
        tx.update(enrollments).set({ completedAt: now }).where(and(eq(enrollments.userId, args.userId), eq(enrollments.course, args.course), isNull(enrollments.completedAt))).run();
        writeAudit(tx, { actorId: args.userId, action: 'certificate.issue', subject: `certificate:${row.id}`, detail: { course: args.course, code: formatCode(code), ...(args.sample ? { sample: true } : {}) } }, now);
        const certificate = toCertificate(row);
        args.onIssued?.(tx, certificate);
        return { certificate, issued: true };
      },
      { behavior: 'immediate' },
    );
  } catch (error) {
    // Another process won the race between our check and insert: theirs is the certificate.
    if (String(error).includes('UNIQUE')) {
      const winner = liveCertificate(db, args.userId, args.course);
      if (winner) return { certificate: winner, issued: false };
    }
    throw error;
  }
}

export function revokeCertificate(db: Db, actorId: number, certificateId: number, reason: string, now = clock.now()): Certificate | null {
  return db.transaction((tx) => {
    const row = tx.select().from(certificates).where(eq(certificates.id, certificateId)).get();
    if (!row || row.revokedAt !== null) return null;
    const updated = tx.update(certificates).set({ revokedAt: now, revokedReason: reason }).where(eq(certificates.id, certificateId)).returning().get();
    writeAudit(tx, { actorId, action: 'certificate.revoke', subject: `certificate:${certificateId}`, detail: { code: formatCode(row.code), reason } }, now);
    return toCertificate(updated);
  });
}

/** A reissue that would leave two live certificates for one course; nothing was written. */
export class ReissueRefused extends Error {
  override name = 'ReissueRefused';
}

/**
 * Revokes a certificate as replaced and issues it again under a new code, with the participant as
 * the account reads today (a corrected name or license is the usual reason to reissue); course,
 * hours and completion date stay as first certified. A sample's replacement is a sample too.
 * Throws ReissueRefused when it was already replaced, or another live certificate exists for the course.
 */
export function reissueCertificate(db: Db, actorId: number, certificateId: number, reason: string, verifyBase: string, now = clock.now(), newCode: () => string = generateCode): Certificate | null {
  return db.transaction((tx) => {
    const row = tx.select().from(certificates).where(eq(certificates.id, certificateId)).get();
    if (!row) return null;
    if (row.replacedById !== null) throw new ReissueRefused('That certificate was already replaced. Reissue the newest one instead.');
    const live = tx
      .select({ id: certificates.id })
      .from(certificates)
      .where(and(eq(certificates.userId, row.userId), eq(certificates.course, row.course), isNull(certificates.revokedAt)))
      .get();
    if (live && live.id !== row.id) throw new ReissueRefused('This learner already holds a valid certificate for this course. Reissue or revoke that one instead.');
    const old = toCertificate(row);
    const code = newCode();
    const holder = tx.select().from(users).where(eq(users.id, row.userId)).get();
    const participant = holder ? participantOf(holder) : old.snapshot.participant;
    const changes = participantChanges(old.snapshot.participant, participant);
    const snapshot = certificateSnapshotSchema.parse({ ...old.snapshot, participant, code, verifyUrl: verifyUrl(verifyBase, code) });
    if (row.revokedAt === null) tx.update(certificates).set({ revokedAt: now, revokedReason: `Replaced: ${reason}` }).where(eq(certificates.id, row.id)).run();
    const fresh = tx.insert(certificates).values({ code, userId: row.userId, course: row.course, snapshot, issuedAt: now, sample: row.sample }).returning().get();
    tx.update(certificates).set({ replacedById: fresh.id }).where(eq(certificates.id, row.id)).run();
    writeAudit(tx, { actorId, action: 'certificate.reissue', subject: `certificate:${row.id}`, detail: { from: formatCode(row.code), to: formatCode(code), reason, ...(changes.length ? { changes } : {}) } }, now);
    return toCertificate(fresh);
  });
}

/**
 * What reissuing a certificate would print differently: the snapshot's participant against the
 * account today. Null when the certificate does not exist.
 */
export function reissuePreview(db: Db, certificateId: number) {
  const row = db.select().from(certificates).where(eq(certificates.id, certificateId)).get();
  if (!row) return null;
  const certificate = toCertificate(row);
  const holder = db.select().from(users).where(eq(users.id, row.userId)).get();
  const after = holder ? participantOf(holder) : certificate.snapshot.participant;
  return { certificate, email: holder?.email ?? null, changes: participantChanges(certificate.snapshot.participant, after) };
}

/** Admin search by participant name, code or course. */
export function searchCertificates(db: Db, query: string, limit = 50) {
  const q = query.trim();
  const code = normalizeCode(q);
  return db
    .select({ certificate: certificates, email: users.email, fullName: users.fullName })
    .from(certificates)
    .innerJoin(users, eq(certificates.userId, users.id))
    .where(q ? or(likeText(users.fullName, q), likeText(users.email, q), likeText(certificates.course, q), code ? likeText(certificates.code, code) : undefined) : undefined)
    .orderBy(desc(certificates.issuedAt))
    .limit(limit)
    .all()
    .map((r) => ({ ...r, certificate: toCertificate(r.certificate) }));
}
