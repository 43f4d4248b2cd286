/**
 * What a certificate says, frozen when it is issued. The certificates table stores this snapshot
 * (as JSON) so a certificate reads the same years later even if the course title, the provider's
 * statements or the member's name change; the PDF and the public verification page are both drawn
 * from it.
 */
import { z } from 'zod';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date like 2026-03-14');
const text = z.string().trim().min(1);

export const certificateSnapshotSchema = z
  .object({
    participant: z
      .object({
        /** Exactly as it must be printed (users.fullName). */
        fullName: text,
        /** A PROFESSIONS value ('hygienist') or display text; printed through professionLabel. */
        profession: text,
        licenceState: text.optional(),
        licenceNumber: text.optional(),
        agdId: text.optional(),
      })
      .strict(),
    course: z
      .object({
        id: text,
        title: text,
        /** CE hours as authored (quarter hours, e.g. 1.5). */
        ceHours: z.number().positive(),
        /** A course format id ('self-instruction-online') or display text; printed through formatLabel. */
        format: text,
        agd: z.array(z.object({ code: z.string().regex(/^\d{3}$/), hours: z.number().positive() }).strict()).min(1),
      })
      .strict(),
    provider: z
      .object({
        name: text,
        adaCerpId: text.optional(),
        agdPaceId: text.optional(),
        /** Printed exactly as given, placeholders included. */
        adaCerpStatement: text,
        agdPaceStatement: text,
      })
      .strict(),
    instructors: z.array(text),
    /**
     * Who signed for the provider when it was issued (provider.yaml's signatory), kept as a fact of
     * record: a later signatory never signs an older certificate. Absent on certificates issued
     * before there was one, which print no signature.
     */
    signatory: z.object({ name: text, title: text }).strict().optional(),
    completedOn: isoDate,
    /** The raw verification code (src/lib/domain/certificate-code.ts). */
    code: text,
    verifyUrl: z.string().url(),
  })
  .strict();

export type CertificateSnapshot = z.infer<typeof certificateSnapshotSchema>;

/** One line of a member's transcript: a platform certificate or a record of outside CE. */
export interface TranscriptRecord {
  /** Completion date, 'YYYY-MM-DD'. */
  date: string;
  provider: string;
  title: string;
  /** Hours in hundredths (150 = 1.5 h), as stored. */
  hoursCenti: number;
  agdCode: string;
  /** Raw verification code, for this platform's certificates. */
  verificationCode?: string;
}

export interface Transcript {
  participant: { fullName: string; profession?: string; licenceState?: string; licenceNumber?: string; agdId?: string };
  /** The day the transcript was produced, 'YYYY-MM-DD'. */
  generatedOn: string;
  records: TranscriptRecord[];
}

const PROFESSION_LABELS: Record<string, string> = {
  dentist: 'Dentist',
  hygienist: 'Dental hygienist',
  'dental-assistant': 'Dental assistant',
  'office-manager': 'Office manager',
  'front-office': 'Front-office team member',
  other: 'Dental team member',
};

const FORMAT_LABELS: Record<string, string> = {
  'self-instruction-online': 'Self-instruction, online',
};

/** The printed name of a profession id; display text passes through unchanged. */
export function professionLabel(profession: string): string {
  return PROFESSION_LABELS[profession] ?? profession;
}

/**
 * The line printed under a participant's name on certificates and transcripts: profession, license
 * and AGD ID, the empty ones left out, e.g. "Dental hygienist   ·   License CA RDH 604512".
 */
export function participantLine(p: { profession?: string; licenceState?: string; licenceNumber?: string; agdId?: string }): string {
  const license = [p.licenceState, p.licenceNumber].filter(Boolean).join(' ');
  return [p.profession && professionLabel(p.profession), license && `License ${license}`, p.agdId && `AGD ID ${p.agdId}`].filter(Boolean).join('   ·   ');
}

/** The printed name of a course format id; display text passes through unchanged. */
export function formatLabel(format: string): string {
  return FORMAT_LABELS[format] ?? format;
}

/** The participant as printed on certificates and transcripts, from an account (empty fields left out). */
export function participantOf(user: { fullName: string; profession: string; licenceState?: string | null; licenceNumber?: string | null; agdId?: string | null }): CertificateSnapshot['participant'] {
  return {
    fullName: user.fullName,
    profession: user.profession,
    ...(user.licenceState ? { licenceState: user.licenceState } : {}),
    ...(user.licenceNumber ? { licenceNumber: user.licenceNumber } : {}),
    ...(user.agdId ? { agdId: user.agdId } : {}),
  };
}

type Participant = CertificateSnapshot['participant'];

/**
 * What a reissue would change on the certificate: each printed participant field whose text differs
 * between the frozen snapshot and the account today, with both texts ('—' for an empty field).
 */
export function participantChanges(before: Participant, after: Participant): Array<{ field: string; before: string; after: string }> {
  const fields: Array<[string, (p: Participant) => string | undefined]> = [
    ['Name', (p) => p.fullName],
    ['Profession', (p) => (p.profession ? professionLabel(p.profession) : undefined)],
    ['License state', (p) => p.licenceState],
    ['License number', (p) => p.licenceNumber],
    ['AGD ID', (p) => p.agdId],
  ];
  return fields
    .map(([field, read]) => ({ field, before: read(before) || '—', after: read(after) || '—' }))
    .filter((c) => c.before !== c.after);
}
