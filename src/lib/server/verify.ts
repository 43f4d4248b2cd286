/** Public verification: what anyone may learn about a certificate from its code. Never email, license number, or the admin's free-text revoke reason. */
import type { Db } from '../../../db/client';
import { certificates } from '../../../db/schema';
import { eq } from 'drizzle-orm';
import { displayCode, formatCode, isValidCode } from '../domain/certificate-code';
import { certificateByCode } from './certificates';

export type Verification =
  | { status: 'not-found'; code: string; message: string }
  | {
      /** A sample is never valid credit, whatever else: its status says so while it is not revoked. */
      status: 'valid' | 'sample' | 'revoked';
      /** True for a sample certificate (issued before the provider was set up, or for a practice course). */
      sample: boolean;
      /** Said plainly for samples, so no one reads one as credit. */
      note?: string;
      code: string;
      participant: string;
      course: string;
      ceHours: number;
      agd: Array<{ code: string; hours: number }>;
      completedOn: string;
      provider: string;
      /** The instant of revocation: each page shows it in its reader's zone. */
      revokedAt?: number;
      replacedBy?: string;
    };

export const SAMPLE_NOTE = 'Sample certificate, not valid for CE credit.';

export function verifyCode(db: Db, input: string): Verification {
  const code = displayCode(input);
  const notFound = { status: 'not-found' as const, code, message: 'No certificate has this code. Check it for typing mistakes.' };
  if (!isValidCode(input)) return notFound;
  const cert = certificateByCode(db, input);
  if (!cert) return notFound;
  const s = cert.snapshot;
  const base = {
    code: formatCode(cert.code),
    participant: s.participant.fullName,
    course: s.course.title,
    ceHours: s.course.ceHours,
    agd: s.course.agd,
    completedOn: s.completedOn,
    provider: s.provider.name,
    sample: cert.sample,
    ...(cert.sample ? { note: SAMPLE_NOTE } : {}),
  };
  if (cert.revokedAt === null) return { status: cert.sample ? 'sample' : 'valid', ...base };
  const replacement = cert.replacedById ? db.select({ code: certificates.code }).from(certificates).where(eq(certificates.id, cert.replacedById)).get() : undefined;
  return {
    status: 'revoked',
    ...base,
    revokedAt: cert.revokedAt,
    ...(replacement ? { replacedBy: formatCode(replacement.code) } : {}),
  };
}
