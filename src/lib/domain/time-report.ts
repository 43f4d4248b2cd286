/**
 * "Time and credit": built-in pilot testing. For the learners who earned a certificate, the median
 * and interquartile range of engaged minutes per part and in total, beside the claimed hours and
 * the content estimate. Pure: the server passes each learner's measured times.
 */
import { engagedParts, engagedTotal, type PartTime } from './engagement';
import type { CoursePart } from './hours-estimate';

/** Flag a course whose certified learners' median total is below this share of the claimed time. */
export const MEDIAN_FLAG_SHARE = 0.75;

/** The p-th quantile (0..1) with linear interpolation between order statistics (R's type 7). */
export function quantile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (h - lo);
}

export interface TimeRow {
  kind: CoursePart['kind'] | 'total';
  id: string;
  title: string;
  estimateMinutes: number;
  median: number | null;
  q1: number | null;
  q3: number | null;
}

export interface TimeReport {
  learners: number;
  claimedMinutes: number;
  estimateMinutes: number;
  rows: TimeRow[];
  /** The median total is below 75 % of the claimed time: the hours may be inflated. */
  flagged: boolean;
}

const round1 = (n: number | null) => (n === null ? null : Math.round(n * 10) / 10);

export function timeReport(parts: CoursePart[], ceHours: number, learners: PartTime[][]): TimeReport {
  const perLearner = learners.map((measured) => engagedParts(parts, measured));
  const row = (kind: TimeRow['kind'], id: string, title: string, estimateMinutes: number, values: number[]): TimeRow => {
    const s = [...values].sort((a, b) => a - b);
    return { kind, id, title, estimateMinutes: round1(estimateMinutes)!, median: round1(quantile(s, 0.5)), q1: round1(quantile(s, 0.25)), q3: round1(quantile(s, 0.75)) };
  };
  const rows = parts.map((p, i) => row(p.kind, p.id, p.title, p.minutes, perLearner.map((l) => l[i]!.minutes)));
  const estimateMinutes = parts.reduce((s, p) => s + p.minutes, 0);
  const total = row('total', 'total', 'Whole course', estimateMinutes, perLearner.map(engagedTotal));
  const claimedMinutes = Math.round(ceHours * 60);
  return {
    learners: learners.length,
    claimedMinutes,
    estimateMinutes: round1(estimateMinutes)!,
    rows: [...rows, total],
    flagged: total.median !== null && total.median < MEDIAN_FLAG_SHARE * claimedMinutes,
  };
}
