/**
 * Gathers what the credit rule (domain/credit.ts) needs for one learner and course, and issues the
 * certificate when it allows. Takes plain course facts, not Astro content entries, so tests can
 * drive it with fixtures; lib/server/course-status.ts fills them in from the content.
 */
import { clock } from '../shared/clock';
import { localDay } from '~/lib/shared/dates';
import type { Db } from '../../../db/client';
import { carriesCredit, courseCredit, issuesCertificates, type CourseCreditFields } from '../domain/course-credit';
import { certificateKind, creditDecision, type CreditDecision, type CreditInput } from '../domain/credit';
import { engagedParts, engagedTotal, requiredCourseMinutes, type EngagedPart } from '../domain/engagement';
import type { CoursePart } from '../domain/hours-estimate';
import type { CertificateSnapshot } from '../shared/certificate';
import { providerSetupMissing, type Provider } from '../shared/schemas/provider';
import { hasRevokedCertificate, issueCertificate, liveCertificate, type Certificate } from './certificates';
import { learnerTimes } from './engagement';
import { getUserById } from './users';

export interface CreditCourse {
  id: string;
  title: string;
  ceHours: number;
  format: string;
  agd: Array<{ code: string; hours: number }>;
  /** credit, authors, reviewers, reviewedOn from course.yaml. */
  fields: CourseCreditFields;
  /** The content estimate of each part (domain/hours-estimate.ts). */
  parts: CoursePart[];
  /** The course's required cases. */
  scenarios: string[];
}

export interface CreditStanding {
  input: CreditInput;
  decision: CreditDecision;
  engaged: EngagedPart[];
  /** A certificate issued now would be a sample (provider or course not set up, or a practice course). */
  sample: boolean;
}

/** Is the provider set up for real credit? (Nothing missing in content/provider.yaml.) */
export function providerReady(provider: Provider): boolean {
  return providerSetupMissing(provider).length === 0;
}

export function creditStanding(db: Db, userId: number, course: CreditCourse, complete: boolean, provider: Provider): CreditStanding {
  const engaged = engagedParts(course.parts, learnerTimes(db, userId, course.id, course.scenarios));
  const credit = courseCredit(course.fields);
  const input: CreditInput = {
    complete,
    creditable: { ok: issuesCertificates(credit), missing: credit.kind === 'missing' ? credit.missing : [] },
    revoked: hasRevokedCertificate(db, userId, course.id),
    emailVerified: !!getUserById(db, userId)?.emailVerifiedAt,
    engaged: {
      minutes: engagedTotal(engaged),
      // A practice course carries no credit, so it sets no minimum time.
      requiredMinutes: credit.kind === 'practice' ? 0 : requiredCourseMinutes(course.ceHours, provider.minimumTime.courseShare),
    },
  };
  return { input, decision: creditDecision(input), engaged, sample: certificateKind(providerReady(provider) && carriesCredit(credit)) === 'sample' };
}

/**
 * Issues the learner's certificate when the credit rule allows it (idempotent: returns the live
 * one if they hold one). Admins' reissues go through certificates.ts: they override the rule.
 */
export function certify(
  db: Db,
  args: {
    userId: number;
    participant: CertificateSnapshot['participant'];
    course: CreditCourse;
    complete: boolean;
    provider: Provider;
    instructors: string[];
    verifyBase: string;
    /** The learner's time zone (profile): the completion date is their calendar day. */
    timeZone?: string | null;
    now?: number;
    /** Runs inside the issuing transaction (the certificate email is queued there). */
    onIssued?: Parameters<typeof issueCertificate>[1]['onIssued'];
  },
): Certificate | null {
  const now = args.now ?? clock.now();
  const existing = liveCertificate(db, args.userId, args.course.id);
  if (existing) return existing;
  const standing = creditStanding(db, args.userId, args.course, args.complete, args.provider);
  if (!standing.decision.issue) return null;
  const { course, provider: p } = args;
  const { certificate } = issueCertificate(db, {
    userId: args.userId,
    course: course.id,
    verifyBase: args.verifyBase,
    now,
    sample: standing.sample,
    ...(args.onIssued ? { onIssued: args.onIssued } : {}),
    snapshot: {
      participant: args.participant,
      course: { id: course.id, title: course.title, ceHours: course.ceHours, format: course.format, agd: course.agd },
      provider: {
        name: p.name,
        ...(p.adaCerpId ? { adaCerpId: p.adaCerpId } : {}),
        ...(p.agdPaceId ? { agdPaceId: p.agdPaceId } : {}),
        adaCerpStatement: p.adaCerpStatement,
        agdPaceStatement: p.agdPaceStatement,
      },
      instructors: args.instructors,
      ...(p.signatory ? { signatory: { name: p.signatory.name, title: p.signatory.title } } : {}),
      // A fact of record, fixed here once: the day the learner completed the course where they
      // were (their profile's zone; UTC without one). Every page and PDF shows this same day.
      completedOn: localDay(now, args.timeZone),
    },
  });
  return certificate;
}
