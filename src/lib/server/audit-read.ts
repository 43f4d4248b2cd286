import { and, desc, eq, count, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Db } from '../../../db/client';
import { auditLog, users } from '../../../db/schema';
import { likeText } from './sql-like';
import { paging } from '~/lib/domain/paging';

export interface AuditQuery {
  action?: string;
  actorEmail?: string;
  page?: number;
  pageSize?: number;
}

/** The audit log, newest first, filterable by action prefix and actor email. */
export function listAudit(db: Db, query: AuditQuery) {
  const actor = alias(users, 'actor');
  const filters: SQL[] = [];
  if (query.action) filters.push(likeText(auditLog.action, query.action, { prefix: true }));
  if (query.actorEmail) filters.push(eq(actor.email, query.actorEmail.trim().toLowerCase()));
  const where = filters.length ? and(...filters) : undefined;
  const total = db.select({ n: count() }).from(auditLog).leftJoin(actor, eq(auditLog.actorId, actor.id)).where(where).get()?.n ?? 0;
  const { page, pages, pageSize, offset } = paging(total, query, { standard: 50, max: 200 });
  const rows = db
    .select({ id: auditLog.id, at: auditLog.at, action: auditLog.action, subject: auditLog.subject, detail: auditLog.detail, actorEmail: actor.email })
    .from(auditLog)
    .leftJoin(actor, eq(auditLog.actorId, actor.id))
    .where(where)
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(pageSize)
    .offset(offset)
    .all();
  return { rows, total, page, pages };
}
