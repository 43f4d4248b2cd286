import { ActionError, defineAction } from 'astro:actions';
import { getCourse } from '../lib/content/courses';
import { evaluationFormOf } from '../lib/content/evaluations';
import { actionLesson, actionUser } from '../lib/server/action-access';
import { certifyIfComplete, completionInput, readyForEvaluation } from '../lib/server/course-status';
import { verifyBase } from '../lib/server/certificates';
import { db } from '../lib/server/db';
import { hasEvaluated, parseEvaluation, submitEvaluation } from '../lib/server/evaluations';

export const evaluation = {
  /** Stores the course evaluation and, as it is the last step, issues the certificate. */
  submit: defineAction({
    accept: 'form',
    handler: async (form, context) => {
      const user = actionUser(context);
      const course = actionLesson(await getCourse(String(form.get('course') ?? '')), user, { notFound: 'That course has no evaluation.', membersOnly: 'This course is for club members.' });
      const evaluationForm = course.data.evaluation ? await evaluationFormOf(course) : null;
      if (!evaluationForm) throw new ActionError({ code: 'NOT_FOUND', message: 'That course has no evaluation.' });
      if (!hasEvaluated(db(), user.id, course.id)) {
        if (!readyForEvaluation(await completionInput(course, user.id))) {
          throw new ActionError({ code: 'FORBIDDEN', message: 'Finish the lessons, the case simulations and the post-test before the evaluation.' });
        }
        const parsed = parseEvaluation(evaluationForm, form);
        if (!parsed.ok) {
          const n = Object.keys(parsed.errors).length;
          throw new ActionError({ code: 'BAD_REQUEST', message: `Please check your answers: ${n} ${n === 1 ? 'needs' : 'need'} attention (see the message${n === 1 ? '' : 's'} next to ${n === 1 ? 'it' : 'them'}).` });
        }
        submitEvaluation(db(), user.id, course.id, parsed.answers, parsed.minutes);
      }
      const certificate = await certifyIfComplete(course, user, verifyBase(context.url));
      return { url: certificate ? `/me/certificates/${certificate.code}` : `/courses/${course.id}` };
    },
  }),
};
