import type { APIRoute } from 'astro';
import { requireUser } from '~/lib/server/access';
import { csvResponse, toCsv } from '~/lib/server/csv';
import { db } from '~/lib/server/db';
import { transcriptOf } from '~/lib/server/transcript';
import { formatHours as hours } from '~/lib/shared/hours';
import { formatCode } from '~/lib/domain/certificate-code';

export const GET: APIRoute = async (context) => {
  const user = await requireUser(context);
  if (user instanceof Response) return user;
  const t = transcriptOf(db(), user);
  const body = toCsv(
    ['date', 'provider', 'course', 'ce_hours', 'agd_code', 'verification_code'],
    t.records.map((r) => [r.date, r.provider, r.title, hours(r.hoursCenti), r.agdCode, r.verificationCode ? formatCode(r.verificationCode) : '']),
  );
  return csvResponse(`ce-transcript-${t.generatedOn}.csv`, body);
};
