/** How the PDFs print dates. Hours come from `~/lib/shared/hours` (`formatHours`), their one home. */

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** '2026-03-14' -> 'March 14, 2026'. */
export function longDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  const month = m ? MONTHS[Number(m[2]) - 1] : undefined;
  if (!m || !month) throw new RangeError(`a date like 2026-03-14 is needed, not "${iso}"`);
  return `${month} ${Number(m[3])}, ${m[1]}`;
}
