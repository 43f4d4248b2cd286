/**
 * The one sender: claims due outbox messages, hands them to the transport, records each attempt.
 * It runs inside the server process (started by ../jobs.ts); tests call `deliverDue` directly.
 */
import { clock } from '~/lib/shared/clock';
import type { Db } from '../../../../db/client';
import { logError, logEvent } from '../log';
import { claimDue, settleAttempt } from './outbox';
import type { MailTransport } from './transport';

export interface SendReport {
  sent: number;
  retrying: number;
  failed: number;
}

/** One pass: every message due now is tried once. */
export async function deliverDue(db: Db, transport: MailTransport, from: string, now: () => number = () => clock.now()): Promise<SendReport> {
  const report: SendReport = { sent: 0, retrying: 0, failed: 0 };
  for (;;) {
    const batch = claimDue(db, now());
    if (batch.length === 0) return report;
    for (const claimed of batch) {
      const { row } = claimed;
      try {
        await transport.send({ id: row.id, key: row.key, kind: row.kind, from, to: row.toAddress, subject: row.subject, text: row.text, html: row.html, headers: (row.headers as Record<string, string> | null) ?? {} });
        if (settleAttempt(db, claimed, { ok: true }, now())) report.sent++;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        const next = settleAttempt(db, claimed, { ok: false, error: message }, now());
        if (next?.status === 'failed') report.failed++;
        else report.retrying++;
        logEvent('warn', 'mail.attempt-failed', { id: row.id, kind: row.kind, attempt: row.attempts, error: message, next: next?.status });
      }
    }
  }
}

export interface SenderHandle {
  /** Look at the outbox now instead of at the next tick (after a feature queued a message). */
  wake(): void;
  stop(): Promise<void>;
}

/** Polls the outbox every `intervalMs` (default 2 s) and delivers what is due; one pass at a time. */
export function startSender(db: Db, transport: MailTransport, from: string, intervalMs = 2000): SenderHandle {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;
  let again = false;
  const tick = (): void => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    clearTimeout(timer);
    running = deliverDue(db, transport, from)
      .then(() => undefined)
      .catch((error) => logError('mail.sender-failed', error))
      .finally(() => {
        running = undefined;
        if (stopped) return;
        if (again) {
          again = false;
          setImmediate(tick);
        } else {
          timer = setTimeout(tick, intervalMs);
          timer.unref();
        }
      });
  };
  setImmediate(tick);
  return {
    wake: tick,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
      transport.close();
    },
  };
}
