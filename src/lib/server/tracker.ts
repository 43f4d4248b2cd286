/** The licence-cycle tracker for a member: their CE records against their state's rules. */
import type { Licensure, LicenceType } from '../shared/schemas/licensure';
import { rulesFor } from '../shared/schemas/licensure';
import { CycleAnchorError, cycleReport, type CeRecord, type CycleReport } from '../domain/ce-cycle';
import { certificatesOf } from './certificates';
import { db } from './db';
import { externalOf } from './external-ce';
import type { SessionUser } from './session';

export type TrackerView =
  | { kind: 'not-set' }
  | { kind: 'unknown-state'; state: string }
  | { kind: 'unknown-type'; state: Licensure; type: string }
  | { kind: 'needs'; state: Licensure; message: string }
  | { kind: 'report'; state: Licensure; type: LicenceType; report: CycleReport; notes?: string; sources: string[] };

/** Every CE record of the member, as the cycle maths wants it. */
export function ceRecords(userId: number): CeRecord[] {
  const platform = certificatesOf(db(), userId)
    .filter((c) => c.revokedAt === null && !c.sample)
    .flatMap((c) => c.snapshot.course.agd.map((a, i) => ({ id: `cert-${c.id}-${i}`, date: c.snapshot.completedOn, hoursCenti: Math.round(a.hours * 100), agdCode: a.code, selfStudy: true, source: 'platform' as const })));
  const outside = externalOf(db(), userId).map((e) => ({ id: `ext-${e.id}`, date: e.completedOn, hoursCenti: e.hoursCenti, agdCode: e.agdCode ?? '', selfStudy: e.selfStudy, source: 'external' as const }));
  return [...platform, ...outside];
}

export function trackerView(user: SessionUser, states: Licensure[], today = new Date().toISOString().slice(0, 10)): TrackerView {
  if (!user.licenceState || !user.licenceType) return { kind: 'not-set' };
  const state = states.find((s) => s.state === user.licenceState);
  if (!state) return { kind: 'unknown-state', state: user.licenceState };
  const rules = rulesFor(state, user.licenceType as LicenceType);
  if (!rules) return { kind: 'unknown-type', state, type: user.licenceType };
  try {
    const report = cycleReport({
      rules,
      today,
      member: {
        ...(user.licenceExpiresOn ? { licenceExpiresOn: user.licenceExpiresOn } : {}),
        ...(user.birthMonth ? { birthMonth: user.birthMonth } : {}),
        ...(user.cycleHoursOverrideCenti !== null ? { hoursPerCycleCenti: user.cycleHoursOverrideCenti } : {}),
      },
      records: ceRecords(user.id),
    });
    const sources = [rules.hoursPerCycle.source, rules.cycle.source, rules.selfStudy?.source, rules.maxHoursPerDay?.source, ...rules.categoryCaps.map((c) => c.source), ...rules.categoryMinimums.map((m) => m.source), ...rules.mandatoryTopics.map((t) => t.source)].filter((s): s is string => !!s);
    return { kind: 'report', state, type: user.licenceType as LicenceType, report, ...(rules.notes ? { notes: rules.notes } : {}), sources: [...new Set(sources)] };
  } catch (error) {
    if (error instanceof CycleAnchorError) return { kind: 'needs', state, message: error.message };
    throw error;
  }
}
