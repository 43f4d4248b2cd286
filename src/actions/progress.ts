import { ActionError, defineAction } from 'astro:actions';
import { lessonFormSchema } from '../lib/shared/schemas/forms';
import { getCourse, lessonSlug, lessonsOf } from '../lib/content/courses';
import { actionLesson, actionUser } from '../lib/server/action-access';
import { db } from '../lib/server/db';
import { completeLesson } from '../lib/server/progress';
import { lessonMinutes } from '../lib/content/estimates';
import { nextStepLink } from '../lib/server/course-status';
import { provider } from '../lib/content/provider';
import { clock } from '../lib/shared/clock';
import { tooEarlyMessage } from '../lib/domain/engagement';


export const progress = {
  /** Marks a lesson complete and says where to go next: the next lesson, or the next required step. */
  completeLesson: defineAction({
    accept: 'form',
    input: lessonFormSchema,
    handler: async ({ course: courseId, lesson }, context) => {
      const user = actionUser(context);
      const course = actionLesson(await getCourse(courseId), user, { notFound: 'That course does not exist.', membersOnly: 'The lessons of this course are for club members.' });
      const lessons = await lessonsOf(course.id);
      const index = lessons.findIndex((l) => lessonSlug(l) === lesson);
      if (index < 0) throw new ActionError({ code: 'NOT_FOUND', message: 'That lesson is not part of this course.' });
      const minutes = await lessonMinutes(course, lesson);
      const share = (await provider()).minimumTime.lessonShare;
      const done = completeLesson(db(), user.id, course.id, lesson, Math.ceil(minutes * share * 60_000));
      if (!done.ok) throw new ActionError({ code: 'CONFLICT', message: tooEarlyMessage(minutes, share, done.reason === 'too-early' ? done.earliestAt : null, clock.now(), user.timeZone) });
      const next = lessons[index + 1];
      if (next) return { next: `/courses/${course.id}/${lessonSlug(next)}` };
      // After the last lesson: straight on to the next required step (a skipped lesson, the case,
      // the post-test, the evaluation or the certificate), else the course page.
      return { next: (await nextStepLink(course, user.id))?.href ?? `/courses/${course.id}` };
    },
  }),
};
