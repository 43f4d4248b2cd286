import type { APIRoute } from 'astro';
import { timeAndCredit } from '~/lib/server/course-report';
import { csvResponse, toCsv } from '~/lib/server/csv';
import { reportCourse } from '~/lib/server/report-access';
import { parseRange } from '~/lib/server/reports';

/** The "Time and credit" figures as CSV: the evidence a provider files to support its CE hours. */
export const GET: APIRoute = async (context) => {
  const course = await reportCourse(context);
  if (course instanceof Response) return course;
  const range = parseRange(context.url.searchParams, context.locals.user?.timeZone);
  const r = await timeAndCredit(course, range);
  const rows = r.rows.map((x) => [x.kind, x.id, x.title, x.estimateMinutes, x.median ?? '', x.q1 ?? '', x.q3 ?? '', r.learners, r.claimedMinutes, r.flagged ? 'yes' : 'no']);
  return csvResponse(
    `time-${course.id}-${range.fromIso}-${range.toIso}.csv`,
    toCsv(['kind', 'part', 'title', 'estimate_minutes', 'median_minutes', 'q1_minutes', 'q3_minutes', 'certified_learners', 'claimed_minutes', 'median_below_75_percent'], rows),
  );
};
