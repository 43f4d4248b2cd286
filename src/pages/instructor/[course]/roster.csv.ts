import type { APIRoute } from 'astro';
import { csvResponse, toCsv } from '~/lib/server/csv';
import { db } from '~/lib/server/db';
import { reportCourse } from '~/lib/server/report-access';
import { parseRange, roster } from '~/lib/server/reports';
import { formatCode } from '~/lib/domain/certificate-code';
import { professionLabel } from '~/lib/shared/certificate';

export const GET: APIRoute = async (context) => {
  const course = await reportCourse(context);
  if (course instanceof Response) return course;
  const range = parseRange(context.url.searchParams, context.locals.user?.timeZone);
  const rows = roster(db(), course.id, range).map(({ code, email, snapshot: s }) => [
    s.participant.fullName,
    email,
    professionLabel(s.participant.profession),
    s.participant.licenceState ?? '',
    s.participant.licenceNumber ?? '',
    s.participant.agdId ?? '',
    s.completedOn,
    s.course.ceHours,
    s.course.agd.map((a) => `${a.code}:${a.hours}`).join(' '),
    formatCode(code),
  ]);
  return csvResponse(`roster-${course.id}-${range.fromIso}-${range.toIso}.csv`, toCsv(['participant', 'email', 'profession', 'licence_state', 'licence_number', 'agd_id', 'completed_on', 'ce_hours', 'agd_codes', 'certificate_code'], rows));
};
