/**
 * The shape of a content schema as an editor sees it: which fields a file has, their types, enums
 * and whether they are required. Walked from the zod schemas in src/lib/shared/schemas, so the
 * browser editor (./keystatic-fields.ts builds its fields from it) and the drift test
 * (test/unit/authoring-schema.test.ts) have one description of every file.
 *
 * Pure: zod only. It reads zod 3's `_def` because zod has no public introspection API; an unknown
 * construct throws, so a new kind of field cannot slip past the editor unnoticed.
 */
import type { z } from 'zod';

export type Shape =
  /** `numeric`: a number is also accepted (a price, an answer), so digits are written as a number. */
  | { kind: 'text'; numeric?: true }
  | { kind: 'integer' }
  | { kind: 'number' }
  | { kind: 'boolean' }
  | { kind: 'date' }
  | { kind: 'select'; values: string[] }
  | { kind: 'list'; of: Shape }
  | { kind: 'object'; fields: Record<string, Field> }
  /** A discriminated union: `key` picks the variant, each variant lists its other fields. */
  | { kind: 'variants'; key: string; variants: Record<string, Record<string, Field>> }
  /** A map from ids the author chooses to values (a case's nodes, a claim form's boxes). */
  | { kind: 'record'; of: Shape }
  /** One of several shapes (a case's `next`: a node id or a list of rules). */
  | { kind: 'union'; options: Shape[] }
  /** A field that must not be written at all (a retired field kept only to explain its removal). */
  | { kind: 'absent' };

export interface Field {
  shape: Shape;
  /** The file must state it: neither optional nor defaulted. */
  required: boolean;
  /** null is a meaningful value (`maxAttempts: null` = unlimited). */
  nullable: boolean;
  /** What zod fills in when the file leaves it out. */
  default?: unknown;
}

/** Whether an author must fill the field in: the file must state it, null is no answer, and no optional group around it. */
export const mustFill = (field: Pick<Field, 'required' | 'nullable'>, inOptional: boolean): boolean => field.required && !field.nullable && !inOptional;

/** A field's label when its hint names none: "maxScore" reads "Max score". */
export const humanize = (key: string): string => key.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/^./, (c) => c.toUpperCase());

/** A YAML mapping as the content files hold it: a plain object, not a list, a date or null. */
export const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);

type AnyDef = { typeName: string } & Record<string, unknown>;
const defOf = (s: z.ZodTypeAny) => s._def as AnyDef;

/** The field a schema describes, with optional/default/nullable peeled off. */
export function describeField(schema: z.ZodTypeAny): Field {
  let s = schema;
  const field: Omit<Field, 'shape'> = { required: true, nullable: false };
  for (;;) {
    const def = defOf(s);
    if (def.typeName === 'ZodOptional') field.required = false;
    else if (def.typeName === 'ZodNullable') field.nullable = true;
    else if (def.typeName === 'ZodDefault') {
      field.required = false;
      field.default = (def.defaultValue as () => unknown)();
    } else if (def.typeName === 'ZodEffects') {
      // A refine, superRefine, transform or preprocess: the written shape is the inner schema's.
      s = def.schema as z.ZodTypeAny;
      continue;
    } else if (def.typeName === 'ZodPipeline') {
      s = def.in as z.ZodTypeAny;
      continue;
    } else break;
    s = def.innerType as z.ZodTypeAny;
  }
  return { ...field, shape: describe(s) };
}

/** The shape of one (unwrapped) schema. */
export function describe(schema: z.ZodTypeAny): Shape {
  const def = defOf(schema);
  switch (def.typeName) {
    case 'ZodString':
      return { kind: 'text' };
    case 'ZodNumber':
      return (def.checks as Array<{ kind: string }>).some((c) => c.kind === 'int') ? { kind: 'integer' } : { kind: 'number' };
    case 'ZodBoolean':
      return { kind: 'boolean' };
    case 'ZodDate':
      return { kind: 'date' };
    case 'ZodEnum':
      return { kind: 'select', values: [...(def.values as string[])] };
    case 'ZodLiteral':
      return { kind: 'select', values: [String(def.value)] };
    case 'ZodArray':
      return { kind: 'list', of: describeField(def.type as z.ZodTypeAny).shape };
    case 'ZodObject':
      return { kind: 'object', fields: describeObject(schema as z.AnyZodObject) };
    case 'ZodRecord':
      return { kind: 'record', of: describeField(def.valueType as z.ZodTypeAny).shape };
    case 'ZodUnknown':
      return { kind: 'absent' };
    case 'ZodDiscriminatedUnion': {
      const key = def.discriminator as string;
      const variants: Record<string, Record<string, Field>> = {};
      for (const option of def.options as z.AnyZodObject[]) {
        const { [key]: tag, ...rest } = describeObject(option);
        const values = tag?.shape.kind === 'select' ? tag.shape.values : [];
        for (const v of values) variants[v] = rest;
      }
      return { kind: 'variants', key, variants };
    }
    case 'ZodUnion': {
      const options = (def.options as z.ZodTypeAny[]).map((o) => describeField(o).shape);
      // `union([string, date])` (a placeholder or a date), `union([string, number])` (an answer
      // typed as either) and `union(['free', number])` (a cost) are all written as text.
      if (options.every((o) => ['text', 'date', 'number', 'integer', 'boolean', 'select'].includes(o.kind))) {
        return options.some((o) => o.kind === 'number' || o.kind === 'integer') ? { kind: 'text', numeric: true } : { kind: 'text' };
      }
      return { kind: 'union', options };
    }
    default:
      throw new Error(`the editor does not know zod's ${def.typeName}: teach src/lib/authoring/zod-shape.ts`);
  }
}

function describeObject(schema: z.AnyZodObject): Record<string, Field> {
  return Object.fromEntries(Object.entries(schema.shape as Record<string, z.ZodTypeAny>).map(([k, v]) => [k, describeField(v)]));
}
