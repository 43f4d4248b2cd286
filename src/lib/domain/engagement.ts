/**
 * Engaged time, measured on the server from stored timestamps (never from the browser). Each part
 * counts at most three times its content estimate, so a tab left open overnight adds nothing.
 */
import { formatTime } from '../shared/dates';
import { formatMinutes } from '../shared/hours';
import type { CoursePart } from './hours-estimate';

/** A part counts at most this many times its estimate. */
export const ENGAGED_CAP_FACTOR = 3;

export interface PartTime {
  kind: CoursePart['kind'];
  id: string;
  /** Raw measured milliseconds (already summed over attempts or runs). */
  ms: number;
}

export interface EngagedPart {
  kind: CoursePart['kind'];
  id: string;
  title: string;
  estimateMinutes: number;
  minutes: number;
}

/** Each estimated part with the learner's capped engaged minutes (0 when nothing was measured). */
export function engagedParts(parts: CoursePart[], measured: PartTime[]): EngagedPart[] {
  return parts.map((p) => {
    const ms = measured.filter((m) => m.kind === p.kind && m.id === p.id).reduce((s, m) => s + Math.max(0, m.ms), 0);
    return { kind: p.kind, id: p.id, title: p.title, estimateMinutes: p.minutes, minutes: Math.min(ms / 60_000, p.minutes * ENGAGED_CAP_FACTOR) };
  });
}

export function engagedTotal(parts: EngagedPart[]): number {
  return parts.reduce((s, p) => s + p.minutes, 0);
}

/** Engaged minutes needed before a certificate: a share of the course's CE hours. */
export function requiredCourseMinutes(ceHours: number, share: number): number {
  return ceHours * 60 * share;
}

/** The earliest moment a lesson may be marked complete: a share of its estimate after it was first served. */
export function earliestLessonCompletion(firstServedAt: number, estimateMinutes: number, share: number): number {
  return firstServedAt + Math.ceil(estimateMinutes * share * 60_000);
}

/** Says how long the lesson takes and when it can be completed (in the learner's zone, and the minutes left). */
export function tooEarlyMessage(minutes: number, share: number, earliestAt: number | null, now: number, zone?: string | null): string {
  const about = `This lesson takes about ${formatMinutes(minutes)} to read`;
  if (earliestAt === null) return `${about}. Open it and read it before you mark it complete.`;
  const left = Math.max(1, Math.ceil((earliestAt - now) / 60_000));
  const at = formatTime(earliestAt, zone);
  return `${about}, so it can be marked complete once ${Math.round(share * 100)} % of that time has passed since you opened it: at ${at}, in ${left} minute${left === 1 ? '' : 's'}.`;
}
