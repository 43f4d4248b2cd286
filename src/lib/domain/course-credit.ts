/**
 * Is a course creditable? Only when it records who wrote it and who reviewed it (names and
 * credentials) and when it was last reviewed, and does not call itself a practice course.
 * A field still holding an `[OPERATOR: ...]` placeholder is set-up work left to the operator:
 * such a course issues sample certificates until it is filled in; a course that lacks the
 * fields altogether carries no CE credit and issues no certificate.
 */
export interface CourseCreditFields {
  credit: boolean;
  authors: Array<{ name: string; credentials: string }>;
  reviewers: Array<{ name: string; credentials: string }>;
  reviewedOn?: Date | string | undefined;
}

export type CourseCredit =
  | { kind: 'ok' }
  | { kind: 'practice' }
  /** Fields the course lacks: it issues no certificate. */
  | { kind: 'missing'; missing: string[] }
  /** Fields that still hold placeholders: certificates are samples until the operator fills them in. */
  | { kind: 'pending'; pending: string[] };

const isPlaceholder = (v: unknown) => typeof v === 'string' && /^\s*\[OPERATOR:/.test(v);

export function courseCredit(c: CourseCreditFields): CourseCredit {
  if (!c.credit) return { kind: 'practice' };
  const missing: string[] = [];
  const pending: string[] = [];
  for (const [field, people] of [['authors', c.authors], ['reviewers', c.reviewers]] as const) {
    if (people.length === 0) missing.push(`no ${field} listed (${field} in course.yaml)`);
    else if (people.some((p) => isPlaceholder(p.name) || isPlaceholder(p.credentials))) pending.push(field);
  }
  if (c.reviewedOn === undefined) missing.push('no review date (reviewedOn in course.yaml)');
  else if (isPlaceholder(c.reviewedOn)) pending.push('reviewedOn');
  if (missing.length) return { kind: 'missing', missing };
  if (pending.length) return { kind: 'pending', pending };
  return { kind: 'ok' };
}

/** Issues certificates at all (real or sample). */
export function issuesCertificates(c: CourseCredit): boolean {
  return c.kind !== 'missing';
}

/** Certificates can be real (given a provider that is set up). */
export function carriesCredit(c: CourseCredit): boolean {
  return c.kind === 'ok';
}
