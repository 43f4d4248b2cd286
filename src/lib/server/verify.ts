/** Public verification: what anyone may learn about a certificate from its code. Never email, licence number, or the admin's free-text revoke reason. */
import type { Db } from '../../../db/client';
import { certificates } from '../../../db/schema';
import { eq } from 'drizzle-orm';
import { displayCode, formatCode, isValidCode } from '../domain/certificate-code';
import { certificateByCode } from './certificates';

export type Verification =
  | { status: 'not-found'; code: string; message: string }
  | {
      status: 'valid' | 'revoked';
      code: string;
      participant: string;
      course: string;
      ceHours: number;
      agd: Array<{ code: string; hours: number }>;
      completedOn: string;
      provider: string;
      revokedOn?: string;
      replacedBy?: string;
    };

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
  };
  if (cert.revokedAt === null) return { status: 'valid', ...base };
  const replacement = cert.replacedById ? db.select({ code: certificates.code }).from(certificates).where(eq(certificates.id, cert.replacedById)).get() : undefined;
  return {
    status: 'revoked',
    ...base,
    revokedOn: new Date(cert.revokedAt).toISOString().slice(0, 10),
    ...(replacement ? { replacedBy: formatCode(replacement.code) } : {}),
  };
}
