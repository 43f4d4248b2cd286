/**
 * What an accredited course tells a participant before they enrol (AGD PACE and ADA CERP ask for
 * these on every announcement): the cost, the level, what hardware and software the course needs,
 * and the date after which no credit is awarded. The refund policy is the provider's, in
 * provider.yaml; authors, reviewers and how the hours were set are the credit schema's fields.
 */
import { z } from 'zod';

const text = (what: string) =>
  z.string({ required_error: `${what} is required`, invalid_type_error: `${what} must be text` }).trim().min(1, `${what} cannot be empty`);
const date = z.coerce.date({ errorMap: () => ({ message: 'a date like 2027-12-01' }) });

export const COURSE_LEVELS = ['introductory', 'intermediate', 'advanced'] as const;
export type CourseLevel = (typeof COURSE_LEVELS)[number];

/**
 * `included-with-membership` (members' courses), `free`, or a price in US dollars with at most two
 * decimals (49, 49.5). Stored as whole cents so it is never a drifting float.
 */
export const costSchema = z.union(
  [
    z.literal('included-with-membership'),
    z.literal('free'),
    z
      .number()
      .positive('a price must be above 0 (write free for no charge)')
      .max(100_000, 'a price above $100,000 is surely a typo')
      .refine((n) => Math.abs(n * 100 - Math.round(n * 100)) < 1e-6, 'a price has at most two decimals (cents)')
      .transform((n) => ({ cents: Math.round(n * 100) })),
  ],
  { errorMap: () => ({ message: 'cost must be included-with-membership, free or a price in US dollars like 49' }) },
);

export const publicitySchema = z
  .object({
    cost: costSchema,
    level: z.enum(COURSE_LEVELS, { errorMap: () => ({ message: `level must be one of ${COURSE_LEVELS.join(', ')}` }) }),
    /** What a participant needs: device, screen, sound, connection. */
    hardware: text('hardware'),
    /** Browser and any other software, e.g. a PDF reader for the certificate. */
    software: text('software'),
    /** The last day on which credit can be earned for this version of the course. */
    creditExpires: date,
  })
  .strict();

export type Publicity = z.infer<typeof publicitySchema>;
export type Cost = Publicity['cost'];

/** The cost in words for the course page. */
export function costLabel(cost: Cost): string {
  if (cost === 'included-with-membership') return 'Included with club membership';
  if (cost === 'free') return 'Free';
  const dollars = cost.cents / 100;
  return `$${dollars.toLocaleString('en-US', { minimumFractionDigits: cost.cents % 100 ? 2 : 0, maximumFractionDigits: 2 })}`;
}
