import { describe, expect, it } from 'vitest';
import { dayStart, formatCalendarDay, formatDay, formatTime, formatWhen, isTimeZone, localDay } from '~/lib/shared/dates';

// 2026-11-29 14:37 UTC: 8:37 AM in Chicago (CST, UTC-6), 6:37 AM in Los Angeles (PST, UTC-8).
const at = Date.UTC(2026, 10, 29, 14, 37);
// 2026-07-01 03:15 UTC: still June 30 in New York (EDT, UTC-4), 11:15 PM.
const summer = Date.UTC(2026, 6, 1, 3, 15);

describe('dates and times in the reader’s zone, with the zone named', () => {
  it('shows an instant in the profile’s zone', () => {
    expect(formatWhen(at, 'America/Chicago')).toBe('Nov 29, 2026, 8:37 AM CST');
    expect(formatTime(at, 'America/Los_Angeles')).toBe('6:37 AM PST');
    expect(formatWhen(summer, 'America/New_York')).toBe('Jun 30, 2026, 11:15 PM EDT');
    expect(formatDay(summer, 'America/New_York')).toBe('Jun 30, 2026');
  });

  it('falls back to UTC, named, without a zone or with one the runtime does not know', () => {
    expect(formatWhen(at, null)).toBe('Nov 29, 2026, 2:37 PM UTC');
    expect(formatTime(at, 'Mars/Olympus_Mons')).toBe('2:37 PM UTC');
    expect(formatDay(summer)).toBe('Jul 1, 2026');
  });

  it('knows real zone names only', () => {
    expect(isTimeZone('America/Chicago')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isTimeZone('<script>')).toBe(false);
    // Checked against the IANA list: older names a browser may send pass, fixed offsets do not.
    expect(isTimeZone('Asia/Kolkata')).toBe(true);
    expect(isTimeZone('Asia/Calcutta')).toBe(true);
    expect(isTimeZone('US/Pacific')).toBe(true);
    expect(isTimeZone('Etc/GMT+5')).toBe(false);
    expect(isTimeZone('America/Atlantis')).toBe(false);
  });

  it('gives the calendar day an instant falls on for the person', () => {
    // 2026-03-01 03:00 UTC is 7:00 PM on Feb 28 in Los Angeles (PST, UTC-8).
    const evening = Date.UTC(2026, 2, 1, 3, 0);
    expect(localDay(evening, 'America/Los_Angeles')).toBe('2026-02-28');
    expect(localDay(evening, null)).toBe('2026-03-01');
    // 2026-12-31 23:30 UTC is already Jan 1 in Tokyo (UTC+9).
    expect(localDay(Date.UTC(2026, 11, 31, 23, 30), 'Asia/Tokyo')).toBe('2027-01-01');
  });

  it("gives the instant a calendar day begins in the person's zone, daylight saving days included", () => {
    expect(dayStart('2026-03-01', null)).toBe(Date.UTC(2026, 2, 1, 0, 0));
    expect(dayStart('2026-03-01', 'UTC')).toBe(Date.UTC(2026, 2, 1, 0, 0));
    // Los Angeles: PST (UTC-8) until 2 AM on Sunday 8 March 2026, PDT (UTC-7) until 2 AM on Sunday 1 November.
    expect(dayStart('2026-03-08', 'America/Los_Angeles')).toBe(Date.UTC(2026, 2, 8, 8, 0));
    expect(dayStart('2026-03-09', 'America/Los_Angeles')).toBe(Date.UTC(2026, 2, 9, 7, 0));
    expect(dayStart('2026-11-01', 'America/Los_Angeles')).toBe(Date.UTC(2026, 10, 1, 7, 0));
    expect(dayStart('2026-11-02', 'America/Los_Angeles')).toBe(Date.UTC(2026, 10, 2, 8, 0));
    // Tokyo (UTC+9, no daylight saving): New Year's Day begins at 15:00 UTC the day before.
    expect(dayStart('2027-01-01', 'Asia/Tokyo')).toBe(Date.UTC(2026, 11, 31, 15, 0));
    // Years 0 to 99 stay themselves (Date.UTC would read 50 as 1950): Los Angeles then kept its local
    // mean time, 7 h 52 min 58 s behind UTC.
    expect(dayStart('0050-06-01', 'America/Los_Angeles')).toBe(Date.parse('0050-06-01T07:52:58Z'));
    // Phoenix keeps UTC-7 all year.
    expect(dayStart('2026-07-04', 'America/Phoenix')).toBe(Date.UTC(2026, 6, 4, 7, 0));
    // The day localDay names for an instant begins at or before it, and the next day after it.
    const evening = Date.UTC(2026, 2, 1, 3, 0);
    expect(dayStart(localDay(evening, 'America/Los_Angeles'), 'America/Los_Angeles')).toBeLessThanOrEqual(evening);
    expect(dayStart('2026-03-01', 'America/Los_Angeles')).toBeGreaterThan(evening);
  });

  it('shows a calendar day as the day it names, never shifted into a zone', () => {
    expect(formatCalendarDay('2026-02-28')).toBe('Feb 28, 2026');
    expect(formatCalendarDay('2026-02-28', 'long')).toBe('February 28, 2026');
    expect(formatCalendarDay('2027-01-01', 'long')).toBe('January 1, 2027');
  });
});
