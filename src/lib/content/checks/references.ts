/**
 * References between files: a course's instructors, evaluation form, question bank and required
 * simulations exist and point back at the course; lessons and simulations serve objectives the
 * course has; every objective is served; lesson orders are unique; licensure files match their
 * state. (In Astro 5 a collection's `reference()` only reshapes the id; it does not check that the
 * entry exists, so these rules live here, with messages that name the file and the field.)
 */
import { checkBankAgainstCourse } from '~/lib/shared/schemas/quiz';
import type { ContentTree } from '../reader';

export function checkReferences(tree: ContentTree): string[] {
  const errors: string[] = [];
  const instructors = new Set(tree.instructors.map((i) => i.id));
  const evaluations = new Set(tree.evaluations.map((e) => e.id));
  const quizzes = new Map(tree.quizzes.map((q) => [q.id, q]));
  const simulations = new Map(tree.simulations.map((s) => [s.id, s]));

  for (const course of tree.courses) {
    const c = course.data;
    c.instructors.forEach((id, i) => {
      if (!instructors.has(id)) errors.push(`${course.file}: instructors[${i}]: unknown instructor "${id}" (no content/instructors/${id}.yaml)`);
    });
    if (c.evaluation && !evaluations.has(c.evaluation)) errors.push(`${course.file}: evaluation: unknown evaluation form "${c.evaluation}" (no content/evaluations/${c.evaluation}.yaml)`);
    const quiz = c.quiz ? quizzes.get(c.quiz) : undefined;
    if (c.quiz && !quiz) errors.push(`${course.file}: quiz: unknown question bank "${c.quiz}" (no content/quizzes/${c.quiz}.yaml)`);
    if (quiz && quiz.data.course !== course.id) errors.push(`${quiz.file}: course: says "${quiz.data.course}", but course "${course.id}" uses this bank`);
    c.simulations.forEach((sid, i) => {
      const sim = simulations.get(sid);
      if (!sim) errors.push(`${course.file}: simulations[${i}]: unknown simulation "${sid}" (no content/simulations/${sid}.yaml)`);
      else if (sim.data.course !== course.id) errors.push(`${sim.file}: course: says "${sim.data.course}", but course "${course.id}" requires this simulation`);
    });

    const objectiveIds = new Set(c.objectives.map((o) => o.id));
    const lessons = tree.lessons.filter((l) => l.course === course.id);
    if (lessons.length === 0) errors.push(`${course.file}: (lessons): the course has no lessons in lessons/`);
    const orders = new Map<number, string>();
    const served = new Set<string>();
    for (const lesson of lessons) {
      const other = orders.get(lesson.data.order);
      if (other) errors.push(`${lesson.file}: order: ${lesson.data.order} is also the order of ${other}`);
      orders.set(lesson.data.order, lesson.file);
      lesson.data.objectives.forEach((oid, i) => {
        if (!objectiveIds.has(oid)) errors.push(`${lesson.file}: objectives[${i}]: "${oid}" is not an objective of course "${course.id}"`);
        served.add(oid);
      });
    }
    for (const o of c.objectives) {
      if (lessons.length && !served.has(o.id)) errors.push(`${course.file}: objectives: "${o.id}" is not served by any lesson (list it in a lesson's objectives)`);
    }
    if (quiz) errors.push(...checkBankAgainstCourse(quiz.data, [...objectiveIds]).map((m) => `${quiz.file}: ${m}`));
    for (const sid of c.simulations) {
      const sim = simulations.get(sid);
      sim?.data.objectives.forEach((oid, i) => {
        if (!objectiveIds.has(oid)) errors.push(`${sim.file}: objectives[${i}]: "${oid}" is not an objective of course "${course.id}"`);
      });
    }
  }
  for (const rules of tree.licensure) {
    if (rules.data.state.toLowerCase() !== rules.id) errors.push(`${rules.file}: state: says "${rules.data.state}", but the file is named ${rules.id}.yaml`);
  }
  return errors;
}
