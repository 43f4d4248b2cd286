/**
 * The daily license-cycle reminder job: finds members whose tracker shows something missing 90 or
 * 30 days before their cycle ends and queues one email per member, cycle and threshold. Run by the
 * server once a day (jobs.ts); its last run is stored, so a restart neither skips nor repeats a day.
 */
import { clock } from '../shared/clock';
import { and, eq, gt, isNotNull, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { jobRuns, mailOutbox, users } from '../../../db/schema';
import type { Licensure } from '../shared/schemas/licensure';
import { missingItems, planReminders, type ReminderCandidate } from '../domain/reminders';
import { writeAudit } from './audit';
import { createEmailToken } from './email-tokens';
import { reminderMail, type Sender } from './mail/messages';
import { enqueueMail } from './mail/outbox';
import { trackerView } from './tracker';
import { formatCalendarDay, localDay } from '../shared/dates';

export const REMINDER_JOB = 'licence-reminders';

/** The UTC calendar day of an instant. */
export const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Whether the job still has to run today (it has not run on or after `today`). */
export function dueToday(db: Db, name: string, today: string): boolean {
  const row = db.select().from(jobRuns).where(eq(jobRuns.name, name)).get();
  return !row || row.lastRunOn < today;
}

/** Records today's run once it has finished. */
export function recordRun(db: Db, name: string, today: string, detail: unknown, now = clock.now()): void {
  db.insert(jobRuns)
    .values({ name, lastRunOn: today, lastRunAt: now, detail })
    .onConflictDoUpdate({ target: jobRuns.name, set: { lastRunOn: today, lastRunAt: now, detail: sql`excluded.detail` } })
    .run();
}

/**
 * Queues today's reminders. Members are club members with a license state and type on file,
 * reminders on and a confirmed address, whose tracker can place their cycle: an expiry date is
 * needed only where the state's rule needs it (Florida's fixed 28 February does not). `considered`
 * counts those members. Safe to run twice: each message has its own key.
 */
export function queueReminders(db: Db, states: Licensure[], base: string, sender: Sender, now = clock.now()): { considered: number; queued: number } {
  const members = db
    .select()
    .from(users)
    .where(and(gt(users.memberUntil, now), isNotNull(users.licenceState), isNotNull(users.licenceType), eq(users.remindersOff, false), isNotNull(users.emailVerifiedAt)))
    .all();
  const candidates: ReminderCandidate[] = [];
  for (const member of members) {
    // Days are counted in the member's own calendar, as their tracker page counts them: at 7 PM on
    // 2 November in California it is already 3 November in UTC, one day fewer to the cycle's end.
    const today = localDay(now, member.timeZone);
    const view = trackerView(db, member, states, today);
    if (view.kind === 'report') candidates.push({ userId: member.id, cycleEnd: view.report.cycle.end, missing: missingItems(view.report), today });
  }
  let queued = 0;
  const root = base.replace(/\/$/, '');
  for (const r of planReminders(utcDay(now), candidates)) {
    if (db.select({ id: mailOutbox.id }).from(mailOutbox).where(eq(mailOutbox.key, r.key)).get()) continue;
    const member = members.find((m) => m.id === r.userId)!;
    db.transaction((tx) => {
      const { token } = createEmailToken(tx, member.id, 'unsubscribe', now);
      const unsubscribeUrl = `${root}/unsubscribe?token=${token}`;
      const mail = reminderMail(sender, { name: member.fullName, daysLeft: r.daysLeft, cycleEnd: formatCalendarDay(r.cycleEnd, 'long'), missing: r.missing, trackerUrl: `${root}/me/ce`, unsubscribeUrl });
      // RFC 8058 one-click unsubscribe: mail programs show an Unsubscribe button that POSTs here.
      const headers = { 'List-Unsubscribe': `<${unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' };
      if (enqueueMail(tx, { key: r.key, kind: 'reminder', to: member.email, headers, ...mail }, now)) queued++;
    });
  }
  return { considered: candidates.length, queued };
}

/** Turns license-cycle reminders off (unsubscribe link, one-click, or the profile) or on (profile). */
export function setReminders(db: Db, userId: number, on: boolean, how: 'profile' | 'link' | 'one-click', now = clock.now()): void {
  db.transaction((tx) => {
    tx.update(users).set({ remindersOff: !on, updatedAt: now }).where(eq(users.id, userId)).run();
    writeAudit(tx, { actorId: userId, action: on ? 'user.reminders-on' : 'user.reminders-off', subject: `user:${userId}`, detail: { how } }, now);
  });
}
