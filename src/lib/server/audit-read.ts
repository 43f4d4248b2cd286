import { and, desc, eq, count, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Db } from '../../../db/client';
import { auditLog, certificates, users } from '../../../db/schema';
import { inArray } from 'drizzle-orm';
import type { AuditSubject } from '~/lib/domain/audit-text';
import { likeText } from './sql-like';
import { paging } from '~/lib/domain/paging';

export interface AuditQuery {
  action?: string;
  actorEmail?: string;
  /** A stored subject exactly, e.g. `user:12`: everything that happened to that account. */
  subject?: string;
  page?: number;
  pageSize?: number;
}

/** The audit log, newest first, filterable by action prefix and actor email. */
export function listAudit(db: Db, query: AuditQuery) {
  const actor = alias(users, 'actor');
  const filters: SQL[] = [];
  if (query.action) filters.push(likeText(auditLog.action, query.action, { prefix: true }));
  if (query.actorEmail) filters.push(eq(actor.email, query.actorEmail.trim().toLowerCase()));
  if (query.subject) filters.push(eq(auditLog.subject, query.subject));
  const where = filters.length ? and(...filters) : undefined;
  const total = db.select({ n: count() }).from(auditLog).leftJoin(actor, eq(auditLog.actorId, actor.id)).where(where).get()?.n ?? 0;
  const { page, pages, pageSize, offset } = paging(total, query, { standard: 50, max: 200 });
  const rows = db
    .select({ id: auditLog.id, at: auditLog.at, action: auditLog.action, subject: auditLog.subject, detail: auditLog.detail, actorId: auditLog.actorId, actorEmail: actor.email, actorName: actor.fullName })
    .from(auditLog)
    .leftJoin(actor, eq(auditLog.actorId, actor.id))
    .where(where)
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(pageSize)
    .offset(offset)
    .all();
  return { rows, total, page, pages };
}

export interface ResolvedSubject extends AuditSubject {
  /** The admin page about the account, when the subject is (or belongs to) one. */
  userId: number | null;
}

/**
 * Names behind the subjects of a page of entries, in two queries: `user:<id>` as the account's name
 * and email, `certificate:<id>` as its holder's, `email:<address>` as the address typed.
 */
export function resolveSubjects(db: Db, subjects: Array<string | null>): Map<string, ResolvedSubject> {
  const ids = (kind: string) => [...new Set(subjects.flatMap((s) => (s?.startsWith(`${kind}:`) ? [Number(s.slice(kind.length + 1))] : [])).filter(Number.isSafeInteger))];
  const out = new Map<string, ResolvedSubject>();
  const label = (u: { fullName: string; email: string }) => `${u.fullName} (${u.email})`;
  const userIds = ids('user');
  if (userIds.length)
    for (const u of db.select({ id: users.id, fullName: users.fullName, email: users.email }).from(users).where(inArray(users.id, userIds)).all())
      out.set(`user:${u.id}`, { kind: 'user', label: label(u), userId: u.id });
  const certIds = ids('certificate');
  if (certIds.length)
    for (const c of db.select({ id: certificates.id, userId: users.id, fullName: users.fullName, email: users.email }).from(certificates).innerJoin(users, eq(users.id, certificates.userId)).where(inArray(certificates.id, certIds)).all())
      out.set(`certificate:${c.id}`, { kind: 'certificate', label: label(c), userId: c.userId });
  for (const s of subjects) if (s?.startsWith('email:')) out.set(s, { kind: 'email', label: s.slice(6), userId: null });
  return out;
}
