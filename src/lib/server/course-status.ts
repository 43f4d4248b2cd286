/**
 * Where a learner stands in a course, gathered once for the course page, the evaluation page and
 * the certificate: each completion step, engaged time, and the certificate issued the moment the
 * credit rule (domain/credit.ts, through lib/server/credit.ts) allows it. The provider is read in
 * lib/content/provider.ts; the verification address is built in certificates.ts.
 */
import { clock } from '../shared/clock';
import type { Course } from '../content/courses';
import { getCourse, instructorsOf, lessonSlug, lessonsOf, listCourses } from '../content/courses';
import { courseEstimate } from '../content/estimates';
import { getScenario } from '../content/simulations';
import { completionSteps, isComplete, nextStep, type CompletionInput, type NextStepId } from '../domain/completion';
import { mailSender, provider } from '../content/provider';
import { participantOf } from '../shared/certificate';
import type { SessionUser } from './session';
import { liveCertificate, type Certificate } from './certificates';
import { certify, creditStanding, type CreditCourse } from './credit';
import { db } from './db';
import { courseProgress, type CourseProgress } from './progress';
import { enqueueMail } from './mail/outbox';
import { certificateMail } from './mail/messages';
import { wakeSender } from './jobs';
import { formatCode } from '../domain/certificate-code';
import type { NextLink, StepView } from '../shared/simulation-view';

/**
 * The completion steps' input. `progress`: the learner's progress when the caller has read it
 * already (a lesson page reads it once for its progress bar, sidebar and next step).
 */
export async function completionInput(course: Course, userId: number, progress = courseProgress(db(), userId, course.id)): Promise<CompletionInput> {
  const lessons = await lessonsOf(course.id);
  return {
    lessons: { total: lessons.length, done: lessons.filter((l) => !!progress.lessons.get(lessonSlug(l))).length },
    simulations: await Promise.all(
      course.data.simulations.map(async (id) => ({ id, title: (await getScenario(id))?.scenario.title ?? id, passed: progress.passedScenarios.has(id) })),
    ),
    quiz: { required: !!course.data.quiz, passed: !!course.data.quiz && progress.quizPassed },
    evaluation: { required: !!course.data.evaluation, submitted: !!course.data.evaluation && progress.evaluated },
  };
}

/** The course facts the credit rule reads, from the content. */
export async function creditCourse(course: Course): Promise<CreditCourse> {
  const d = course.data;
  return {
    id: course.id,
    title: d.title,
    ceHours: d.ceHours,
    format: d.format,
    agd: d.agd,
    fields: { credit: d.credit, authors: d.authors, reviewers: d.reviewers, reviewedOn: d.reviewedOn },
    parts: await courseEstimate(course),
    scenarios: d.simulations,
  };
}

/** The completion steps and the live certificate: all the next step needs (no engaged time). */
export async function courseSteps(course: Course, userId: number, progress?: CourseProgress) {
  const input = await completionInput(course, userId, progress);
  return { input, steps: completionSteps(input), complete: isComplete(input), certificate: liveCertificate(db(), userId, course.id) };
}

export async function courseStatus(course: Course, userId: number, progress?: CourseProgress) {
  const s = await courseSteps(course, userId, progress);
  return { ...s, credit: creditStanding(db(), userId, await creditCourse(course), s.complete, await provider()) };
}

export type CourseStanding = Awaited<ReturnType<typeof courseStatus>>;

/** Where each completion step is played. */
export function stepHref(courseId: string, id: NextStepId, certificateCode?: string): string {
  if (id === 'quiz') return `/courses/${courseId}/test`;
  if (id === 'evaluation') return `/courses/${courseId}/evaluation`;
  if (id.startsWith('simulation:')) return `/simulations/${id.slice('simulation:'.length)}`;
  if (id === 'certificate' && certificateCode) return `/me/certificates/${certificateCode}`;
  return `/courses/${courseId}`;
}

