import { describe, expect, it } from 'vitest';
import { completionSteps, isComplete, nextStep, type CompletionInput } from '~/lib/domain/completion';

const all: CompletionInput = {
  lessons: { total: 6, done: 6 },
  simulations: [{ id: 'upset-caller', title: 'The upset caller', passed: true }],
  quiz: { required: true, passed: true },
  evaluation: { required: true, submitted: true },
};

describe('completion rule', () => {
  it('is complete only when every step is done', () => {
    expect(isComplete(all)).toBe(true);
    expect(isComplete({ ...all, lessons: { total: 6, done: 5 } })).toBe(false);
    expect(isComplete({ ...all, simulations: [{ id: 'upset-caller', title: 'x', passed: false }] })).toBe(false);
    expect(isComplete({ ...all, quiz: { required: true, passed: false } })).toBe(false);
    expect(isComplete({ ...all, evaluation: { required: true, submitted: false } })).toBe(false);
  });

  it('lists the steps in order with the lessons count', () => {
    const steps = completionSteps({ ...all, lessons: { total: 6, done: 2 } });
    expect(steps.map((s) => s.id)).toEqual(['lessons', 'simulation:upset-caller', 'quiz', 'evaluation']);
    expect(steps[0]).toMatchObject({ done: false, detail: '2 of 6 lessons complete' });
  });

  it('skips steps a course does not have, but never counts a course without lessons as done', () => {
    const bare: CompletionInput = { lessons: { total: 3, done: 3 }, simulations: [], quiz: { required: false, passed: false }, evaluation: { required: false, submitted: false } };
    expect(completionSteps(bare)).toHaveLength(1);
    expect(isComplete(bare)).toBe(true);
    expect(isComplete({ ...bare, lessons: { total: 0, done: 0 } })).toBe(false);
  });
});

describe('the next required step', () => {
  const steps = (over: Partial<CompletionInput>) => completionSteps({ ...all, ...over });
  const none = { lessonsStarted: true, certificate: false };

  it('leads through the lessons, the case, the post-test and the evaluation, in that order', () => {
    expect(nextStep(steps({ lessons: { total: 6, done: 0 } }), { lessonsStarted: false, certificate: false })).toEqual({ id: 'lessons', label: 'Start the course' });
    expect(nextStep(steps({ lessons: { total: 6, done: 2 } }), none)).toEqual({ id: 'lessons', label: 'Resume' });
    const afterLessons = { simulations: [{ id: 'upset-caller', title: 'The upset caller', passed: false }], quiz: { required: true, passed: false } };
    expect(nextStep(steps(afterLessons), none)).toEqual({ id: 'simulation:upset-caller', label: 'Play the case “The upset caller”' });
    expect(nextStep(steps({ quiz: { required: true, passed: false }, evaluation: { required: true, submitted: false } }), none)).toEqual({ id: 'quiz', label: 'Take the post-test' });
    expect(nextStep(steps({ evaluation: { required: true, submitted: false } }), none)).toEqual({ id: 'evaluation', label: 'Fill in the course evaluation' });
  });

  it('ends at the certificate, or nowhere while the certificate is held back', () => {
    expect(nextStep(steps({}), { lessonsStarted: true, certificate: true })).toEqual({ id: 'certificate', label: 'See your certificate' });
    expect(nextStep(steps({}), none)).toBeNull();
  });
});
