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

/** Where a learner goes next: a required step, or the certificate once every step is done. */
export type NextStepId = StepId | 'certificate';
export interface NextStep {
  id: NextStepId;
  label: string;
}

/**
 * The one next required step, which the course page, the end of a lesson and each result page
 * offer as their main button: the first step not done, in the order of `completionSteps`; the
 * certificate when every step is done and it is issued; null when it is held back (e.g. until the
 * learner confirms their email address), which the course page explains.
 */
export function nextStep(steps: Step[], opts: { lessonsStarted: boolean; certificate: boolean }): NextStep | null {
  const todo = steps.find((s) => !s.done);
  if (!todo) return opts.certificate ? { id: 'certificate', label: 'See your certificate' } : null;
  if (todo.id === 'lessons') return { id: 'lessons', label: opts.lessonsStarted ? 'Resume' : 'Start the course' };
  if (todo.id === 'quiz') return { id: 'quiz', label: 'Take the post-test' };
  if (todo.id === 'evaluation') return { id: 'evaluation', label: 'Fill in the course evaluation' };
  return { id: todo.id, label: todo.label.replace(/^Pass the case simulation/, 'Play the case') };
}
