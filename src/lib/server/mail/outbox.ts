/**
 * The one outbox. Features call `enqueueMail` with their own transaction handle, so the message
 * commits (or rolls back) with the event that causes it; the sender (./sender.ts) delivers it.
 */
import { clock } from '~/lib/shared/clock';
import { and, count, desc, eq, inArray, lte, or } from 'drizzle-orm';
import type { Db } from '../../../../db/client';
import { mailAttempts, mailOutbox } from '../../../../db/schema';
import { writeAudit } from '../audit';
import { claim, isDue, settle, type OutboxState } from '~/lib/domain/outbox';

export interface OutgoingMail {
  /** The event's idempotency key: a second message with the same key is not queued. */
  key: string;
  kind: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  headers?: Record<string, string>;
  /** The body carries a one-time link: it is blanked in the database once delivered or given up. */
  secret?: boolean;
}

export type OutboxRow = typeof mailOutbox.$inferSelect;
type Tx = Pick<Db, 'insert'>;

/** Queues a message in the caller's transaction; false when its key was already queued. */
export function enqueueMail(tx: Tx, mail: OutgoingMail, now = clock.now()): boolean {
  const result = tx
    .insert(mailOutbox)
    .values({
      key: mail.key,
      kind: mail.kind,
      toAddress: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      headers: mail.headers ?? null,
      secret: mail.secret ?? false,
      status: 'queued',
      attempts: 0,
      nextAttemptAt: now,
      createdAt: now,
    })
    .onConflictDoNothing({ target: mailOutbox.key })
    .run();
  return result.changes === 1;
}

export interface Claimed {
  row: OutboxRow;
  attemptId: number;
}

const stateOf = (r: OutboxRow): OutboxState => ({ status: r.status, attempts: r.attempts, nextAttemptAt: r.nextAttemptAt, leaseUntil: r.leaseUntil });
const REDACTED = '(removed from the database after sending: it held a one-time link)';

/**
 * Claims up to `limit` due messages for this sender in one write transaction, recording an attempt
 * for each. Messages whose last allowed attempt died with its sender are marked failed here.
 */
export function claimDue(db: Db, now = clock.now(), limit = 10): Claimed[] {
  // A plain read first: the sender polls every 2 seconds and must not take the write lock for nothing.
  const due = or(and(eq(mailOutbox.status, 'queued'), lte(mailOutbox.nextAttemptAt, now)), and(eq(mailOutbox.status, 'sending'), lte(mailOutbox.leaseUntil, now)));
  if (!db.select({ id: mailOutbox.id }).from(mailOutbox).where(due).limit(1).get()) return [];
  return db.transaction(
    (tx) => {
      const candidates = tx
        .select()
        .from(mailOutbox)
        .where(due)
        .orderBy(mailOutbox.nextAttemptAt, mailOutbox.id)
        .limit(limit)
        .all();
      const claimed: Claimed[] = [];
      for (const row of candidates) {
        if (!isDue(stateOf(row), now)) continue;
        const next = claim(stateOf(row), now);
        if (next.status === 'failed') {
          tx.update(mailOutbox).set({ status: 'failed', leaseUntil: null, lastError: row.lastError ?? 'The sender stopped during every attempt.', ...(row.secret ? { text: REDACTED, html: REDACTED } : {}) }).where(eq(mailOutbox.id, row.id)).run();
          continue;
        }
        const updated = tx.update(mailOutbox).set({ status: next.status, attempts: next.attempts, leaseUntil: next.leaseUntil }).where(eq(mailOutbox.id, row.id)).returning().get();
        const attempt = tx.insert(mailAttempts).values({ outboxId: row.id, startedAt: now }).returning({ id: mailAttempts.id }).get();
        claimed.push({ row: updated, attemptId: attempt.id });
      }
      return claimed;
    },
    { behavior: 'immediate' },
  );
}

/**
 * Records how a claimed attempt ended and moves the message on (sent, queued again after a
 * back-off, or failed). Does nothing if another sender took the message over meanwhile.
 */
