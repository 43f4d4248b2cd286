/**
 * One schema: the editor's Keystatic fields and the zod content schemas must describe the same
 * files. editorShape walks a finished Keystatic schema (objects, lists, conditionals, select
 * options, and each field's own validation for "required"); compareShapes lists every field,
 * type, enum value or required flag found in one and not the other. test/unit/authoring-schema
 * runs it over every collection and lesson component.
 */
import type { ComponentSchema } from '@keystatic/core';
import { builtFrom } from './keystatic-fields';
import { mustFill, type Field, type Shape } from './zod-shape';

type Leaf = {
  kind: string;
  options?: Array<{ value: string }>;
  defaultValue?: () => unknown;
  validate?: (v: unknown) => unknown;
  fields?: Record<string, ComponentSchema>;
  element?: ComponentSchema;
  values?: Record<string, ComponentSchema>;
  discriminant?: ComponentSchema;
};

/** The editor's view of an object's fields, as a shape comparable with zod's. */
export function editorShape(of: Record<string, ComponentSchema>): Record<string, Field> {
  return Object.fromEntries(Object.entries(of).map(([k, f]) => [k, editorField(f)]));
}

function editorField(schema: ComponentSchema): Field {
  const f = schema as unknown as Leaf;
  const meta = builtFrom(schema);
  switch (f.kind) {
    case 'object':
      return { shape: { kind: 'object', fields: editorShape(f.fields!) }, required: meta?.required ?? true, nullable: false };
    case 'array':
      return { shape: { kind: 'list', of: editorField(f.element!).shape }, required: meta?.required ?? true, nullable: false };
    case 'conditional': {
      const key = meta?.shape.kind === 'variants' ? meta.shape.key : '?';
      const variants = Object.fromEntries(Object.entries(f.values!).map(([v, inner]) => [v, editorShape((inner as unknown as Leaf).fields ?? {})]));
      return { shape: { kind: 'variants', key, variants }, required: true, nullable: false };
    }
    case 'form': {
      if (f.options) return { shape: { kind: 'select', values: f.options.map((o) => o.value) }, required: meta?.required ?? true, nullable: false };
      const empty = f.defaultValue?.();
      // A checkbox always has a value; its required flag is zod's business (a default or not).
      if (typeof empty === 'boolean') return { shape: { kind: 'boolean' }, required: meta?.required ?? false, nullable: false };
      const kind = meta?.shape.kind ?? (typeof empty === 'string' ? 'text' : 'unknown');
      return { shape: { kind } as Shape, required: refusesEmpty(f, empty), nullable: meta?.nullable ?? false };
    }
    default:
      return { shape: { kind: f.kind } as Shape, required: false, nullable: false };
  }
}

/** Whether Keystatic's own validation refuses the field left empty. */
function refusesEmpty(f: Leaf, empty: unknown): boolean {
  try {
    f.validate?.(empty === undefined ? null : empty);
    return false;
  } catch {
    return true;
  }
}

/**
 * Every difference between the content schema's fields and the editor's, as "path: message".
 * A nullable field (`maxAttempts: null`) may be left empty in the form, so it counts as optional
 * there; so does every field of an optional object (a course's pilot).
 */
export function compareShapes(zod: Record<string, Field>, editor: Record<string, Field>, path = '', inOptional = false): string[] {
  const out: string[] = [];
  const at = (k: string) => (path ? `${path}.${k}` : k);
  for (const [k, z] of Object.entries(zod)) {
    if (z.shape.kind === 'absent') continue;
    const e = editor[k];
    if (!e) {
      out.push(`${at(k)}: in the content schema but not in the editor`);
      continue;
    }
    out.push(...compareField(z, e, at(k), inOptional));
  }
  for (const k of Object.keys(editor)) if (!(k in zod) || zod[k]!.shape.kind === 'absent') out.push(`${at(k)}: in the editor but not in the content schema`);
  return out;
}

function compareField(z: Field, e: Field, path: string, inOptional: boolean): string[] {
  const out: string[] = [];
  const zs = z.shape;
  const es = e.shape;
  if (zs.kind !== es.kind) return [`${path}: the content schema has a ${zs.kind}, the editor a ${es.kind}`];
  const checksRequired = !['boolean', 'select', 'object', 'list', 'variants'].includes(zs.kind);
  const zodRequired = mustFill(z, inOptional);
  if (checksRequired && zodRequired !== e.required) out.push(`${path}: required in ${zodRequired ? 'the content schema' : 'the editor'} only`);
  if (zs.kind === 'select' && es.kind === 'select') {
    const missing = zs.values.filter((v) => !es.values.includes(v));
    const extra = es.values.filter((v) => !zs.values.includes(v));
    if (missing.length) out.push(`${path}: the editor does not offer ${missing.join(', ')}`);
    if (extra.length) out.push(`${path}: the editor offers ${extra.join(', ')}, which the content schema refuses`);
  }
  if (zs.kind === 'object' && es.kind === 'object') out.push(...compareShapes(zs.fields, es.fields, path, inOptional || !z.required));
  if (zs.kind === 'list' && es.kind === 'list') out.push(...compareField({ shape: zs.of, required: true, nullable: false }, { shape: es.of, required: true, nullable: false }, `${path}[]`, inOptional));
  if (zs.kind === 'record' && es.kind === 'record') out.push(...compareField({ shape: zs.of, required: true, nullable: false }, { shape: es.of, required: true, nullable: false }, `${path}{}`, inOptional));
  if (zs.kind === 'union' && es.kind === 'union') {
    if (zs.options.length !== es.options.length) out.push(`${path}: the content schema allows ${zs.options.length} forms, the editor ${es.options.length}`);
    zs.options.forEach((o, i) => {
      const other = es.options[i];
      if (other) out.push(...compareField({ shape: o, required: true, nullable: false }, { shape: other, required: true, nullable: false }, `${path}|${i + 1}`, inOptional));
    });
  }
  if (zs.kind === 'variants' && es.kind === 'variants') {
    for (const v of new Set([...Object.keys(zs.variants), ...Object.keys(es.variants)])) {
      if (!zs.variants[v]) out.push(`${path}: the editor has a ${v} type the content schema does not`);
      else if (!es.variants[v]) out.push(`${path}: the content schema has a ${v} type the editor does not`);
      else out.push(...compareShapes(zs.variants[v]!, es.variants[v]!, `${path}(${v})`, inOptional));
    }
  }
  return out;
}
