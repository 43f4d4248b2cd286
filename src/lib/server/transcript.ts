/** A learner's transcript: this platform's valid certificates (never samples) plus their outside CE, with totals. */
import type { Db } from '../../../db/client';
import { participantOf, type Transcript, type TranscriptRecord } from '../shared/certificate';
import { totalsByAgdCode, totalsByYear } from '../domain/ce-cycle';
import { certificatesOf } from './certificates';
import { externalOf } from './external-ce';
import type { SessionUser } from './session';

export function transcriptRecords(db: Db, userId: number): TranscriptRecord[] {
  const platform: TranscriptRecord[] = certificatesOf(db, userId)
    .filter((c) => c.revokedAt === null && !c.sample)
    .flatMap((c) =>
      // One line per AGD subject code, so totals by code add up exactly.
      c.snapshot.course.agd.map((a) => ({
        date: c.snapshot.completedOn,
        provider: c.snapshot.provider.name,
        title: c.snapshot.course.title,
        hoursCenti: Math.round(a.hours * 100),
        agdCode: a.code,
        verificationCode: c.code,
      })),
    );
  const outside: TranscriptRecord[] = externalOf(db, userId).map((e) => ({
    date: e.completedOn,
    provider: e.provider,
    title: e.title,
    hoursCenti: e.hoursCenti,
    agdCode: e.agdCode ?? '',
  }));
  return [...platform, ...outside].sort((a, b) => a.date.localeCompare(b.date) || a.title.localeCompare(b.title));
}

export function transcriptOf(db: Db, user: SessionUser, today = new Date()): Transcript & { byAgd: ReturnType<typeof totalsByAgdCode>; byYear: ReturnType<typeof totalsByYear>; totalCenti: number } {
  const records = transcriptRecords(db, user.id);
  return {
    participant: participantOf(user),
    generatedOn: today.toISOString().slice(0, 10),
    records,
    byAgd: totalsByAgdCode(records.map((r) => ({ agdCode: r.agdCode || 'none', hoursCenti: r.hoursCenti }))),
    byYear: totalsByYear(records),
    totalCenti: records.reduce((s, r) => s + r.hoursCenti, 0),
  };
}
