import { ActionError, defineAction } from 'astro:actions';
import { z } from 'zod';
import { str } from '../lib/shared/schemas/account';
import { getCourse, lessonSlug, lessonsOf } from '../lib/content/courses';
import { actionUser } from '../lib/server/auth';
import { lessonAccess } from '../lib/server/course-access';
import { db } from '../lib/server/db';
import { completeLesson } from '../lib/server/progress';
import { lessonMinutes } from '../lib/content/estimates';
import { provider } from '../lib/server/course-status';
import { clock } from '../lib/shared/clock';
import { tooEarlyMessage } from '../lib/domain/engagement';

const slug = str('That is not a lesson of this course.').regex(/^[a-z0-9-]{1,80}$/, 'That is not a lesson of this course.');

export const progress = {
  /** Marks a lesson complete and says where to go next: the next lesson, or back to the course. */
  completeLesson: defineAction({
    accept: 'form',
    input: z.object({ course: slug, lesson: slug }),
    handler: async ({ course: courseId, lesson }, context) => {
      const user = actionUser(context);
      const course = await getCourse(courseId);
      const access = lessonAccess(course, user);
      if (access === 'not-found' || !course) throw new ActionError({ code: 'NOT_FOUND', message: 'That course does not exist.' });
      if (access === 'members-only') throw new ActionError({ code: 'FORBIDDEN', message: 'The lessons of this course are for club members.' });
      const lessons = await lessonsOf(course.id);
      const index = lessons.findIndex((l) => lessonSlug(l) === lesson);
      if (index < 0) throw new ActionError({ code: 'NOT_FOUND', message: 'That lesson is not part of this course.' });
      const minutes = await lessonMinutes(course, lesson);
      const share = (await provider()).minimumTime.lessonShare;
      const done = completeLesson(db(), user.id, course.id, lesson, Math.ceil(minutes * share * 60_000));
      if (!done.ok) throw new ActionError({ code: 'CONFLICT', message: tooEarlyMessage(minutes, share, done.reason === 'too-early' ? done.earliestAt : null, clock.now()) });
      const next = lessons[index + 1];
      return { next: next ? `/courses/${course.id}/${lessonSlug(next)}` : `/courses/${course.id}` };
    },
  }),
};
