/**
 * Audit entries as sentences a person understands ("Set membership of Ana Lopez until 2027-12-31").
 * Pure: the server looks up the names behind the ids; this turns an entry into words. Unknown
 * actions fall back to their code and details, so a new action is never hidden.
 */
export interface AuditSubject {
  /** "user", "certificate", "email", ... (the part before the colon of the stored subject). */
  kind: string;
  /** Who it is, in words: "Ana Lopez (ana@x.test)"; for a certificate, its holder. */
  label: string;
}

const day = (v: unknown) => (typeof v === 'number' ? new Date(v).toISOString().slice(0, 10) : null);
const text = (v: unknown) => (v === null || v === undefined || v === '' ? '—' : String(v));
const quoted = (v: unknown) => `“${text(v)}”`;

type Detail = Record<string, unknown>;

/** Profile fields as people name them. */
const FIELD_NAMES: Record<string, string> = {
  fullName: 'name',
  profession: 'profession',
  licenceState: 'license state',
  licenceNumber: 'license number',
  agdId: 'AGD ID',
  timeZone: 'time zone',
};

function changesText(changes: unknown): string {
  if (!Array.isArray(changes) || changes.length === 0) return '';
  return `: ${changes
    .map((c: { field?: string; from?: unknown; to?: unknown; before?: unknown; after?: unknown }) => `${FIELD_NAMES[c.field ?? ''] ?? (c.field ?? '').toLowerCase()} from ${quoted(c.from ?? c.before)} to ${quoted(c.to ?? c.after)}`)
    .join('; ')}`;
}

/** One sentence for an entry; `subject` is what the stored subject resolves to, when known. */
export function auditSentence(action: string, detail: unknown, subject: AuditSubject | null): string {
  const d: Detail = detail && typeof detail === 'object' && !Array.isArray(detail) ? (detail as Detail) : {};
  const who = subject?.label ?? 'an unknown account';
  switch (action) {
    case 'user.membership.set':
      return `Set the membership of ${who} until ${day(d.to) ?? text(d.to)}${day(d.from) ? ` (was until ${day(d.from)})` : ' (was not a member)'}.`;
    case 'user.membership.clear':
      return `Ended the membership of ${who}${day(d.from) ? ` (was until ${day(d.from)})` : ''}.`;
    case 'user.role':
      return `Changed the role of ${who} from ${text(d.from)} to ${text(d.to)}.`;
    case 'user.profile':
      return `Changed the profile of ${who}${changesText(d.changes) || ''}.`;
    case 'user.signup':
      return `${who} created an account.`;
    case 'user.email-verified':
      return `${who} confirmed their email address.`;
    case 'user.password':
      return `${who} changed their password.`;
    case 'user.password-reset':
      return `${who} set a new password with a reset link.`;
    case 'user.password-reset-sent':
      return `Emailed a password reset link to ${who}.`;
    case 'user.sign-in-link':
      return `${who} signed in with an emailed link.`;
    case 'user.tracker':
      return `${who} changed their CE tracker settings.`;
    case 'auth.sign-in':
      return `${who} signed in${d.shared ? ' on a shared computer' : ''}${d.ip ? ` from ${text(d.ip)}` : ''}.`;
    case 'auth.sign-in-failed':
      return `A sign-in as ${who} failed${d.ip ? ` from ${text(d.ip)}` : ''}.`;
    case 'auth.locked-out':
      return `Sign-ins as ${who} were paused after too many failures${d.ip ? ` from ${text(d.ip)}` : ''}.`;
    case 'auth.sign-out-everywhere':
      return `Signed ${who} out everywhere (${text(d.ended)} session${d.ended === 1 ? '' : 's'} ended).`;
    case 'attempts.grant':
      return `Granted ${who} one more post-test attempt at ${text(d.course)}${typeof d.extraAttempts === 'number' ? ` (${d.extraAttempts} extra in all)` : ''}.`;
    case 'attempts.end-cooldown':
      return `Ended the post-test cooldown of ${who} on ${text(d.course)}.`;
    case 'certificate.issue':
      return `Issued ${d.sample ? 'sample ' : ''}certificate ${text(d.code)} for ${text(d.course)} to ${who}.`;
    case 'certificate.revoke':
      return `Revoked certificate ${text(d.code)} of ${who}: ${quoted(d.reason)}.`;
    case 'certificate.reissue':
      return `Reissued certificate ${text(d.from)} of ${who} as ${text(d.to)}, because ${quoted(d.reason)}${changesText(d.changes)}.`;
    case 'external-ce.add':
      return 'Added an outside CE record.';
    case 'external-ce.delete':
      return `Removed the outside CE record ${quoted(d.title)}.`;
    case 'external-ce.update': {
      const before: Detail = d.before && typeof d.before === 'object' ? (d.before as Detail) : {};
      return `Changed the outside CE record ${quoted(before.title)}.`;
    }
    case 'ce-broker.export':
      return `Downloaded the CE Broker roster of ${text(d.course)} for ${text(d.from)} to ${text(d.to)}: ${text(d.rows)} ready, ${text(d.missing)} missing a license number.`;
    case 'mail.retry':
      return 'Queued a failed email again.';
    default: {
      const rest = Object.entries(d).map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : text(v)}`).join(', ');
      return `${action}${subject ? ` on ${subject.label}` : ''}${rest ? ` (${rest})` : ''}.`;
    }
  }
}
