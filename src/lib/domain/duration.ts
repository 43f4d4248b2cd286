/**
 * Reads a length of time as people write it into a form: "150", "150 min", "2 hours", "2h 30m",
 * "1.5 hours", "2 hours and 30 minutes", "2:30". A bare number is minutes. Returns whole minutes
 * (rounded), or null when the text is not a duration, so the form can say so instead of treating
 * "2 hours" as a missing answer.
 */
const UNIT = /^(h|hr|hrs|hour|hours|m|min|mins|minute|minutes)$/;

export function parseDuration(text: string): number | null {
  const s = text.trim().toLowerCase().replace(/,/g, '.').replace(/\band\b/g, ' ');
  if (s === '') return null;
  const clock = /^(\d{1,3}):([0-5]\d)$/.exec(s);
  if (clock) return Number(clock[1]) * 60 + Number(clock[2]);
  if (/^\d+(\.\d+)?$/.test(s)) return Math.round(Number(s));
  // Number-unit pairs, e.g. "2 h 30 min", "2hours30minutes"; each unit at most once, hours first.
  const parts = [...s.matchAll(/(\d+(?:\.\d+)?)\s*([a-z]+)/g)];
  if (parts.length === 0 || parts.length > 2 || parts.map((p) => p[0]).join('').replace(/\s/g, '') !== s.replace(/\s/g, '')) return null;
  let total = 0;
  const seen: string[] = [];
  for (const [, n, unit] of parts) {
    if (!UNIT.test(unit!)) return null;
    const kind = unit!.startsWith('h') ? 'h' : 'm';
    if (seen.includes(kind) || (kind === 'h' && seen.includes('m'))) return null;
    seen.push(kind);
    total += Number(n) * (kind === 'h' ? 60 : 1);
  }
  return Math.round(total);
}
