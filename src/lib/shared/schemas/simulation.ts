/**
 * Schema of a branching case simulation (`content/simulations/<id>.yaml`), as described in
 * docs/formats.md, "Case simulation", plus the shape of one learner decision.
 *
 * Every object is `.strict()` so a misspelt field (`nxt:`, `feedbak:`) is reported instead of being
 * silently dropped. Checks that need the whole graph (targets exist, no cycles, variables declared,
 * maximum score) live in `lib/domain/simulation/graph.ts`, which names the scenario and the node.
 *
 * Shared because the island may import the decision schema and the answer length limit; the
 * scenario itself never goes to the browser.
 */
import { z } from 'zod';

/** Longest answer a learner may type; longer ones are refused, never truncated. */
export const MAX_ANSWER_LENGTH = 200;
/** Ids are short; anything longer is forged or broken input. */
export const MAX_ID_LENGTH = 64;

const ID_PATTERN = /^[a-z0-9-]+$/;
// State variables are referenced inside `if` and `effects`, where the docs use camelCase (`claimOk`).
const VARIABLE_PATTERN = /^[A-Za-z][A-Za-z0-9_]*$/;

const id = (what: string) =>
  z
    .string({ required_error: `${what} is required.`, invalid_type_error: `${what} must be text.` })
    .max(MAX_ID_LENGTH, `${what} can be at most ${MAX_ID_LENGTH} characters.`)
    .regex(ID_PATTERN, `${what} must be lower-case kebab-case (a-z, 0-9 and -).`);

const text = (what: string) =>
  z
    .string({ required_error: `${what} is required.`, invalid_type_error: `${what} must be text.` })
    .trim()
    .min(1, `${what} must not be empty.`);

const variableName = z
  .string()
  .regex(VARIABLE_PATTERN, 'A state variable name starts with a letter and uses letters, digits and _ only.');

const points = z
  .number({ required_error: 'points is required.', invalid_type_error: 'points must be a number.' })
  .finite()
  .min(0, 'points cannot be negative.');

/**
 * YAML reads `431` and `1805.00` as numbers; answers are compared as text after normalisation,
 * so numbers are accepted and turned into their plain string form.
 */
const answerValue = z
  .union([z.string(), z.number().finite()], { invalid_type_error: 'An answer value must be text or a number.' })
  .transform((v) => String(v).trim())
  .pipe(z.string().min(1, 'An answer value must not be empty.').max(MAX_ANSWER_LENGTH));

const cell = z.union([z.string(), z.number().finite(), z.boolean()]).transform((v) => String(v));

/** How a typed answer is normalised before it is compared with the accepted values. */
export const normalizeKinds = ['code', 'number', 'money', 'text'] as const;
export type NormalizeKind = (typeof normalizeKinds)[number];
const normalize = z.enum(normalizeKinds, {
  errorMap: () => ({ message: `normalize must be one of ${normalizeKinds.join(', ')}.` }),
});

/** One state variable; `meter: true` shows it to the learner. */
export const stateVariableSchema = z
  .object({
    label: text('label'),
    initial: z.number().finite(),
    min: z.number().finite(),
    max: z.number().finite(),
    meter: z.boolean().default(false),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.min > v.max) ctx.addIssue({ code: 'custom', path: ['min'], message: 'min must not be above max.' });
    else if (v.initial < v.min || v.initial > v.max)
      ctx.addIssue({ code: 'custom', path: ['initial'], message: `initial must lie between min (${v.min}) and max (${v.max}).` });
  });

const comparisonOperators = ['lt', 'lte', 'gt', 'gte', 'eq'] as const;
export type ComparisonOperator = (typeof comparisonOperators)[number];

/** `{ var: trust, lt: 30 }`: exactly one comparison per condition keeps rules readable. */
export const conditionSchema = z
  .object({
    var: variableName,
    lt: z.number().finite().optional(),
    lte: z.number().finite().optional(),
    gt: z.number().finite().optional(),
    gte: z.number().finite().optional(),
    eq: z.number().finite().optional(),
  })
  .strict()
  .superRefine((c, ctx) => {
    const used = comparisonOperators.filter((op) => c[op] !== undefined);
    if (used.length !== 1)
      ctx.addIssue({
        code: 'custom',
        message: `A condition needs exactly one of ${comparisonOperators.join(', ')}${used.length ? ` (found ${used.join(', ')})` : ''}.`,
      });
  });

