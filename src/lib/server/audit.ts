import { clock } from '../shared/clock';
import type { Db } from '../../../db/client';
import { auditLog } from '../../../db/schema';

export interface AuditEntry {
  actorId: number | null;
  action: string;
  subject?: string;
  detail?: unknown;
}

/** Appends to the audit log; pass the transaction handle so the entry commits with the change. */
export function writeAudit(db: Pick<Db, 'insert'>, entry: AuditEntry, now = clock.now()): void {
  db.insert(auditLog)
    .values({ actorId: entry.actorId, action: entry.action, subject: entry.subject ?? null, detail: entry.detail ?? null, at: now })
    .run();
}
