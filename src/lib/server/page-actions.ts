/**
 * The actions the lesson and case pages name on every request (to read a no-JavaScript form's result
 * and as the forms' `action`), taken once per process: each property read on Astro's `actions`
 * proxy builds a new function and its query string, which a signed-in lesson page did five times
 * per request.
 */
import { actions } from 'astro:actions';

export const completeLessonAction = actions.progress.completeLesson;
export const decideAction = actions.simulation.decide;
export const restartAction = actions.simulation.restart;
