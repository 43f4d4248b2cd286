/**
 * The one home for showing dates and times to a person: in their time zone (the profile's
 * `timeZone`, filled at sign-up from the browser), always with the zone named, so "opens at 8:37 AM"
 * is never read in the wrong zone. Without a zone (signed out, or an old account) times are UTC.
 * Calendar days that are not instants (a certificate's completion date, an outside course's date,
 * a license cycle's end) are not converted: see `formatCalendarDay`. `localDay` turns an instant into
 * the calendar day it falls on for a person, e.g. the completion date written on a certificate.
 */

/** The zones offered when the browser does not say: the US zones first, then UTC. */
export const TIME_ZONE_CHOICES: ReadonlyArray<{ id: string; label: string }> = [
  { id: 'America/New_York', label: 'Eastern time (New York)' },
  { id: 'America/Chicago', label: 'Central time (Chicago)' },
  { id: 'America/Denver', label: 'Mountain time (Denver)' },
  { id: 'America/Phoenix', label: 'Mountain time without daylight saving (Phoenix)' },
  { id: 'America/Los_Angeles', label: 'Pacific time (Los Angeles)' },
  { id: 'America/Anchorage', label: 'Alaska time (Anchorage)' },
  { id: 'Pacific/Honolulu', label: 'Hawaii time (Honolulu)' },
  { id: 'America/Puerto_Rico', label: 'Atlantic time (Puerto Rico)' },
  { id: 'UTC', label: 'Coordinated Universal Time (UTC)' },
];

let ianaZones: Set<string> | undefined;

/**
 * True for an IANA time zone name (America/Chicago, or UTC): the runtime's list of zones, matched
 * through Intl's canonical name, so a browser's older alias (Asia/Calcutta for Asia/Kolkata, or
 * US/Pacific) passes, and fixed offsets or made-up names (Etc/GMT+5, Mars/Olympus_Mons) do not.
 */
export function isTimeZone(zone: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]{1,63}$/.test(zone)) return false;
  try {
    const canonical = new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
    ianaZones ??= new Set(Intl.supportedValuesOf('timeZone'));
    return canonical === 'UTC' || ianaZones.has(canonical);
  } catch {
    return false;
  }
}

const zoneOf = (zone: string | null | undefined) => (zone && isTimeZone(zone) ? zone : 'UTC');

/** "Nov 29, 2026, 8:37 AM CST": an instant in the reader's zone, the zone named. */
export function formatWhen(ms: number, zone?: string | null): string {
  return new Date(ms).toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone: zoneOf(zone) }) + ' ' + zoneName(ms, zone);
}

/** "8:37 AM CST": the time of day of an instant in the reader's zone, the zone named. */
export function formatTime(ms: number, zone?: string | null): string {
  return new Date(ms).toLocaleTimeString('en-US', { timeStyle: 'short', timeZone: zoneOf(zone) }) + ' ' + zoneName(ms, zone);
}

/** "Nov 29, 2026": the day an instant falls on in the reader's zone. */
export function formatDay(ms: number, zone?: string | null): string {
  return new Date(ms).toLocaleDateString('en-US', { dateStyle: 'medium', timeZone: zoneOf(zone) });
}

/** The zone's short name at that instant (CST or CDT, UTC, GMT+1 where there is no abbreviation). */
export function zoneName(ms: number, zone?: string | null): string {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: zoneOf(zone), timeZoneName: 'short' }).formatToParts(new Date(ms));
  return parts.find((p) => p.type === 'timeZoneName')?.value ?? zoneOf(zone);
}

/** "2026-02-28": the calendar day an instant falls on in the person's zone (UTC without one). */
export function localDay(ms: number, zone?: string | null): string {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: zoneOf(zone), year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(new Date(ms));
  const part = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** How far the zone's wall clock is ahead of UTC at an instant, in ms (-8 h for Los Angeles in winter). */
function offsetAt(ms: number, zone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' }).formatToParts(new Date(ms));
  const n = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  // setUTCFullYear, not Date.UTC, which reads the years 0 to 99 as 1900 to 1999.
  const wall = new Date(0);
  wall.setUTCFullYear(n('year'), n('month') - 1, n('day'));
  wall.setUTCHours(n('hour'), n('minute'), n('second'), 0);
  return wall.getTime() - (ms - (((ms % 1000) + 1000) % 1000));
}

/**
 * The instant a calendar day (2026-03-08) begins in the person's zone (UTC without one): the
 * inverse of `localDay`. The offset is read twice, so a day on which daylight saving time starts
 * or ends gets the offset in force at its own midnight.
 */
export function dayStart(iso: string, zone?: string | null): number {
  const midnight = Date.parse(`${iso}T00:00:00Z`);
  const z = zoneOf(zone);
  if (z === 'UTC') return midnight;
  return midnight - offsetAt(midnight - offsetAt(midnight, z), z);
}

/**
 * "Feb 28, 2026" (or "February 28, 2026" long): a calendar day such as 2026-02-28, shown as the day
 * it names whoever reads it. It is not an instant, so it is never shifted into a zone.
 */
export function formatCalendarDay(iso: string, style: 'medium' | 'long' = 'medium'): string {
  return new Date(`${iso}T12:00:00Z`).toLocaleDateString('en-US', { dateStyle: style, timeZone: 'UTC' });
}