/** One routing rule; the first whose `if` holds wins, and a rule without `if` always holds. */
export const nextRuleSchema = z.object({ if: conditionSchema.optional(), to: id('to') }).strict();

const nextSchema = z.union([id('next'), z.array(nextRuleSchema).min(1, 'A conditional next needs at least one rule.')], {
  // Without this a missing `next` reads "Invalid input", which does not help an author.
  errorMap: (issue, ctx) =>
    ctx.data === undefined
      ? { message: 'required: every node except an end needs a next (a node id or a list of rules).' }
      : issue.code === 'invalid_union'
        ? { message: 'next must be a node id or a list of rules like { if: { var: trust, lt: 30 }, to: node-id }.' }
        : { message: ctx.defaultError },
});

const effectsSchema = z.record(variableName, z.number().finite());

const lineSchema = z.object({ speaker: text('speaker'), text: text('text') }).strict();

/** Pictures that sit next to a step; each carries its own text so it stays accessible. */
export const visualSchema = z.discriminatedUnion(
  'kind',
  [
    z
      .object({
        kind: z.literal('tooth-chart'),
        teeth: z.array(z.number().int().min(1).max(32, 'teeth are Universal numbers 1 to 32.')).min(1),
        caption: text('caption'),
      })
      .strict(),
    z
      .object({
        kind: z.literal('document'),
        title: text('title'),
        caption: text('caption').optional(),
        rows: z.array(z.array(cell).min(1)).min(1),
      })
      .strict(),
    z
      .object({
        kind: z.literal('claim-form'),
        caption: text('caption').optional(),
        boxes: z.record(z.string().min(1), cell),
      })
      .strict(),
  ],
  { errorMap: (issue, ctx) => ({ message: issue.code === 'invalid_union_discriminator' ? 'visual kind must be tooth-chart, document or claim-form.' : ctx.defaultError }) },
);

export const choiceOptionSchema = z
  .object({
    id: id('option id'),
    text: text('text'),
    points,
    effects: effectsSchema.optional(),
    feedback: text('feedback'),
    /**
     * A critical mistake (promising coverage, discussing an account in the waiting room): a run that
     * takes it cannot pass, whatever its points and ending. Route it to a bad ending; the build
     * check refuses a critical option from which a good ending can still be reached.
     */
    critical: z.boolean().optional(),
    next: nextSchema,
  })
  .strict();

export const acceptedAnswerSchema = z.object({ value: answerValue, points, feedback: text('feedback') }).strict();
export const wrongAnswerSchema = z.object({ value: answerValue, feedback: text('feedback') }).strict();

export const formFieldSchema = z
  .object({
    id: id('field id'),
    label: text('label'),
    kind: z.enum(['select', 'text'], { errorMap: () => ({ message: 'kind must be select or text.' }) }),
    options: z.array(answerValue).min(2, 'A select needs at least two options.').optional(),
    normalize: normalize.optional(),
    accepted: z.array(answerValue).min(1, 'A field needs at least one accepted value.'),
    points,
    feedback: text('feedback'),
  })
  .strict()
  .superRefine((f, ctx) => {
    if (f.kind === 'select') {
      if (!f.options) ctx.addIssue({ code: 'custom', path: ['options'], message: 'A select field needs options.' });
      else
        f.accepted.forEach((a, i) => {
          if (!f.options!.includes(a))
            ctx.addIssue({ code: 'custom', path: ['accepted', i], message: `"${a}" is not one of the options.` });
        });
      if (f.normalize)
        ctx.addIssue({ code: 'custom', path: ['normalize'], message: 'normalize applies to text fields; a select compares the exact option.' });
    } else if (f.options) {
      ctx.addIssue({ code: 'custom', path: ['options'], message: 'options belong to select fields only.' });
    }
  });

