/**
 * Schema of content/provider.yaml: who issues the certificates. The operator fills it in once
 * their ADA CERP recognition and AGD PACE approval come through; until then the file holds
 * `[OPERATOR: ...]` placeholders, which hasPlaceholders() finds so the app can warn admins (and
 * the lead can decide whether certificates may be issued meanwhile).
 */
import { z } from 'zod';
import { hexColor, imageSchema } from './image';

/** Marks a value the operator still has to replace, e.g. `[OPERATOR: your ADA CERP provider number]`. */
export const PLACEHOLDER = /\[OPERATOR:[^\]]*\]/;

const text = (what: string) =>
  z.string({ required_error: `${what} is required`, invalid_type_error: `${what} must be text` }).trim().min(1, `${what} cannot be empty`);

const share = (what: string) => z.number({ invalid_type_error: `${what} must be a number from 0 to 1` }).min(0, `${what} must be from 0 to 1`).max(1, `${what} must be from 0 to 1`);

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
    /** Minimum time before credit, as shares of the content estimate (docs/authoring.md section 7). */
    minimumTime: z
      .object({
        /** Share of a lesson's estimated time that must pass after it was first opened before it can be completed. */
        lessonShare: share('minimumTime.lessonShare').default(0.5),
        /** Share of the course's CE hours a learner must have spent (engaged time) before a certificate. */
        courseShare: share('minimumTime.courseShare').default(0.5),
      })
      .strict()
      .default({}),
    /** The refund and cancellation policy every course page shows (a PACE/CERP publicity item). */
    refundPolicy: text('refundPolicy').optional(),
    /** How to become a club member: shown wherever a members-only course meets a non-member. */
    membership: z
      .object({
        /** One or two sentences: what membership gives and how to get it. */
        howToJoin: text('membership.howToJoin'),
        /** Where to join (a web page or a mailto: address). */
        joinUrl: z.string().trim().regex(/^(https?:\/\/|mailto:|\/)/, 'membership.joinUrl must start with https://, http://, mailto: or /').optional(),
        /** The words of the link, e.g. "Join the club". */
        joinLabel: text('membership.joinLabel').default('Become a member'),
      })
      .strict()
      .optional(),
    /**
     * The provider's own look (docs/authoring.md, "Branding"); each part optional, the neutral
     * look otherwise. The logo: shown in the site header; printed on certificates when PNG or JPEG.
     */
    logo: imageSchema('logo').optional(),
    /** Links, buttons and certificate accents, like #0e6b5c; content:check refuses one under 4.5:1 on white. */
    primaryColor: hexColor('primaryColor').optional(),
    /** Who signs the certificates, and how emails are signed off. */
    signatory: z
      .object({
        name: text('signatory.name'),
        /** Their role, e.g. "Director of Continuing Education". */
        title: text('signatory.title'),
        /** A PNG of the signature (a transparent background prints best), with alt text. */
        signature: imageSchema('signatory.signature', ['png']).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

export type Provider = z.infer<typeof providerSchema>;

/**
 * The fields that still hold an `[OPERATOR: ...]` placeholder, nested ones by dotted path
 * (`signatory.name`): a signatory left as shipped must not sign real credit.
 */
export function placeholderFields(provider: Provider): string[] {
  const walk = (value: unknown, path: string): string[] => {
    if (typeof value === 'string') return PLACEHOLDER.test(value) ? [path] : [];
    if (value && typeof value === 'object') return Object.entries(value).flatMap(([key, v]) => walk(v, path ? `${path}.${key}` : key));
    return [];
  };
  return walk(provider, '');
}

/** One thing still missing before certificates can be real: the file and field to fix. */
export interface SetupItem {
  file: string;
  field: string;
  message: string;
}

/**
 * What content/provider.yaml still lacks for real CE credit: values still holding placeholders, a
 * contact, and the provider number of each approval whose statement it prints.
 */
export function providerSetupMissing(provider: Provider, file = 'content/provider.yaml'): SetupItem[] {
  const items: SetupItem[] = placeholderFields(provider).map((field) => ({ file, field, message: `${field} still holds a placeholder: replace it with your real value` }));
  if (!provider.contact) items.push({ file, field: 'contact', message: 'contact is missing: where participants send questions and complaints' });
  // Both statements are required, so both approvals are claimed: each needs its number.
  if (!provider.adaCerpId) items.push({ file, field: 'adaCerpId', message: 'adaCerpId is missing: your ADA CERP provider number goes with adaCerpStatement' });
  if (!provider.agdPaceId) items.push({ file, field: 'agdPaceId', message: 'agdPaceId is missing: your AGD PACE provider ID goes with agdPaceStatement' });
  return items;
}

/** True while any field still holds an `[OPERATOR: ...]` placeholder. */
export function hasPlaceholders(provider: Provider): boolean {
  return placeholderFields(provider).length > 0;
}
