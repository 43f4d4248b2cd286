import { ActionError, defineAction } from 'astro:actions';
import { courseFormSchema } from '../lib/shared/schemas/forms';
import { getCourse, lessonSlug, lessonsOf } from '../lib/content/courses';
import { quizOf } from '../lib/content/quizzes';
import { actionLesson, actionUser } from '../lib/server/action-access';
import { db } from '../lib/server/db';
import { lessonStatus } from '../lib/server/progress';
import type { SessionUser } from '../lib/server/session';
import { loadAttempt, saveDraft, startAttempt, submitAttempt } from '../lib/server/attempts';


async function courseAndBank(id: string, user: SessionUser) {
  const course = actionLesson(await getCourse(id), user, { notFound: 'That course does not exist.', membersOnly: 'The post-test of this course is for club members.' });
  const bank = await quizOf(course);
  if (!bank) throw new ActionError({ code: 'NOT_FOUND', message: 'This course has no post-test.' });
  return { course, bank };
}

/** The learner's own attempt named by the form, if they may still take its course's post-test. */
async function postedAttempt(form: FormData, user: SessionUser) {
  const attemptId = Number(form.get('attempt'));
  if (!Number.isSafeInteger(attemptId) || attemptId <= 0) throw new ActionError({ code: 'BAD_REQUEST', message: 'The form has no valid attempt number. Reload the post-test page.' });
  // The attempt decides the course (and its frozen pass mark), never a field of the form.
  const attempt = loadAttempt(db(), user.id, attemptId);
  if (!attempt) throw new ActionError({ code: 'NOT_FOUND', message: 'That post-test attempt does not exist.' });
  await courseAndBank(attempt.course, user);
  return attempt;
}

export const quiz = {
  start: defineAction({
    accept: 'form',
    input: courseFormSchema,
    handler: async ({ course: id }, context) => {
      const user = actionUser(context);
      const { course, bank } = await courseAndBank(id, user);
      const lessons = await lessonsOf(course.id);
      const status = lessonStatus(db(), user.id, course.id);
      const lessonsComplete = lessons.every((l) => !!status.get(lessonSlug(l)));
      const result = startAttempt(db(), { userId: user.id, course: course.id, bank, lessonsComplete });
      if (!result.ok) throw new ActionError({ code: result.decision.reason === 'cooldown' ? 'TOO_MANY_REQUESTS' : 'FORBIDDEN', message: result.decision.message });
      return { url: `/courses/${course.id}/test/${result.attemptId}` };
    },
  }),

  /**
   * Keeps the answers given so far: the page posts the form here as the learner answers (with
   * JavaScript), or through "Save and finish later" (without). Nothing is scored.
   */
  save: defineAction({
    accept: 'form',
    handler: async (form, context) => {
      const user = actionUser(context);
      const attempt = await postedAttempt(form, user);
      const result = saveDraft(db(), { userId: user.id, attemptId: attempt.id, form });
      if (!result.ok) throw new ActionError({ code: result.status === 404 ? 'NOT_FOUND' : result.status === 409 ? 'CONFLICT' : 'BAD_REQUEST', message: result.message });
      return { saved: result.saved };
    },
  }),

  /** The whole form is the input: its fields depend on the attempt, so parseSubmission checks them. */
  submit: defineAction({
    accept: 'form',
    handler: async (form, context) => {
      const user = actionUser(context);
      const attempt = await postedAttempt(form, user);
      const result = submitAttempt(db(), { userId: user.id, attemptId: attempt.id, form, attempt });
      if (!result.ok) throw new ActionError({ code: result.status === 404 ? 'NOT_FOUND' : 'BAD_REQUEST', message: result.message });
      return { url: `/courses/${attempt.course}/test/${attempt.id}` };
    },
  }),
};
