/** The license-cycle tracker for a member: the CE list built once (ce-records.ts) against their state's rules. */
import { licenceEntry, type HoursOnly, type Licensure, type LicenceType } from '~/lib/shared/schemas/licensure';
import { clock } from '~/lib/shared/clock';
import { localDay } from '~/lib/shared/dates';
import { CycleAnchorError, cycleReport, totalsByYear, type CycleReport } from '~/lib/domain/ce-cycle';
import type { Db } from '../../../db/client';
import { ceLines } from './ce-records';
import type { SessionUser } from './session';

export type TrackerView =
  | { kind: 'not-set' }
  | { kind: 'unknown-state'; state: string }
  | { kind: 'unknown-type'; state: Licensure; type: string }
  | { kind: 'needs'; state: Licensure; message: string }
  | { kind: 'hours-only'; state: Licensure; type: LicenceType; entry: HoursOnly; totalCenti: number; byYear: Array<{ year: number; hoursCenti: number }> }
  | { kind: 'report'; state: Licensure; type: LicenceType; label: string; report: CycleReport; notes?: string; sources: string[] };

/** `today`: the member's own calendar day (their profile's zone; UTC without one), from the one clock. */
export function trackerView(db: Db, user: SessionUser, states: Licensure[], today = localDay(clock.now(), user.timeZone)): TrackerView {
  if (!user.licenceState || !user.licenceType) return { kind: 'not-set' };
  const state = states.find((s) => s.state === user.licenceState);
  if (!state) return { kind: 'unknown-state', state: user.licenceState };
  const type = user.licenceType;
  const entry = licenceEntry(state, type);
  if (!entry) return { kind: 'unknown-type', state, type };
  const records = ceLines(db, user.id);
  if ('hoursOnly' in entry) {
    return { kind: 'hours-only', state, type, entry, totalCenti: records.reduce((s, r) => s + r.hoursCenti, 0), byYear: totalsByYear(records) };
  }
  try {
    const report = cycleReport({
      rules: entry,
      today,
      member: {
        ...(user.licenceExpiresOn ? { licenceExpiresOn: user.licenceExpiresOn } : {}),
        ...(user.birthMonth ? { birthMonth: user.birthMonth } : {}),
        ...(user.cycleHoursOverrideCenti !== null ? { hoursPerCycleCenti: user.cycleHoursOverrideCenti } : {}),
      },
      records,
    });
    const sources = [entry.hoursPerCycle.source, entry.cycle.source, entry.selfStudy?.source, entry.maxHoursPerDay?.source, ...entry.categoryCaps.map((c) => c.source), ...entry.categoryMinimums.map((m) => m.source), ...entry.mandatoryTopics.map((t) => t.source)].filter((s): s is string => !!s);
    return { kind: 'report', state, type, label: entry.label, report, ...(entry.notes ? { notes: entry.notes } : {}), sources: [...new Set(sources)] };
  } catch (error) {
    if (error instanceof CycleAnchorError) return { kind: 'needs', state, message: error.message };
    throw error;
  }
}
