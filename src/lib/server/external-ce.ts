/**
 * CE from other providers, recorded by members, with an optional certificate file. Files are
 * checked by their first bytes (PDF, PNG or JPEG only), kept outside the web root under the data
 * directory with a random name, and only their owner and admins can download them.
 */
import { clock } from '../shared/clock';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { externalCe } from '../../../db/schema';
import { canSeeRecordOf } from './access';
import { writeAudit } from './audit';
import { settings, type Settings } from './settings';
import type { CeFormat, CeTopic, ProviderApproval } from '~/lib/shared/schemas/licensure';

export const MAX_FILE_BYTES = 5 * 1024 * 1024;
export type StoredType = 'application/pdf' | 'image/png' | 'image/jpeg';

/**
 * The type a file really is, from its magic bytes; null for anything else (a renamed .exe included).
 * Three fixed signatures: the current `file-type` package needs Node 22, and these are all we accept.
 */
export function sniffType(bytes: Uint8Array): StoredType | null {
  const starts = (sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts([0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf'; // %PDF-
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (starts([0xff, 0xd8, 0xff])) return 'image/jpeg';
  return null;
}

/** Uploaded files live under DATA_DIR/uploads, or beside the database when DATA_DIR is unset. */
export function uploadsDir(s: Pick<Settings, 'DATA_DIR' | 'DATABASE_PATH'> = settings): string {
  return resolve(s.DATA_DIR || dirname(s.DATABASE_PATH), 'uploads');
}

export interface ExternalInput {
  provider: string;
  title: string;
  completedOn: string;
  hoursCenti: number;
  agdCode: string | null;
  format: CeFormat;
  topics: CeTopic[];
  approvals: ProviderApproval[];
}

export type FileCheck = { ok: true; bytes: Uint8Array; type: StoredType; name: string } | { ok: false; message: string } | null;

/** Checks an uploaded file; null when no file was sent. */
export async function checkUpload(file: unknown): Promise<FileCheck> {
  if (!(file instanceof File) || file.size === 0) return null;
  if (file.size > MAX_FILE_BYTES) return { ok: false, message: `The file is ${(file.size / 1024 / 1024).toFixed(1)} MB; the limit is 5 MB. Save a smaller scan or a PDF.` };
  const bytes = new Uint8Array(await file.arrayBuffer());
  const type = sniffType(bytes);
  if (!type) return { ok: false, message: 'Only PDF, PNG or JPEG files can be attached. This file is none of those, whatever its name says.' };
  const name = file.name.replace(/[^\w.\- ()]/g, '_').slice(0, 120) || 'certificate';
  return { ok: true, bytes, type, name };
}

/** Records an outside CE activity. The file is written first under a temporary name and only kept if the row commits. */
export function addExternal(db: Db, userId: number, input: ExternalInput, file: Extract<FileCheck, { ok: true }> | null, dir = uploadsDir(), now = clock.now()) {
  let stored: string | null = null;
  let temp: string | null = null;
  if (file) {
    mkdirSync(dir, { recursive: true });
    stored = randomBytes(16).toString('hex');
    temp = join(dir, `${stored}.part`);
    writeFileSync(temp, file.bytes, { flag: 'wx' });
  }
  try {
    const row = db.transaction((tx) => {
      const inserted = tx
        .insert(externalCe)
        .values({ userId, ...input, file: stored, fileName: file?.name ?? null, fileType: file?.type ?? null, createdAt: now })
        .returning()
        .get();
      writeAudit(tx, { actorId: userId, action: 'external-ce.add', subject: `external-ce:${inserted.id}` }, now);
      return inserted;
    });
    if (temp && stored) renameSync(temp, join(dir, stored));
    return row;
  } catch (error) {
    if (temp) rmSync(temp, { force: true });
    throw error;
  }
}

/**
 * Changes the details of the member's own record (not its file); false when it is not theirs.
 * The old values go to the audit log, so a changed topic or approval can be traced at an audit.
 */
export function updateExternal(db: Db, userId: number, recordId: number, input: ExternalInput, now = clock.now()): boolean {
  return db.transaction((tx) => {
    const row = tx.select().from(externalCe).where(and(eq(externalCe.id, recordId), eq(externalCe.userId, userId))).get();
    if (!row) return false;
    tx.update(externalCe).set(input).where(eq(externalCe.id, recordId)).run();
    const before = { provider: row.provider, title: row.title, completedOn: row.completedOn, hoursCenti: row.hoursCenti, agdCode: row.agdCode, format: row.format, topics: row.topics, approvals: row.approvals };
    writeAudit(tx, { actorId: userId, action: 'external-ce.update', subject: `external-ce:${recordId}`, detail: { before } }, now);
    return true;
  });
}

export function externalOf(db: Db, userId: number) {
  return db.select().from(externalCe).where(eq(externalCe.userId, userId)).orderBy(asc(externalCe.completedOn), asc(externalCe.id)).all();
}

/** The stored file of a record, for its owner or an admin; null otherwise (the caller answers 404). */
export function readExternalFile(db: Db, recordId: number, viewer: { id: number; role: string }, dir = uploadsDir()) {
  const row = db.select().from(externalCe).where(eq(externalCe.id, recordId)).get();
  if (!row || !row.file || !canSeeRecordOf(viewer, row.userId)) return null;
  if (!/^[0-9a-f]{32}$/.test(row.file)) return null;
  return { bytes: readFileSync(join(dir, row.file)), type: row.fileType ?? 'application/octet-stream', name: row.fileName ?? 'certificate' };
}

export function deleteExternal(db: Db, userId: number, recordId: number, dir = uploadsDir()): boolean {
  const row = db.select().from(externalCe).where(and(eq(externalCe.id, recordId), eq(externalCe.userId, userId))).get();
  if (!row) return false;
  db.transaction((tx) => {
    tx.delete(externalCe).where(eq(externalCe.id, recordId)).run();
    writeAudit(tx, { actorId: userId, action: 'external-ce.delete', subject: `external-ce:${recordId}`, detail: { title: row.title } });
  });
  if (row.file && /^[0-9a-f]{32}$/.test(row.file)) rmSync(join(dir, row.file), { force: true });
  return true;
}
