/**
 * The one rule that decides whether a course is complete: every lesson complete, every required
 * simulation passed, the post-test passed, the course evaluation submitted, and the learner's email
 * address confirmed. Steps a course does not have (no quiz, no simulation) do not block completion.
 */
export interface CompletionInput {
  lessons: { total: number; done: number };
  simulations: Array<{ id: string; title: string; passed: boolean }>;
  quiz: { required: boolean; passed: boolean };
  evaluation: { required: boolean; submitted: boolean };
  /**
   * Whether the learner confirmed their email address. A certificate is issued only to a proven
   * address; until then the course can be followed to the end and the certificate waits.
   * Left out, the address is not considered (callers that only ask about the learning steps).
   */
  emailVerified?: boolean;
}

export type StepId = 'lessons' | `simulation:${string}` | 'quiz' | 'evaluation' | 'email';
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
  // Shown only while it is missing: a confirmed address is not a course step worth listing.
  if (input.emailVerified === false) steps.push({ id: 'email', label: 'Confirm your email address (the certificate is issued once you do)', done: false });
  return steps;
}

export function isComplete(input: CompletionInput): boolean {
  return completionSteps(input).every((s) => s.done);
}
