/**
 * Every CE record of a learner, built once for the transcript (page, CSV, PDF) and the license
 * tracker, so their totals cannot disagree: this platform's valid certificates (never samples), one
 * line per AGD subject code so totals by code add up exactly, and the outside CE the learner recorded.
 */
import type { Db } from '../../../db/client';
import type { CeRecord } from '~/lib/domain/ce-cycle';
import type { TranscriptRecord } from '~/lib/shared/certificate';
import { CE_FORMATS, PROVIDER_APPROVALS, providerApprovals, type CeFormat } from '~/lib/shared/schemas/licensure';
import { certificatesOf } from './certificates';
import { externalOf } from './external-ce';

export type CeLine = TranscriptRecord & CeRecord & { id: string };

const only = <T extends string>(allowed: readonly T[], values: readonly string[]): T[] => values.filter((v): v is T => (allowed as readonly string[]).includes(v));

export function ceLines(db: Db, userId: number): CeLine[] {
  const platform: CeLine[] = certificatesOf(db, userId)
    .filter((c) => c.revokedAt === null && !c.sample)
    .flatMap((c) =>
      c.snapshot.course.agd.map((a, i) => ({
        id: `cert-${c.id}-${i}`,
        date: c.snapshot.completedOn,
        provider: c.snapshot.provider.name,
        title: c.snapshot.course.title,
        hoursCenti: Math.round(a.hours * 100),
        agdCode: a.code,
        verificationCode: c.code,
        // Every course on this platform is self-instruction online.
        selfStudy: true,
        format: 'self-study' as const,
        // The approvals the provider held when the certificate was issued, as its snapshot records them.
        approvals: providerApprovals(c.snapshot.provider),
        source: 'platform' as const,
      })),
    );
  const outside: CeLine[] = externalOf(db, userId).map((e) => {
    const format: CeFormat = (CE_FORMATS as readonly string[]).includes(e.format) ? (e.format as CeFormat) : 'live';
    return {
      id: `ext-${e.id}`,
      date: e.completedOn,
      provider: e.provider,
      title: e.title,
      hoursCenti: e.hoursCenti,
      agdCode: e.agdCode ?? '',
      selfStudy: format === 'self-study',
      format,
      topics: e.topics,
      approvals: only(PROVIDER_APPROVALS, e.approvals),
      source: 'external' as const,
    };
  });
  return [...platform, ...outside];
}
