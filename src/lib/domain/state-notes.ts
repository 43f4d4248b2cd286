/**
 * What a course page tells a signed-in learner about her own license, from the same rules the
 * tracker counts with (content/licensure/<state>.yaml), so a board's limit lives in one place:
 * - stateNotesFor: warnings. A category cap speaks to a course whose AGD subject code it covers; a
 *   category minimum speaks to a course that does not count toward it (every AGD code excluded).
 * - whatCountsFor: how the course's hours count toward her license: the self-study limit (every
 *   course here is self-study), the categories and minimums it falls in, and whether her state
 *   accepts this provider's approvals.
 */
import { formatHours } from '../shared/hours';
import { licenceEntry, type LicenceType, type Licensure, type ProviderApproval } from '../shared/schemas/licensure';

export type StateNote = { state: string; text: string; source: string };

export function stateNotesFor(licensure: Licensure, licenceType: LicenceType, courseAgdCodes: readonly string[]): StateNote[] {
  const entry = licenceEntry(licensure, licenceType);
  if (!entry || 'hoursOnly' in entry || courseAgdCodes.length === 0) return [];
  const notes: StateNote[] = [];
  for (const cap of entry.categoryCaps)
    if (cap.courseNote && courseAgdCodes.some((code) => cap.agdCodes.includes(code)))
      notes.push({ state: licensure.name, text: cap.courseNote, source: cap.source });
  for (const min of entry.categoryMinimums)
    if (min.courseNote && courseAgdCodes.every((code) => min.excludeAgdCodes.includes(code)))
      notes.push({ state: licensure.name, text: min.courseNote, source: min.source });
  return notes;
}

export interface CourseCredit {
  /** AGD subject codes with their hours, as course.yaml gives them. */
  agd: ReadonlyArray<{ code: string; hours: number }>;
  /** The approvals the provider really holds (placeholders are not approvals). */
  approvals: readonly ProviderApproval[];
}

export interface WhatCounts {
  /** "Texas, Dentist". */
  license: string;
  lines: Array<{ text: string; source?: string }>;
}

const APPROVAL_NAMES: Record<ProviderApproval, string> = { 'state-board': 'board-registered', 'ada-cerp': 'ADA CERP', 'agd-pace': 'AGD PACE', other: 'other' };
const h = (hours: number) => formatHours(Math.round(hours * 100));
const list = (items: string[]) => (items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`);

/** How a course's hours count toward one license; undefined when the state does not list the type. */
export function whatCountsFor(licensure: Licensure, licenceType: LicenceType, course: CourseCredit): WhatCounts | undefined {
  const entry = licenceEntry(licensure, licenceType);
  if (!entry) return undefined;
  const license = `${licensure.name}, ${entry.label}`;
  const total = course.agd.reduce((s, a) => s + a.hours, 0);
  if ('hoursOnly' in entry) {
    return { license, lines: [{ text: `${licensure.name} has no CE requirement we could confirm for your license, so the tracker records these ${h(total)} hours without a target.`, ...(entry.source ? { source: entry.source } : {}) }] };
  }
  const lines: WhatCounts['lines'] = [];
  const unit = licensure.creditName === 'units' ? 'units' : 'hours';
  const ss = entry.selfStudy;
  if (ss) {
    const limits = [ss.maxHours !== undefined ? `${h(ss.maxHours)} ${unit}` : null, ss.maxPercent !== undefined ? `${ss.maxPercent}% of the ${h(entry.hoursPerCycle.hours)} required` : null].filter((x): x is string => !!x);
    lines.push({ text: `This course is self-study. ${licensure.name} counts at most ${limits.join(' or ')} of self-study per cycle, so its ${h(total)} hours count only while you are under that limit.`, source: ss.source });
  } else {
    lines.push({ text: `This course is self-study; we found no ${licensure.name} limit on self-study for your license, so its ${h(total)} hours count toward your ${h(entry.hoursPerCycle.hours)} ${unit}.`, source: entry.hoursPerCycle.source });
  }
  for (const cap of entry.categoryCaps) {
    const inCap = course.agd.filter((a) => cap.agdCodes.includes(a.code));
    if (inCap.length === 0 || cap.courseNote) continue;
    const hours = inCap.reduce((s, a) => s + a.hours, 0);
    const counts = cap.maxHours === 0 || !cap.selfStudyAccepted || cap.inPersonOnly ? 'do not count' : `count within a limit of ${h(cap.maxHours)} ${unit} per cycle`;
    lines.push({ text: `${h(hours)} of its hours fall under "${cap.label}" and ${counts}.`, source: cap.source });
  }
  for (const min of entry.categoryMinimums) {
    const toward = course.agd.filter((a) => !min.excludeAgdCodes.includes(a.code));
    if (toward.length > 0) lines.push({ text: `${h(toward.reduce((s, a) => s + a.hours, 0))} of its hours count toward "${min.label}" (at least ${h(min.minHours)} ${unit}).`, source: min.source });
  }
  const accepted = licensure.acceptedApprovals;
  if (accepted) {
    const held = course.approvals.filter((a) => accepted.approvals.includes(a));
    const names = list(accepted.approvals.filter((a) => a !== 'other').map((a) => APPROVAL_NAMES[a]));
    lines.push({
      text: held.length > 0
        ? `${licensure.name} accepts courses from ${names} providers, and this provider is approved by ${list(held.map((a) => APPROVAL_NAMES[a]))}.`
        : `${licensure.name} accepts courses from ${names} providers; this provider's approval is not in place yet, so check with your board before you count these hours.`,
      source: accepted.source,
    });
  }
  const boardOnly = entry.mandatoryTopics.filter((t) => t.boardApprovedProviderOnly).map((t) => t.label);
  if (boardOnly.length > 0) lines.push({ text: `It does not meet ${list(boardOnly)}: those count only from a provider your board approved for them.` });
  return { license, lines };
}