export function settleAttempt(db: Db, claimed: Claimed, outcome: { ok: true } | { ok: false; error: string }, now = clock.now()): OutboxState | null {
  return db.transaction(
    (tx) => {
      const row = tx.select().from(mailOutbox).where(eq(mailOutbox.id, claimed.row.id)).get();
      tx.update(mailAttempts).set({ finishedAt: now, ok: outcome.ok, error: outcome.ok ? null : outcome.error.slice(0, 500) }).where(eq(mailAttempts.id, claimed.attemptId)).run();
      if (!row || row.status !== 'sending' || row.attempts !== claimed.row.attempts) return null;
      const next = settle(stateOf(row), outcome, now);
      const final = next.status === 'sent' || next.status === 'failed';
      tx.update(mailOutbox)
        .set({
          status: next.status,
          nextAttemptAt: next.nextAttemptAt,
          leaseUntil: null,
          lastError: outcome.ok ? row.lastError : outcome.error.slice(0, 500),
          ...(outcome.ok ? { sentAt: now } : {}),
          ...(final && row.secret ? { text: REDACTED, html: REDACTED } : {}),
        })
        .where(eq(mailOutbox.id, row.id))
        .run();
      return next;
    },
    { behavior: 'immediate' },
  );
}

/** The earliest instant a queued message becomes due, so the sender can sleep until then. */
export function nextDueAt(db: Db): number | null {
  const row = db
    .select({ at: mailOutbox.nextAttemptAt, lease: mailOutbox.leaseUntil, status: mailOutbox.status })
    .from(mailOutbox)
    .where(inArray(mailOutbox.status, ['queued', 'sending']))
    .orderBy(mailOutbox.nextAttemptAt)
    .limit(50)
    .all();
  const times = row.map((r) => (r.status === 'queued' ? r.at : (r.lease ?? r.at)));
  return times.length ? Math.min(...times) : null;
}

/** For /admin/mail: counts per status and the latest messages, newest first. */
export function outboxOverview(db: Db, opts: { status?: OutboxRow['status']; limit?: number } = {}) {
  const counts = Object.fromEntries(
    db.select({ status: mailOutbox.status, n: count() }).from(mailOutbox).groupBy(mailOutbox.status).all().map((r) => [r.status, r.n]),
  ) as Partial<Record<OutboxRow['status'], number>>;
  const messages = db
    .select({ id: mailOutbox.id, kind: mailOutbox.kind, toAddress: mailOutbox.toAddress, subject: mailOutbox.subject, status: mailOutbox.status, attempts: mailOutbox.attempts, nextAttemptAt: mailOutbox.nextAttemptAt, lastError: mailOutbox.lastError, secret: mailOutbox.secret, createdAt: mailOutbox.createdAt, sentAt: mailOutbox.sentAt })
    .from(mailOutbox)
    .where(opts.status ? eq(mailOutbox.status, opts.status) : undefined)
    .orderBy(desc(mailOutbox.createdAt), desc(mailOutbox.id))
    .limit(opts.limit ?? 100)
    .all();
  return { counts, messages };
}

/** Every attempt of one message, oldest first. */
export function attemptsOf(db: Db, outboxId: number) {
  return db.select().from(mailAttempts).where(eq(mailAttempts.outboxId, outboxId)).orderBy(mailAttempts.startedAt, mailAttempts.id).all();
}

/** Queues a failed message again now, with a fresh set of attempts (admin action). */
export function retryFailed(db: Db, actorId: number, outboxId: number, now = clock.now()): boolean {
  return db.transaction((tx) => {
    const changed = tx
      .update(mailOutbox)
      .set({ status: 'queued', attempts: 0, nextAttemptAt: now, leaseUntil: null })
      .where(and(eq(mailOutbox.id, outboxId), eq(mailOutbox.status, 'failed'), eq(mailOutbox.secret, false)))
      .run().changes;
    if (changed === 1) writeAudit(tx, { actorId, action: 'mail.retry', subject: `mail:${outboxId}` }, now);
    return changed === 1;
  });
}
