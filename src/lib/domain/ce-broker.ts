/**
 * Florida completions for CE Broker, the Florida Department of Health's CE tracking system, in the
 * layout of CE Broker's "Excel upload, full course credit" roster as its provider help centre
 * describes it (help.cebroker.com, "Creating Excel Files (Full Course Credit)"):
 *   A provider tracking number without "50-"; B course tracking number without "20-" (or C: the
 *   provider's own course id); D publishing number (optional); E license number; F completion date
 *   in Excel's date form (12/3/2008); G "State=FL"; H "Profession=<CE Broker profession code>".
 * The instructions name no header row, so the roster has none. CE Broker's list of profession codes
 * could not be confirmed, so the admin types the code; see docs/licensure.md.
 *
 * Pure: rows in, rows out. The server module (src/lib/server/ce-broker.ts) gathers the completions.
 */

export interface BrokerCompletion {
  certificateId: number;
  fullName: string;
  course: string;
  /** 'YYYY-MM-DD'. */
  completedOn: string;
  /** As the learner gave it: on the certificate, or in her profile when the certificate has none. */
  licenceNumber: string | null;
}

export interface BrokerOptions {
  /** CE Broker provider tracking number, digits only (the "50-" prefix is dropped). */
  providerNumber: string;
  /** CE Broker course tracking number (the "20-" prefix dropped); when empty, the course id goes in column C. */
  courseTracking: string;
  /** The course's own id, used in column C when there is no tracking number. */
  courseId: string;
  /** CE Broker's profession code for the license (column H). */
  professionCode: string;
}

export type LicenceCheck = { ok: true; number: string } | { ok: false; reason: 'missing' | 'malformed' };

/**
 * The shape of a license number as CE Broker matches it: letters then digits, no spaces or dashes
 * ("DN 12345" becomes "DN12345"). Florida's exact prefixes were not confirmed, so only the shape is
 * checked; CE Broker itself refuses a number its licensing database does not know.
 */
export function checkLicenceNumber(raw: string | null | undefined): LicenceCheck {
  const cleaned = (raw ?? '').toUpperCase().replace(/[\s-]/g, '');
  if (cleaned === '') return { ok: false, reason: 'missing' };
  return /^[A-Z]{0,4}\d{2,10}$/.test(cleaned) ? { ok: true, number: cleaned } : { ok: false, reason: 'malformed' };
}

/** 2026-03-04 -> 3/4/2026, the form CE Broker's example shows. */
export function excelDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${m}/${d}/${y}`;
}

const digits = (s: string, prefix: string) => s.trim().replace(new RegExp(`^${prefix}-?`), '').replace(/\s/g, '');

export interface BrokerRoster {
  /** Columns A-H per completion with a usable license number, oldest first. */
  rows: string[][];
  /** Completions that cannot be reported until the learner gives a valid license number. */
  problems: Array<{ completion: BrokerCompletion; reason: 'missing' | 'malformed' }>;
}

export function brokerRoster(completions: readonly BrokerCompletion[], options: BrokerOptions): BrokerRoster {
  const rows: string[][] = [];
  const problems: BrokerRoster['problems'] = [];
  const tracking = digits(options.courseTracking, '20');
  const sorted = [...completions].sort((a, b) => a.completedOn.localeCompare(b.completedOn) || a.certificateId - b.certificateId);
  for (const c of sorted) {
    const license = checkLicenceNumber(c.licenceNumber);
    if (!license.ok) {
      problems.push({ completion: c, reason: license.reason });
      continue;
    }
    rows.push([digits(options.providerNumber, '50'), tracking, tracking ? '' : options.courseId, '', license.number, excelDate(c.completedOn), 'State=FL', `Profession=${options.professionCode.trim()}`]);
  }
  return { rows, problems };
}
