/**
 * Keystatic form fields built from the content schemas (one schema: the zod schemas in
 * src/lib/shared/schemas are the source, see ./zod-shape.ts). Adding a field to a schema adds it to
 * the editor; a label for a field the schema does not have stops the editor from loading.
 *
 * Every field built here is remembered with the shape it stands for, so the drift test can walk the
 * finished Keystatic config and compare it with the zod schemas field by field.
 */
import { fields } from '@keystatic/core';
import type { ComponentSchema } from '@keystatic/core';
import type { z } from 'zod';
import { describeField, humanize, mustFill, type Field, type Shape } from './zod-shape';

/** Labels and help text by dotted field path (`agd.code`, `options.correct`); list items add no step. */
export type Hints = Record<string, { label?: string; description?: string; multiline?: boolean }>;

const built = new WeakMap<object, Field>();
/** The field a Keystatic field was built for (the drift test's view of the editor). */
export const builtFrom = (f: object): Field | undefined => built.get(f);


/** Keystatic fields for every field of an object schema. */
export function editorFields(schema: z.ZodTypeAny, hints: Hints = {}): Record<string, ComponentSchema> {
  const { shape } = describeField(schema);
  if (shape.kind !== 'object') throw new Error('editorFields takes an object schema');
  const used = new Set<string>();
  const out = objectFields(shape.fields, '', hints, used);
  const unknown = Object.keys(hints).filter((k) => !used.has(k));
  if (unknown.length) throw new Error(`editor labels name fields the schema does not have: ${unknown.join(', ')}`);
  return out;
}

/** `optional`: the object itself may be left out (a course's pilot), so none of its fields is required in the form. */
function objectFields(of: Record<string, Field>, prefix: string, hints: Hints, used: Set<string>, optional = false): Record<string, ComponentSchema> {
  const out: Record<string, ComponentSchema> = {};
  for (const [key, field] of Object.entries(of)) {
    if (field.shape.kind === 'absent') continue;
    out[key] = fieldFor(key, field, prefix ? `${prefix}.${key}` : key, hints, used, optional);
  }
  return out;
}

function fieldFor(key: string, field: Field, path: string, hints: Hints, used: Set<string>, inOptional = false): ComponentSchema {
  const hint = hints[path];
  if (hint) used.add(path);
  const label = hint?.label ?? humanize(key);
  const description = hint?.description;
  const isRequired = mustFill(field, inOptional);
  const s = field.shape;
  let out: ComponentSchema;
  switch (s.kind) {
    case 'text':
      out = fields.text({ label, description, multiline: hint?.multiline, validation: { isRequired } });
      break;
    case 'integer':
      out = fields.integer({ label, description, validation: { isRequired }, defaultValue: typeof field.default === 'number' ? field.default : undefined });
      break;
    case 'number':
      out = fields.number({ label, description, validation: { isRequired }, defaultValue: typeof field.default === 'number' ? field.default : undefined });
      break;
    case 'boolean':
      out = fields.checkbox({ label, description, defaultValue: field.default === true });
      break;
    case 'date':
      out = fields.date({ label, description, validation: { isRequired } });
      break;
    case 'select':
      out = select(label, s.values, typeof field.default === 'string' ? field.default : undefined, description);
      break;
    case 'list': {
      const item: Field = { shape: s.of, required: true, nullable: false };
      const element =
        s.of.kind === 'object'
          ? fields.object(objectFields(s.of.fields, path, hints, used))
          : s.of.kind === 'variants'
            ? variants(s.of, path, hints, used)
            : fieldFor(key, item, `${path}[]`, hints, used);
      out = fields.array(element, { label, description, itemLabel: itemLabel(s.of) });
      break;
    }
    case 'object':
      out = fields.object(objectFields(s.fields, path, hints, used, inOptional || !field.required), { label, description: description ?? (field.required ? undefined : 'Optional: leave every field empty to leave it out') });
      break;
    case 'variants':
      out = variants(s, path, hints, used);
      break;
    default:
      throw new Error(`${path}: the editor has no form for a ${s.kind} field yet`);
  }
  built.set(out, field);
  return out;
}

/** A discriminated union as Keystatic's conditional: pick the type, then fill in its fields. */
function variants(s: Extract<Shape, { kind: 'variants' }>, path: string, hints: Hints, used: Set<string>): ComponentSchema {
  const values = Object.fromEntries(Object.entries(s.variants).map(([v, rest]) => [v, fields.object(objectFields(rest, path, hints, used))]));
  const out = fields.conditional(select(humanize(s.key), Object.keys(s.variants), undefined), values);
  built.set(out, { shape: s, required: true, nullable: false });
  return out;
}

function select(label: string, values: string[], defaultValue: string | undefined, description?: string) {
  return fields.select({ label, description, options: values.map((v) => ({ label: v, value: v })), defaultValue: defaultValue ?? values[0]! });
}

/** What a list shows for each item: its value, or its id and text, or a question's type and id. */
function itemLabel(of: Shape): (props: unknown) => string {
  const keys = of.kind === 'object' ? ['id', 'code', 'name', 'title', 'text', 'left'].filter((k) => k in of.fields) : [];
  return (props: unknown) => {
    const p = props as { value?: unknown; discriminant?: unknown; fields?: Record<string, { value?: unknown }> };
    let label = '';
    if (of.kind === 'variants') {
      const inner = p.value as { fields?: Record<string, { value?: unknown }> } | undefined;
      label = `${String(p.discriminant)}: ${String(inner?.fields?.id?.value ?? '')}`;
    } else if (of.kind === 'object') {
      label = keys.map((k) => p.fields?.[k]?.value).filter((v) => typeof v === 'string' && v).join(': ');
    } else if (p.value !== null && p.value !== undefined) label = String(p.value);
    return label || 'New item';
  };
}
