/** CE hours must be backed by time: the lessons, the required simulations and the post-test. */
import type { ContentTree } from '../reader';

export function checkHoursBackedByTime(tree: ContentTree): string[] {
  const errors: string[] = [];
  const simulationMinutes = new Map(tree.simulations.map((s) => [s.id, s.data.minutes]));
  const quizMinutes = new Map(tree.quizzes.map((q) => [q.id, q.data.settings.expectedMinutes]));
  for (const course of tree.courses) {
    const lessons = tree.lessons.filter((l) => l.course === course.id);
    if (lessons.length === 0) continue;
    const c = course.data;
    const minutes =
      lessons.reduce((s, l) => s + l.data.minutes, 0) +
      c.simulations.reduce((s, sid) => s + (simulationMinutes.get(sid) ?? 0), 0) +
      (c.quiz ? (quizMinutes.get(c.quiz) ?? 0) : 0);
    if (minutes < c.ceHours * 60) {
      errors.push(`${course.file}: ceHours: ${c.ceHours} h needs at least ${c.ceHours * 60} minutes of learning, but lessons, required simulations and the post-test add up to ${minutes}`);
    }
  }
  return errors;
}
