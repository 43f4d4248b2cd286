import type { APIRoute } from 'astro';
import { evaluationFormOf } from '~/lib/content/evaluations';
import { csvResponse, toCsv } from '~/lib/server/csv';
import { db } from '~/lib/server/db';
import { reportCourse } from '~/lib/server/report-access';
import { evaluationRows, parseRange } from '~/lib/server/reports';

/** One row per evaluation, one column per item; anonymous (no names). */
export const GET: APIRoute = async (context) => {
  const course = await reportCourse(context);
  if (course instanceof Response) return course;
  const form = await evaluationFormOf(course);
  if (!form) return new Response('This course has no evaluation.', { status: 404 });
  const range = parseRange(context.url.searchParams, context.locals.user?.timeZone);
  const rows = evaluationRows(db(), course.id, range).map((a) => form.items.map((i) => (typeof a[i.id] === 'boolean' ? (a[i.id] ? 'yes' : 'no') : (a[i.id] ?? ''))));
  return csvResponse(`evaluations-${course.id}-${range.fromIso}-${range.toIso}.csv`, toCsv(form.items.map((i) => i.id), rows));
};
