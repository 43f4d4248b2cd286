/**
 * License-cycle reminders, as pure functions: which member gets which reminder on which day.
 *
 * A member with a license state, type and expiry on file, reminders on and a confirmed address gets
 * a reminder 90 days and 30 days before their cycle ends, when their tracker shows hours or required
 * topics still missing. Each threshold is sent once per cycle (the outbox key names member, cycle
 * end and threshold). A day the job did not run is caught up the next day it runs; a member who is
 * already inside 30 days when first seen gets only the 30-day reminder, never both at once.
 */
import type { CycleReport, IsoDate } from './ce-cycle';

export const THRESHOLDS = [90, 30] as const;
export type Threshold = (typeof THRESHOLDS)[number];

const DAY = 86_400_000;
const utc = (d: IsoDate) => Date.parse(`${d}T00:00:00Z`);

/** Whole days from `today` to `end` (0 on the last day of the cycle). */
export function daysUntil(today: IsoDate, end: IsoDate): number {
  return Math.round((utc(end) - utc(today)) / DAY);
}

/** The reminder due on `today` for a cycle ending on `end`, if any: 30 within 30 days, else 90 within 90. */
export function thresholdFor(today: IsoDate, end: IsoDate): Threshold | null {
  const days = daysUntil(today, end);
  if (days < 0) return null;
  if (days <= 30) return 30;
  if (days <= 90) return 90;
  return null;
}

/** What the tracker shows as still missing, in sentences for the email. Empty when the cycle is covered. */
export function missingItems(report: Pick<CycleReport, 'remainingCenti' | 'mandatory'>): string[] {
  const items: string[] = [];
  if (report.remainingCenti > 0) items.push(`${hoursText(report.remainingCenti)} more CE hour${report.remainingCenti === 100 ? '' : 's'}`);
  for (const t of report.mandatory) if (t.status === 'missing') items.push(`${t.label}: ${t.detail}`);
  return items;
}

function hoursText(centi: number): string {
  return (centi / 100).toFixed(2).replace(/\.?0+$/, '');
}

export interface ReminderCandidate {
  userId: number;
  cycleEnd: IsoDate;
  missing: string[];
  /** The member's own calendar day (their time zone), when it differs from the job's `today`. */
  today?: IsoDate;
}

export interface PlannedReminder {
  userId: number;
  threshold: Threshold;
  daysLeft: number;
  cycleEnd: IsoDate;
  missing: string[];
  /** The outbox idempotency key: one message per member, cycle and threshold, ever. */
  key: string;
}

/** The reminders to queue on `today`; members with nothing missing get none. */
export function planReminders(today: IsoDate, candidates: readonly ReminderCandidate[]): PlannedReminder[] {
  const planned: PlannedReminder[] = [];
  for (const c of candidates) {
    if (c.missing.length === 0) continue;
    const day = c.today ?? today;
    const threshold = thresholdFor(day, c.cycleEnd);
    if (threshold === null) continue;
    planned.push({ userId: c.userId, threshold, daysLeft: daysUntil(day, c.cycleEnd), cycleEnd: c.cycleEnd, missing: c.missing, key: `reminder:${c.userId}:${c.cycleEnd}:${threshold}` });
  }
  return planned;
}
