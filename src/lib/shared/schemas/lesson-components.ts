/**
 * The components a lesson may use (src/components/mdx) and the props each accepts. One home for
 * the rule: `npm run content:check` (and so the build) validates every use in every lesson against
 * these schemas, naming the file, line and prop; the components parse their props with the same
 * schemas, so a value the check let through cannot give a learner a 500.
 */
import { z } from 'zod';
import { idPattern } from './course';

const text = (what: string) =>
  z.string({ required_error: `${what} is required`, invalid_type_error: `${what} must be text in quotes` }).trim().min(1, `${what} cannot be empty`);

const calloutProps = z
  .object({
    type: z.enum(['note', 'tip', 'warning'], { errorMap: () => ({ message: 'type is "note", "tip" or "warning"' }) }).optional(),
    title: text('title').optional(),
  })
  .strict();

const checkpointProps = z
  .object({
    question: text('question'),
    options: z.array(text('an option'), { required_error: 'options is required: options={["…", "…"]}', invalid_type_error: 'options must be a list: options={["…", "…"]}' }).min(2, 'a self-check needs at least two options'),
    answer: z.number({ required_error: 'answer is required: the 0-based index of the right option, like answer={1}', invalid_type_error: 'answer must be a number in braces, like answer={1}' }).int('answer must be a whole number'),
    explanation: text('explanation'),
  })
  .strict()
  .superRefine((p, ctx) => {
    if (p.answer < 0 || p.answer >= p.options.length) {
      ctx.addIssue({ code: 'custom', path: ['answer'], message: `must be the 0-based index of the right option: 0 to ${p.options.length - 1} for ${p.options.length} options, not ${p.answer}` });
    }
  });

const figureProps = z
  .object({
    src: z
      .string({ required_error: 'src is required', invalid_type_error: 'src must be text in quotes' })
      .regex(/^\/[^?#\s]+$/, 'src is a path under public/ starting with "/", like "/images/<course>/<file>.svg"')
      .refine((src) => !src.split('/').some((part) => part === '..' || part === '.'), 'src cannot step out of public/ with "." or ".."'),
    alt: z
      .string({ required_error: 'alt is required: describe the image for someone who cannot see it', invalid_type_error: 'alt must be text in quotes' })
      .trim()
      .min(1, 'cannot be empty: describe the image for someone who cannot see it'),
    caption: text('caption'),
    width: z.number().int().positive('width must be a whole number of pixels').optional(),
    height: z.number().int().positive('height must be a whole number of pixels').optional(),
  })
  .strict();

const keyTermProps = z.object({ term: text('term'), definition: text('definition') }).strict();

const simulationProps = z.object({ id: z.string({ required_error: 'id is required' }).regex(idPattern, 'id is a scenario id, like "upset-caller"') }).strict();

const toothChartProps = z
  .object({
    teeth: z
      .array(z.number().refine((n) => Number.isInteger(n) && n >= 1 && n <= 32, (n) => ({ message: `${n} is not a Universal tooth number (1 to 32)` })), {
        invalid_type_error: 'teeth must be a list of numbers, like teeth={[9, 10]}',
      })
      .optional(),
    caption: text('caption'),
  })
  .strict();

export const lessonComponentProps = {
  Callout: calloutProps,
  Checkpoint: checkpointProps,
  Figure: figureProps,
  KeyTerm: keyTermProps,
  Simulation: simulationProps,
  ToothChart: toothChartProps,
} as const;

export type LessonComponentName = keyof typeof lessonComponentProps;
/** The props a component declares, as authors write them. */
export type LessonComponentProps<N extends LessonComponentName> = z.input<(typeof lessonComponentProps)[N]>;
export const LESSON_COMPONENTS = Object.keys(lessonComponentProps) as LessonComponentName[];

export function isLessonComponent(name: string): name is LessonComponentName {
  return Object.hasOwn(lessonComponentProps, name);
}

/**
 * What a component calls on its props: the parsed props, or an error that names the component and
 * the prop. `content:check` reports the same problems at build time, with the file and line.
 */
export function componentProps<N extends LessonComponentName>(name: N, props: unknown): z.infer<(typeof lessonComponentProps)[N]> {
  const result = lessonComponentProps[name].safeParse(props);
  if (result.success) return result.data as z.infer<(typeof lessonComponentProps)[N]>;
  const issue = result.error.issues[0]!;
  throw new Error(`<${name}> ${issue.path.join('.') || '(props)'}: ${issue.message}`);
}
