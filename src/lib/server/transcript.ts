/** A learner's transcript: the CE list built once (ce-records.ts), with totals. */
import type { Db } from '../../../db/client';
import { participantOf, type Transcript, type TranscriptRecord } from '~/lib/shared/certificate';
import { clock } from '~/lib/shared/clock';
import { localDay } from '~/lib/shared/dates';
import { totalsByAgdCode, totalsByYear } from '~/lib/domain/ce-cycle';
import { ceLines } from './ce-records';
import type { SessionUser } from './session';

export function transcriptRecords(db: Db, userId: number): TranscriptRecord[] {
  return ceLines(db, userId)
    .map(({ date, provider, title, hoursCenti, agdCode, verificationCode }) => ({ date, provider, title, hoursCenti, agdCode, ...(verificationCode ? { verificationCode } : {}) }))
    .sort((a, b) => a.date.localeCompare(b.date) || a.title.localeCompare(b.title));
}

export function transcriptOf(db: Db, user: SessionUser, now = clock.now()): Transcript & { byAgd: ReturnType<typeof totalsByAgdCode>; byYear: ReturnType<typeof totalsByYear>; totalCenti: number } {
  const records = transcriptRecords(db, user.id);
  return {
    participant: participantOf(user),
    // The learner's own today: a transcript printed at 7 PM in Los Angeles is not dated tomorrow.
    generatedOn: localDay(now, user.timeZone),
    records,
    byAgd: totalsByAgdCode(records.map((r) => ({ agdCode: r.agdCode || 'none', hoursCenti: r.hoursCenti }))),
    byYear: totalsByYear(records),
    totalCenti: records.reduce((s, r) => s + r.hoursCenti, 0),
  };
}
