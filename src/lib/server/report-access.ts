/** Report pages and downloads: the course, if this instructor teaches it (admins: any). */
import type { APIContext, AstroGlobal } from 'astro';
import { getCourse, type Course } from '../content/courses';
import { teaches } from '../content/teaching';
import { requireRole } from './auth';

export async function reportCourse(ctx: AstroGlobal | APIContext): Promise<Course | Response> {
  const gate = await requireRole(ctx, 'instructor');
  if (gate instanceof Response) return gate;
  const course = await getCourse(ctx.params.course ?? '');
  if (!course) return ctx.rewrite('/404');
  if (!(await teaches(gate, course.id))) return ctx.rewrite('/403');
  return course;
}
