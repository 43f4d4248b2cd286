/**
 * Work the server process does besides answering requests: the mail sender and the daily jobs.
 * Started once, by the first request (`npm start` makes one as soon as it listens), never by tests
 * that import server modules.
 */
import { db } from './db';
import { logEvent } from './log';
import { mailConfig, transportFor } from './mail/config';
import { startSender, type SenderHandle } from './mail/sender';

let sender: SenderHandle | undefined;
let origin: string | undefined;

/** Starts the background work if it is not running yet; `requestOrigin` is a fallback for links in mail sent outside a request. */
export function ensureBackgroundJobs(requestOrigin: string): void {
  if (sender) return;
  origin = requestOrigin;
  const config = mailConfig();
  sender = startSender(db(), transportFor(config), config.from);
  logEvent('info', 'jobs.started', { mail: config.smtpUrl ? 'smtp' : `files in ${config.outboxDir}` });
}

/** Delivers newly queued mail now rather than at the next poll. */
export function wakeSender(): void {
  sender?.wake();
}

/** Where links in mail point when no request is at hand: PUBLIC_URL, else the first request's origin. */
export function jobsOrigin(): string | undefined {
  return origin;
}
