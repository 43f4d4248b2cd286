/**
 * The one rule that decides whether a course is complete: every lesson complete, every required
 * simulation passed, the post-test passed, and the course evaluation submitted. Steps a course
 * does not have (no quiz, no simulation) do not block completion.
 */
export interface CompletionInput {
  lessons: { total: number; done: number };
  simulations: Array<{ id: string; title: string; passed: boolean }>;
  quiz: { required: boolean; passed: boolean };
  evaluation: { required: boolean; submitted: boolean };
}

export type StepId = 'lessons' | `simulation:${string}` | 'quiz' | 'evaluation';
export interface Step {
  id: StepId;
  label: string;
  done: boolean;
  detail?: string;
}

export function completionSteps(input: CompletionInput): Step[] {
  const steps: Step[] = [
    {
      id: 'lessons',
      label: 'Read every lesson',
      done: input.lessons.total > 0 && input.lessons.done >= input.lessons.total,
      detail: `${Math.min(input.lessons.done, input.lessons.total)} of ${input.lessons.total} lessons complete`,
    },
  ];
  for (const sim of input.simulations) {
    steps.push({ id: `simulation:${sim.id}`, label: `Pass the case simulation “${sim.title}”`, done: sim.passed });
  }
  if (input.quiz.required) steps.push({ id: 'quiz', label: 'Pass the post-test', done: input.quiz.passed });
  if (input.evaluation.required) steps.push({ id: 'evaluation', label: 'Submit the course evaluation', done: input.evaluation.submitted });
  return steps;
}

export function isComplete(input: CompletionInput): boolean {
  return completionSteps(input).every((s) => s.done);
}
