/**
 * Content check: a course's CE hours must be supported by the time its content takes (the estimate
 * in domain/hours-estimate.ts) or by pilot data, within 15 %. Practice courses (credit: false)
 * claim no credit and drafts are still being written: neither is checked. Listed in checks/index.ts.
 */
import { estimateCourse, judgeHours, HOURS_TOLERANCE, type CoursePart } from '~/lib/domain/hours-estimate';
import type { ContentTree } from '~/lib/content/reader';

/** Every part of one course of the tree, estimated. */
export function treeCourseParts(tree: ContentTree, courseId: string): CoursePart[] {
  const course = tree.courses.find((c) => c.id === courseId);
  if (!course) return [];
  const quiz = course.data.quiz ? tree.quizzes.find((q) => q.id === course.data.quiz)?.data : undefined;
  return estimateCourse({
    lessons: tree.lessons
      .filter((l) => l.course === courseId)
      .sort((a, b) => a.data.order - b.data.order)
      .map((l) => ({ slug: l.slug, title: l.data.title, body: l.body })),
    cases: course.data.simulations.flatMap((sid) =>
      tree.simulations.filter((s) => s.id === sid).map((s) => ({ id: s.id, scenario: s.data, bestPath: s.analysis.bestPath, bestChoices: s.analysis.bestChoices })),
    ),
    ...(quiz ? { postTest: { questionsPerAttempt: quiz.settings.questionsPerAttempt, questionTypes: quiz.questions.map((q) => q.type) } } : {}),
    evaluation: !!course.data.evaluation,
  });
}

const m = (minutes: number) => Math.round(minutes);

export function checkHours(tree: ContentTree): string[] {
  const errors: string[] = [];
  for (const course of tree.courses) {
    // Drafts are checked when published, so an author can write a course a lesson at a time.
    if (!course.data.credit || !course.data.published) continue;
    const parts = treeCourseParts(tree, course.id);
    if (!parts.some((p) => p.kind === 'lesson')) continue;
    const verdict = judgeHours(course.data.ceHours, parts, course.data.hoursBasis === 'pilot' || course.data.pilot ? course.data.pilot : undefined);
    if (!verdict.ok) {
      const each = parts.map((p) => `${p.kind} "${p.id}" ${m(p.minutes)} min`).join(', ');
      const pilot = course.data.pilot ? `; the pilot's median of ${course.data.pilot.medianMinutes} min does not support it either` : '';
      errors.push(
        `${course.file}: ceHours: course "${course.id}" claims ${course.data.ceHours} h (${verdict.claimedMinutes} min) but its content is estimated at ${m(verdict.estimatedMinutes)} min, more than ${Math.round(HOURS_TOLERANCE * 100)} % short${pilot}. Parts: ${each}. Lower ceHours, or record pilot data (see docs/authoring.md).`,
      );
    } else if (course.data.hoursBasis === 'pilot' && course.data.pilot && verdict.claimedMinutes > course.data.pilot.medianMinutes * (1 + HOURS_TOLERANCE)) {
      errors.push(`${course.file}: pilot: hoursBasis is pilot, but the pilot's median of ${course.data.pilot.medianMinutes} min does not support ${verdict.claimedMinutes} min`);
    }
  }
  return errors;
}
