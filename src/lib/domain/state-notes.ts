/**
 * The acceptance notes a course page shows a learner whose profile is in a given state: the same
 * rules the tracker counts with (content/licensure/<state>.yaml), so a board's limit lives in one
 * place. A category cap speaks to a course whose AGD subject code it covers; a category minimum
 * speaks to a course that does not count toward it (every AGD code of the course is excluded).
 */
import type { LicenceType, Licensure } from '../shared/schemas/licensure';

export type StateNote = { state: string; text: string; source: string };

export function stateNotesFor(licensure: Licensure, licenceType: LicenceType, courseAgdCodes: readonly string[]): StateNote[] {
  const rules = licensure.licenceTypes[licenceType];
  if (!rules || courseAgdCodes.length === 0) return [];
  const notes: StateNote[] = [];
  for (const cap of rules.categoryCaps)
    if (cap.courseNote && courseAgdCodes.some((code) => cap.agdCodes.includes(code)))
      notes.push({ state: licensure.name, text: cap.courseNote, source: cap.source });
  for (const min of rules.categoryMinimums)
    if (min.courseNote && courseAgdCodes.every((code) => min.excludeAgdCodes.includes(code)))
      notes.push({ state: licensure.name, text: min.courseNote, source: min.source });
  return notes;
}
