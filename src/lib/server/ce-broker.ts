/**
 * The Florida completions of a course in a date range, for the CE Broker roster
 * (src/lib/domain/ce-broker.ts builds the file). A completion is Florida's when the certificate
 * names a Florida license or, failing that, the learner's profile does; samples and revoked
 * certificates never reach a board.
 */
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { certificates, users } from '../../../db/schema';
import { certificateSnapshotSchema } from '~/lib/shared/certificate';
import type { z } from 'zod';
import { brokerRoster, type BrokerCompletion, type BrokerRoster } from '~/lib/domain/ce-broker';
import { ceBrokerQuerySchema } from '~/lib/shared/schemas/forms';

export function floridaCompletions(db: Db, q: { course: string; from: string; to: string; licenceType?: string }): BrokerCompletion[] {
  const rows = db
    .select({ id: certificates.id, snapshot: certificates.snapshot, profileState: users.licenceState, profileNumber: users.licenceNumber, licenceType: users.licenceType, profession: users.profession })
    .from(certificates)
    .innerJoin(users, eq(users.id, certificates.userId))
    .where(and(eq(certificates.course, q.course), isNull(certificates.revokedAt), eq(certificates.sample, false)))
    .all();
  const out: BrokerCompletion[] = [];
  for (const row of rows) {
    const snap = certificateSnapshotSchema.safeParse(row.snapshot);
    if (!snap.success) continue;
    const p = snap.data.participant;
    const state = p.licenceState ?? row.profileState;
    if (state !== 'FL' || snap.data.completedOn < q.from || snap.data.completedOn > q.to) continue;
    if (q.licenceType && (row.licenceType ?? row.profession) !== q.licenceType) continue;
    out.push({ certificateId: row.id, fullName: p.fullName, course: snap.data.course.title, completedOn: snap.data.completedOn, licenceNumber: p.licenceNumber ?? row.profileNumber });
  }
  return out;
}

export type RosterRequest =
  | { ok: false; errors: Record<string, string>; submitted: boolean }
  | { ok: true; query: z.infer<typeof ceBrokerQuerySchema>; completions: BrokerCompletion[]; roster: BrokerRoster };

/** Reads the page's (or the CSV's) query string, checks it, and builds the roster. */
export function rosterRequest(db: Db, params: URLSearchParams): RosterRequest {
  if (!params.has('course')) return { ok: false, errors: {}, submitted: false };
  const parsed = ceBrokerQuerySchema.safeParse(Object.fromEntries(params));
  if (!parsed.success) {
    const errors: Record<string, string> = {};
    for (const issue of parsed.error.issues) errors[String(issue.path[0] ?? 'form')] ??= issue.message;
    return { ok: false, errors, submitted: true };
  }
  const q = parsed.data;
  const completions = floridaCompletions(db, { course: q.course, from: q.from, to: q.to, ...(q.licenceType ? { licenceType: q.licenceType } : {}) });
  const roster = brokerRoster(completions, { providerNumber: q.provider, courseTracking: q.tracking ?? '', courseId: q.course, professionCode: q.profession });
  return { ok: true, query: q, completions, roster };
}
