import { ActionError, defineAction } from 'astro:actions';
import { z } from 'zod';
import { str } from '../lib/shared/schemas/account';
import { getCourse, lessonSlug, lessonsOf } from '../lib/content/courses';
import { actionLesson, actionUser } from '../lib/server/action-access';
import { db } from '../lib/server/db';
import { completeLesson } from '../lib/server/progress';

const slug = str('That is not a lesson of this course.').regex(/^[a-z0-9-]{1,80}$/, 'That is not a lesson of this course.');

export const progress = {
  /** Marks a lesson complete and says where to go next: the next lesson, or back to the course. */
  completeLesson: defineAction({
    accept: 'form',
    input: z.object({ course: slug, lesson: slug }),
    handler: async ({ course: courseId, lesson }, context) => {
      const user = actionUser(context);
      const course = actionLesson(await getCourse(courseId), user, { notFound: 'That course does not exist.', membersOnly: 'The lessons of this course are for club members.' });
      const lessons = await lessonsOf(course.id);
      const index = lessons.findIndex((l) => lessonSlug(l) === lesson);
      if (index < 0) throw new ActionError({ code: 'NOT_FOUND', message: 'That lesson is not part of this course.' });
      completeLesson(db(), user.id, course.id, lesson);
      const next = lessons[index + 1];
      return { next: next ? `/courses/${course.id}/${lessonSlug(next)}` : `/courses/${course.id}` };
    },
  }),
};
