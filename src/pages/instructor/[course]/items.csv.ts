import type { APIRoute } from 'astro';
import { csvResponse, toCsv } from '~/lib/server/csv';
import { reportCourse } from '~/lib/server/report-access';
import { parseRange } from '~/lib/server/reports';
import { itemReport } from '~/lib/server/course-report';
import { plainText } from '~/lib/shared/markdown';

export const GET: APIRoute = async (context) => {
  const course = await reportCourse(context);
  if (course instanceof Response) return course;
  const range = parseRange(context.url.searchParams, context.locals.user?.timeZone);
  const rows = (await itemReport(course, range)).map((r) => [r.questionId, r.objective, plainText(r.prompt), r.attempts, r.blank, r.difficulty?.toFixed(3) ?? '', r.discrimination?.toFixed(3) ?? '', plainText(r.mostChosenWrong), r.flags.join('; ')]);
  return csvResponse(`items-${course.id}-${range.fromIso}-${range.toIso}.csv`, toCsv(['question_id', 'objective', 'prompt', 'attempts', 'blank', 'difficulty', 'discrimination', 'most_chosen_wrong', 'flags'], rows));
};
