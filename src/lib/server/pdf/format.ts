/** How the PDFs print dates and hours. */

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** '2026-03-14' -> 'March 14, 2026'. */
export function longDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  const month = m ? MONTHS[Number(m[2]) - 1] : undefined;
  if (!m || !month) throw new RangeError(`a date like 2026-03-14 is needed, not "${iso}"`);
  return `${month} ${Number(m[3])}, ${m[1]}`;
}

/** Hours with at least one decimal: 2 -> "2.0", 1.5 -> "1.5", 1.25 -> "1.25". */
export function certificateHours(hours: number): string {
  const fixed = (Math.round(hours * 100) / 100).toFixed(2);
  return fixed.endsWith('0') ? fixed.slice(0, -1) : fixed;
}

/** Hundredths as hours with two decimals, for aligned table columns: 150 -> "1.50". */
export function centiHours(centi: number): string {
  return `${Math.floor(centi / 100)}.${String(centi % 100).padStart(2, '0')}`;
}
