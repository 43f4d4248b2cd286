/**
 * CE hours as text, one home for every page, CSV and PDF. Hours are stored as integer hundredths
 * (`hoursCenti`), so formatting never meets a drifting float.
 *
 * - `short`:       the fewest digits: 150 -> "1.5", 200 -> "2", 25 -> "0.25", 0 -> "0"
 * - `certificate`: at least one decimal, as boards expect on a certificate: 200 -> "2.0", 125 -> "1.25"
 * - `column`:      always two decimals, for aligned table columns: 150 -> "1.50"
 */
export type HoursStyle = 'short' | 'certificate' | 'column';

export function formatHours(centi: number, style: HoursStyle = 'short'): string {
  const c = Math.round(centi);
  const sign = c < 0 ? '-' : '';
  const abs = Math.abs(c);
  const whole = Math.floor(abs / 100);
  const cents = String(abs % 100).padStart(2, '0');
  if (style === 'column') return `${sign}${whole}.${cents}`;
  if (style === 'certificate') return `${sign}${whole}.${cents.endsWith('0') ? cents[0] : cents}`;
  const trimmed = cents.replace(/0+$/, '');
  return `${sign}${whole}${trimmed ? `.${trimmed}` : ''}`;
}

/** Hours given as a number (a course's `ceHours`), rounded to hundredths first. */
export function formatHoursValue(hours: number, style: HoursStyle = 'short'): string {
  return formatHours(Math.round(hours * 100), style);
}

/** A reading time as people say it: whole minutes, at least one, "1 minute" but "2 minutes". */
export function formatMinutes(minutes: number): string {
  const n = Math.max(1, Math.round(minutes));
  return `${n} ${n === 1 ? 'minute' : 'minutes'}`;
}