/**
 * After a case: the course's next required step, only when the run has just reached a passed
 * ending (the decide action sends it to the player; the page shows it on a reload or without
 * JavaScript). Null otherwise.
 */
export async function nextAfterCase(step: StepView | null, courseId: string, userId: number): Promise<NextLink | null> {
  if (step?.type !== 'end' || !step.result.passed) return null;
  const course = await getCourse(courseId);
  const next = course ? await nextStepLink(course, userId) : null;
  return next && { label: next.label, href: next.href };
}

/**
 * The one next required step as a link (see `nextStep`): the next unfinished lesson, the case, the
 * post-test, the evaluation or the certificate. Null when the certificate is held back.
 */
export async function nextStepLink(
  course: Course,
  userId: number,
  standing?: Pick<CourseStanding, 'steps' | 'certificate'>,
  progress = courseProgress(db(), userId, course.id),
): Promise<{ id: NextStepId; label: string; href: string } | null> {
  // Without the page's standing, only the steps are read: the engaged time is not needed here.
  const s = standing ?? (await courseSteps(course, userId, progress));
  const status = progress.lessons;
  const step = nextStep(s.steps, { lessonsStarted: status.size > 0, certificate: !!s.certificate });
  if (!step) return null;
  if (step.id === 'lessons') {
    const lessons = await lessonsOf(course.id);
    const next = lessons.find((l) => !status.get(lessonSlug(l))) ?? lessons[0];
    return { ...step, href: next ? `/courses/${course.id}/${lessonSlug(next)}` : `/courses/${course.id}` };
  }
  return { ...step, href: stepHref(course.id, step.id, s.certificate?.code) };
}

/** Everything but the evaluation is done: the evaluation form may be filled in. */
export function readyForEvaluation(input: CompletionInput): boolean {
  return isComplete({ ...input, evaluation: { required: false, submitted: false } });
}

/**
 * Issues the certificate when the credit rule allows it (idempotent; returns the live one if the
 * learner holds one). Admins' reissues go through certificates.ts directly: they override the rule.
 */
export async function certifyIfComplete(course: Course, user: SessionUser, verifyBase: string, now = clock.now()): Promise<Certificate | null> {
  const existing = liveCertificate(db(), user.id, course.id);
  if (existing) return existing;
  const instructors = await instructorsOf(course);
  const sender = await mailSender();
  let issued = false;
  const certificate = certify(db(), {
    userId: user.id,
    participant: participantOf(user),
    course: await creditCourse(course),
    complete: isComplete(await completionInput(course, user.id)),
    provider: await provider(),
    instructors: instructors.map((i) => `${i.data.name}, ${i.data.credentials}`),
    verifyBase,
    timeZone: user.timeZone,
    now,
    // The receipt is queued in the issuing transaction: one email per certificate, never lost.
    onIssued: (tx, c) => {
      issued = true;
      const mail = certificateMail(
        sender,
        { name: user.fullName, course: c.snapshot.course.title, hours: c.snapshot.course.ceHours, code: formatCode(c.code), verifyUrl: c.snapshot.verifyUrl, certificateUrl: `${verifyBase.replace(/\/$/, '')}/me/certificates/${c.code}` },
      );
      enqueueMail(tx, { key: `certificate:${c.id}`, kind: 'certificate', to: user.email, ...mail }, now);
    },
  });
  if (issued) wakeSender();
  return certificate;
}

/**
 * Issues every certificate the learner has earned but not received, e.g. the ones held while their
 * address was unconfirmed. Returns the newly issued ones.
 */
export async function certifyAllComplete(user: SessionUser, base: string): Promise<Certificate[]> {
  const issued: Certificate[] = [];
  for (const course of await listCourses()) {
    if (liveCertificate(db(), user.id, course.id)) continue;
    const certificate = await certifyIfComplete(course, user, base);
    if (certificate) issued.push(certificate);
  }
  return issued;
}
