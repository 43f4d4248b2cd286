/** The evaluation form of a course as its learners answer it (objective items expanded). */
import { getEntry } from 'astro:content';
import type { EvaluationData, EvaluationForm } from '../shared/schemas/course';
import { expandEvaluation } from '../domain/evaluation-form';
import type { Course } from './courses';

export async function evaluationFormOf(course: Course): Promise<EvaluationForm | undefined> {
  if (!course.data.evaluation) return undefined;
  const entry = await getEntry('evaluations', course.data.evaluation);
  return entry ? expandEvaluation(entry.data as EvaluationData, course.data.objectives) : undefined;
}
