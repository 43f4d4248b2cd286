/**
 * Work the server process does besides answering requests: the mail sender and the daily jobs.
 * Started once, by the first request (`npm start` makes one as soon as it listens), never by tests
 * that import server modules.
 */
import { clock } from '../shared/clock';
import { listLicensure } from '../content/licensure';
import { mailSender } from '../content/provider';
import { db } from './db';
import { sweepEmailTokens } from './email-tokens';
import { logError, logEvent } from './log';
import { mailConfig, transportFor } from './mail/config';
import { startSender, type SenderHandle } from './mail/sender';
import { dueToday, queueReminders, recordRun, REMINDER_JOB, utcDay } from './reminders';
import { settings } from './settings';

const HOUR = 3_600_000;
let sender: SenderHandle | undefined;
let origin: string | undefined;
let dailyRunning = false;

/**
 * Starts the background work if it is not running yet; the request's origin is a fallback for links
 * in mail sent outside a request. Takes the URL rather than its origin: every request calls this,
 * and only the first needs the origin worked out.
 */
export function ensureBackgroundJobs(requestUrl: Pick<URL, 'origin'>): void {
  if (sender) return;
  origin = requestUrl.origin;
  const config = mailConfig();
  sender = startSender(db(), transportFor(config), config.from);
  logEvent('info', 'jobs.started', { mail: config.smtpUrl ? 'smtp' : `files in ${config.outboxDir}` });
  // The daily job checks every hour whether today's run is done: a restart catches up at once.
  setImmediate(() => void runDailyJobs());
  setInterval(() => void runDailyJobs(), HOUR).unref();
}

/** Delivers newly queued mail now rather than at the next poll. */
export function wakeSender(): void {
  sender?.wake();
}

/** Where links in mail point when no request is at hand: PUBLIC_URL, else the first request's origin. */
export function jobsOrigin(): string {
  return settings.PUBLIC_URL ?? origin ?? `http://${settings.HOST}:${settings.PORT}`;
}

/** Today's license-cycle reminders, once per UTC day however often the server restarts. */
export async function runDailyJobs(now = clock.now()): Promise<void> {
  if (dailyRunning) return;
  dailyRunning = true;
  try {
    const today = utcDay(now);
    if (!dueToday(db(), REMINDER_JOB, today)) return;
    const result = queueReminders(db(), await listLicensure(), jobsOrigin(), await mailSender(), now);
    const swept = sweepEmailTokens(db(), now);
    recordRun(db(), REMINDER_JOB, today, { ...result, sweptTokens: swept }, now);
    logEvent('info', 'jobs.daily', { day: today, ...result, sweptTokens: swept });
    if (result.queued > 0) wakeSender();
  } catch (error) {
    logError('jobs.daily-failed', error);
  } finally {
    dailyRunning = false;
  }
}
