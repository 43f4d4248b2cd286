/**
 * Report pages and downloads: which courses an account teaches, and the course of a report URL
 * when its reader teaches it. The teaching rule itself is `teaches` in ./access.
 */
import type { APIContext, AstroGlobal } from 'astro';
import { getCourse, instructorProfiles, listCourses, type Course } from '../content/courses';
import { forbidden, requireRole, teaches } from './access';

export async function coursesTaughtBy(user: { email: string; role: string }): Promise<Course[]> {
  const profiles = await instructorProfiles();
  return (await listCourses({ includeDrafts: true })).filter((c) => teaches(user, c, profiles));
}

export async function reportCourse(ctx: AstroGlobal | APIContext): Promise<Course | Response> {
  const gate = await requireRole(ctx, 'instructor');
  if (gate instanceof Response) return gate;
  const course = await getCourse(ctx.params.course ?? '');
  if (!course) return ctx.rewrite('/404');
  if (!teaches(gate, course, await instructorProfiles())) return forbidden(ctx);
  return course;
}
