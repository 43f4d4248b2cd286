/**
 * The content estimate of a course's parts at run time (the same estimator the content check
 * runs at build): it caps engaged time and sets the minimum time before a lesson can be completed.
 * Computed once per course per process.
 */
import { estimateCourse, type CoursePart } from '../domain/hours-estimate';
import { analyzeScenarioCached } from '../domain/simulation/graph';
import { lessonSlug, lessonsOf, type Course } from './courses';
import { quizOf } from './quizzes';
import { getScenario } from './simulations';

const cache = new Map<string, Promise<CoursePart[]>>();

export function courseEstimate(course: Course): Promise<CoursePart[]> {
  let hit = import.meta.env.DEV ? undefined : cache.get(course.id);
  if (!hit) {
    hit = load(course);
    if (!import.meta.env.DEV) cache.set(course.id, hit);
  }
  return hit;
}

async function load(course: Course): Promise<CoursePart[]> {
  const lessons = await lessonsOf(course.id);
  const cases = [];
  for (const id of course.data.simulations) {
    const found = await getScenario(id);
    const analysis = found && analyzeScenarioCached(id, found.scenario);
    if (found && analysis?.ok) cases.push({ id, scenario: found.scenario, bestPath: analysis.bestPath, bestChoices: analysis.bestChoices });
  }
  const bank = await quizOf(course);
  return estimateCourse({
    lessons: lessons.map((l) => ({ slug: lessonSlug(l), title: l.data.title, body: l.body ?? '' })),
    cases,
    ...(bank ? { postTest: { questionsPerAttempt: bank.settings.questionsPerAttempt, questionTypes: bank.questions.map((q) => q.type) } } : {}),
    evaluation: !!course.data.evaluation,
  });
}

/** Estimated minutes of one lesson (0 when unknown). */
export async function lessonMinutes(course: Course, slug: string): Promise<number> {
  return (await courseEstimate(course)).find((p) => p.kind === 'lesson' && p.id === slug)?.minutes ?? 0;
}
