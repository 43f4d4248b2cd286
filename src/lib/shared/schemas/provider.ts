/**
 * Schema of content/provider.yaml: who issues the certificates. The operator fills it in once
 * their ADA CERP recognition and AGD PACE approval come through; until then the file holds
 * `[OPERATOR: ...]` placeholders, which hasPlaceholders() finds so the app can warn admins (and
 * the lead can decide whether certificates may be issued meanwhile).
 */
import { z } from 'zod';

/** Marks a value the operator still has to replace, e.g. `[OPERATOR: your ADA CERP provider number]`. */
export const PLACEHOLDER = /\[OPERATOR:[^\]]*\]/;

const text = (what: string) =>
  z.string({ required_error: `${what} is required`, invalid_type_error: `${what} must be text` }).trim().min(1, `${what} cannot be empty`);

export const providerSchema = z
  .object({
    /** The provider's name exactly as CCEPR and AGD know it; printed on every certificate. */
    name: text('name'),
    /** ADA CERP provider number (or a placeholder until recognition). */
    adaCerpId: text('adaCerpId').optional(),
    /** The recognition statement exactly as CCEPR issues it: never rewritten. */
    adaCerpStatement: text('adaCerpStatement'),
    /** AGD PACE provider ID (or a placeholder until approval). */
    agdPaceId: text('agdPaceId').optional(),
    /** The approval statement exactly as AGD issues it, including any approval period it carries. */
    agdPaceStatement: text('agdPaceStatement'),
    /** Where participants send questions and complaints; certificates may show it. */
    contact: text('contact').optional(),
    /** The refund and cancellation policy every course page shows (a PACE/CERP publicity item). */
    refundPolicy: text('refundPolicy').optional(),
  })
  .strict();

export type Provider = z.infer<typeof providerSchema>;

/** The fields (by name) that still hold an `[OPERATOR: ...]` placeholder. */
export function placeholderFields(provider: Provider): string[] {
  return Object.entries(provider)
    .filter(([, value]) => typeof value === 'string' && PLACEHOLDER.test(value))
    .map(([key]) => key);
}

/** True while any field still holds an `[OPERATOR: ...]` placeholder. */
export function hasPlaceholders(provider: Provider): boolean {
  return placeholderFields(provider).length > 0;
}
