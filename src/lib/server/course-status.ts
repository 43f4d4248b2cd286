/**
 * Where a learner stands in a course, gathered once for the course page, the evaluation page and
 * the certificate: each completion step, and the certificate issued the moment the last one is done.
 */
import { clock } from '../shared/clock';
import { getEntry } from 'astro:content';
import type { Course } from '../content/courses';
import { instructorsOf, lessonSlug, lessonsOf } from '../content/courses';
import { getScenario } from '../content/simulations';
import { completionSteps, isComplete, type CompletionInput } from '../domain/completion';
import type { Provider } from '../shared/schemas/provider';
import { participantOf } from '../shared/certificate';
import type { SessionUser } from './session';
import { hasPassed } from './attempts';
import { hasRevokedCertificate, issueCertificate, liveCertificate, type Certificate } from './certificates';
import { creditDecision, type CreditInput } from '../domain/credit';
import { db } from './db';
import { hasEvaluated } from './evaluations';
import { lessonStatus } from './progress';
import { hasPassedScenario } from './runs';
import { settings } from './settings';

export async function completionInput(course: Course, userId: number): Promise<CompletionInput> {
  const lessons = await lessonsOf(course.id);
  const status = lessonStatus(db(), userId, course.id);
  return {
    lessons: { total: lessons.length, done: lessons.filter((l) => !!status.get(lessonSlug(l))).length },
    simulations: await Promise.all(
      course.data.simulations.map(async (id) => ({ id, title: (await getScenario(id))?.scenario.title ?? id, passed: hasPassedScenario(db(), userId, id) })),
    ),
    quiz: { required: !!course.data.quiz, passed: !!course.data.quiz && hasPassed(db(), userId, course.id) },
    evaluation: { required: !!course.data.evaluation, submitted: !!course.data.evaluation && hasEvaluated(db(), userId, course.id) },
  };
}

export async function courseStatus(course: Course, userId: number) {
  const input = await completionInput(course, userId);
  const credit = await creditInput(course, userId, input);
  return { input, credit, steps: completionSteps(input), complete: isComplete(input), certificate: liveCertificate(db(), userId, course.id) };
}

/** Everything but the evaluation is done: the evaluation form may be filled in. */
export function readyForEvaluation(input: CompletionInput): boolean {
  return isComplete({ ...input, evaluation: { required: false, submitted: false } });
}

export async function provider(): Promise<Provider> {
  const entry = await getEntry('provider', 'provider');
  if (!entry) throw new Error('content/provider.yaml is missing');
  return entry.data as Provider;
}

/** Everything the credit rule (domain/credit.ts) needs about one learner and course. */
export async function creditInput(course: Course, userId: number, completion?: CompletionInput): Promise<CreditInput> {
  return {
    complete: isComplete(completion ?? (await completionInput(course, userId))),
    creditable: { ok: true, missing: [] },
    revoked: hasRevokedCertificate(db(), userId, course.id),
    engaged: { minutes: 0, requiredMinutes: 0 },
  };
}

/**
 * Issues the certificate when the credit rule allows it (idempotent; returns the live one if the
 * learner holds one). Admins' reissues go through certificates.ts directly: they override the rule.
 */
export async function certifyIfComplete(course: Course, user: SessionUser, verifyBase: string, now = clock.now()): Promise<Certificate | null> {
  const existing = liveCertificate(db(), user.id, course.id);
  if (existing) return existing;
  if (!creditDecision(await creditInput(course, user.id)).issue) return null;
  const p = await provider();
  const instructors = await instructorsOf(course);
  const { certificate } = issueCertificate(db(), {
    userId: user.id,
    course: course.id,
    verifyBase,
    now,
    snapshot: {
      participant: participantOf(user),
      course: { id: course.id, title: course.data.title, ceHours: course.data.ceHours, format: course.data.format, agd: course.data.agd },
      provider: {
        name: p.name,
        ...(p.adaCerpId ? { adaCerpId: p.adaCerpId } : {}),
        ...(p.agdPaceId ? { agdPaceId: p.agdPaceId } : {}),
        adaCerpStatement: p.adaCerpStatement,
        agdPaceStatement: p.agdPaceStatement,
      },
      instructors: instructors.map((i) => `${i.data.name}, ${i.data.credentials}`),
      completedOn: new Date(now).toISOString().slice(0, 10),
    },
  });
  return certificate;
}

/** The public address certificates point to: PUBLIC_URL when set, else the address of this request. */
export function verifyBase(requestUrl: URL): string {
  return settings.PUBLIC_URL || requestUrl.origin;
}
