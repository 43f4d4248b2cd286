import { describe, expect, it } from 'vitest';
import { completionSteps, isComplete, type CompletionInput } from '../../src/lib/domain/completion';

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