export const sceneNodeSchema = z
  .object({
    type: z.literal('scene'),
    narrative: text('narrative').optional(),
    lines: z.array(lineSchema).min(1).optional(),
    visual: visualSchema.optional(),
    next: nextSchema,
  })
  .strict();

export const choiceNodeSchema = z
  .object({
    type: z.literal('choice'),
    prompt: text('prompt'),
    visual: visualSchema.optional(),
    options: z.array(choiceOptionSchema).min(2, 'A choice needs at least 2 options.').max(5, 'A choice has at most 5 options.'),
  })
  .strict();

export const inputNodeSchema = z
  .object({
    type: z.literal('input'),
    prompt: text('prompt'),
    label: text('label'),
    visual: visualSchema.optional(),
    normalize,
    accepted: z.array(acceptedAnswerSchema).min(1, 'An input needs at least one accepted answer.'),
    wrong: z.array(wrongAnswerSchema).optional(),
    otherwise: text('otherwise'),
    hints: z.array(text('hint')).optional(),
    maxTries: z.number().int().min(1, 'maxTries must be at least 1.').max(10, 'maxTries can be at most 10.'),
    next: nextSchema,
    nextOnFail: id('nextOnFail').optional(),
  })
  .strict();

export const formNodeSchema = z
  .object({
    type: z.literal('form'),
    prompt: text('prompt'),
    form: z.enum(['cms-1500', 'generic']).optional(),
    visual: visualSchema.optional(),
    fields: z.array(formFieldSchema).min(1, 'A form needs at least one field.').max(40),
    next: nextSchema,
  })
  .strict();

/** Most elements a performance task may offer: the build enumerates every selection (2^12). */
export const MAX_TASK_ELEMENTS = 12;

/** One piece of text the learner may put into the narrative; `feedback` is shown after commit. */
export const taskElementSchema = z.object({ id: id('element id'), text: text('text'), feedback: text('feedback') }).strict();

/**
 * One rubric line: met when every element in `include` is chosen and none in `exclude` is; worth
 * `points` when met. A line needs at least one of the two lists.
 */
export const rubricCriterionSchema = z
  .object({
    id: id('criterion id'),
    label: text('label'),
    include: z.array(id('element id')).default([]),
    exclude: z.array(id('element id')).default([]),
    points,
  })
  .strict()
  .refine((c) => c.include.length + c.exclude.length > 0, { message: 'A rubric line needs include or exclude (element ids).', path: ['include'] });

/**
 * A performance task: the learner assembles a text (a medical-necessity narrative) from offered
 * elements, some required and some distractors, and the server scores the selection against the
 * rubric. Nothing of the rubric or the element feedback reaches the browser before the commit.
 */
export const taskNodeSchema = z
  .object({
    type: z.literal('task'),
    prompt: text('prompt'),
    visual: visualSchema.optional(),
    elements: z
      .array(taskElementSchema)
      .min(3, 'A task needs at least 3 elements.')
      .max(MAX_TASK_ELEMENTS, `A task has at most ${MAX_TASK_ELEMENTS} elements.`),
    rubric: z.array(rubricCriterionSchema).min(1, 'A task needs at least one rubric line.').max(20),
    next: nextSchema,
  })
  .strict();

export const endNodeSchema = z
  .object({
    type: z.literal('end'),
    outcome: id('outcome'),
    label: text('label'),
    good: z.boolean({ required_error: 'good is required: true for a good ending, false otherwise.' }),
    debrief: text('debrief'),
  })
  .strict();

export const nodeSchema = z.discriminatedUnion('type', [sceneNodeSchema, choiceNodeSchema, inputNodeSchema, formNodeSchema, taskNodeSchema, endNodeSchema], {
  errorMap: (issue, ctx) => ({
    message: issue.code === 'invalid_union_discriminator' ? 'type must be one of scene, choice, input, form, task, end.' : ctx.defaultError,
  }),
});

/** A whole scenario file. The file name is the scenario id, so it is not repeated inside. */
export const scenarioSchema = z
  .object({
    title: text('title'),
    course: id('course'),
    summary: text('summary').max(300, 'summary can be at most 300 characters.'),
    objectives: z.array(id('objective')).min(1, 'List at least one course objective.'),
    /** Counts toward the CE-hours check when the course requires the scenario. */
    minutes: z.number().int().positive('minutes must be a positive whole number.'),
    /** Percent of the maximum score needed to pass. */
    passThreshold: z.number().min(0).max(100, 'passThreshold is a percentage (0 to 100).'),
    role: text('role'),
    // Optional (default: none) so a purely scored scenario need not write `state: {}`.
    state: z.record(variableName, stateVariableSchema).default({}),
    start: id('start'),
    nodes: z
      .record(id('node id'), nodeSchema)
      .refine((nodes) => Object.keys(nodes).length > 0, 'A scenario needs at least one node.')
      .refine((nodes) => Object.keys(nodes).length <= 200, 'A scenario can have at most 200 nodes.'),
  })
  .strict();

export type Scenario = z.infer<typeof scenarioSchema>;
export type ScenarioInput = z.input<typeof scenarioSchema>;
export type StateVariable = z.infer<typeof stateVariableSchema>;
export type Condition = z.infer<typeof conditionSchema>;
export type NextRule = z.infer<typeof nextRuleSchema>;
export type Next = z.infer<typeof nextSchema>;
export type Visual = z.infer<typeof visualSchema>;
export type DialogueLine = z.infer<typeof lineSchema>;
export type ChoiceOption = z.infer<typeof choiceOptionSchema>;
export type AcceptedAnswer = z.infer<typeof acceptedAnswerSchema>;
export type WrongAnswer = z.infer<typeof wrongAnswerSchema>;
export type FormField = z.infer<typeof formFieldSchema>;
export type ScenarioNode = z.infer<typeof nodeSchema>;
export type SceneNode = z.infer<typeof sceneNodeSchema>;
export type ChoiceNode = z.infer<typeof choiceNodeSchema>;
export type InputNode = z.infer<typeof inputNodeSchema>;
export type FormNode = z.infer<typeof formNodeSchema>;
export type TaskNode = z.infer<typeof taskNodeSchema>;
export type TaskElement = z.infer<typeof taskElementSchema>;
export type RubricCriterion = z.infer<typeof rubricCriterionSchema>;
export type EndNode = z.infer<typeof endNodeSchema>;
export type NodeType = ScenarioNode['type'];

const answerText = z
  .string({ invalid_type_error: 'An answer must be text.' })
  .max(MAX_ANSWER_LENGTH, `An answer can be at most ${MAX_ANSWER_LENGTH} characters.`);
const decisionNode = z.string().min(1).max(MAX_ID_LENGTH);

/**
 * What the browser may send for the current step: the node it answers (so a stale or replayed
 * request is refused) and the answer itself. The engine re-checks all of it against the scenario.
 */
export const decisionSchema = z.discriminatedUnion('kind', [
  z.object({ node: decisionNode, kind: z.literal('continue') }).strict(),
  z.object({ node: decisionNode, kind: z.literal('choice'), choice: z.string().min(1).max(MAX_ID_LENGTH) }).strict(),
  z.object({ node: decisionNode, kind: z.literal('input'), value: answerText }).strict(),
  z
    .object({
      node: decisionNode,
      kind: z.literal('form'),
      fields: z
        .record(z.string().max(MAX_ID_LENGTH), answerText)
        .refine((f) => Object.keys(f).length <= 40, 'A form has at most 40 fields.'),
    })
    .strict(),
  z
    .object({
      node: decisionNode,
      kind: z.literal('task'),
      elements: z.array(z.string().min(1).max(MAX_ID_LENGTH)).max(MAX_TASK_ELEMENTS, `Choose at most ${MAX_TASK_ELEMENTS} elements.`),
    })
    .strict(),
]);

export type Decision = z.infer<typeof decisionSchema>;
export type DecisionKind = Decision['kind'];
