/**
 * The case editor's form (issue 22 item 3), built from the case schema (src/lib/shared/schemas/
 * simulation.ts) like the Keystatic forms are built from theirs: one schema. Keystatic has no form
 * for a map keyed by ids the author chooses (a case's steps, its state variables, an option's
 * effects) nor for a field that is either a step id or a list of rules (`next`), so cases get their
 * own plain form on /author/cases/<id> (./pages/cases.astro), which this spec drives.
 *
 * A record is shown as a list of entries, each with its key (the step id) and its value; `next`
 * as a choice of step (every step id of the case, endings marked) or a list of rules.
 * test/unit/authoring-schema.test.ts walks specShape(caseSpec) against the zod schema.
 *
 * Isomorphic and pure: zod only.
 */
import type { z } from 'zod';
import { scenarioSchema } from '~/lib/shared/schemas/simulation';
import { describeField, humanize, mustFill, type Field, type Shape } from './zod-shape';

interface Common {
  label: string;
  /** The file must state it (neither optional nor defaulted, and not inside an optional object). */
  required: boolean;
  help?: string;
}

export type Spec = Common &
  (
    | { kind: 'text'; multiline?: boolean; /** A step id: offered as a choice of the case's steps. */ target?: boolean; numeric?: boolean }
    | { kind: 'integer' | 'number' | 'date' }
    | { kind: 'boolean'; default: boolean }
    | { kind: 'select'; values: string[] }
    | { kind: 'object'; fields: Record<string, Spec> }
    | { kind: 'list'; item: Spec; itemLabel: string }
    | { kind: 'record'; key: Spec; item: Spec; itemLabel: string }
    | { kind: 'variants'; key: string; variants: Record<string, Record<string, Spec>>; first: string }
    | { kind: 'union'; options: Spec[] }
  );

/** Labels and help by field name (the same name means the same thing everywhere in a case). */
interface Hint {
  label?: string;
  help?: string;
  multiline?: boolean;
  target?: boolean;
  /** A list's or record's item, as a word: "option", "step". */
  item?: string;
  /** A record's key label. */
  key?: string;
  /** The variant a new item starts as. */
  first?: string;
}

const caseHints: Record<string, Hint> = {
  summary: { multiline: true },
  role: { multiline: true, help: 'Who the learner plays, and where' },
  objectives: { item: 'objective', help: 'Objective ids of the course' },
  minutes: { help: 'Whole minutes a run takes' },
  passThreshold: { label: 'Pass threshold', help: 'Percent of the maximum score needed to pass' },
  state: { label: 'State variables', item: 'variable', key: 'Variable name' },
  start: { label: 'Start step', target: true },
  nodes: { label: 'Steps', item: 'step', key: 'Step id', first: 'choice' },
  narrative: { multiline: true },
  prompt: { multiline: true },
  feedback: { multiline: true },
  debrief: { multiline: true },
  otherwise: { multiline: true },
  options: { item: 'option' },
  next: { label: 'Leads to', target: true, item: 'rule' },
  nextOnFail: { label: 'After the last wrong try', target: true },
  to: { label: 'Leads to', target: true },
  effects: { item: 'effect', key: 'Variable' },
  boxes: { item: 'box', key: 'Box' },
  critical: { label: 'Critical mistake', help: 'The run fails whatever else happens; route it to a bad ending' },
  good: { label: 'Good ending' },
  lines: { item: 'line' },
  accepted: { item: 'accepted answer' },
  wrong: { item: 'wrong answer' },
  hints: { item: 'hint' },
  fields: { item: 'field' },
  elements: { item: 'element' },
  rubric: { item: 'rubric line' },
  rows: { item: 'row' },
  teeth: { item: 'tooth' },
  include: { item: 'element id' },
  exclude: { item: 'element id' },
  if: { label: 'If', help: 'Leave empty on the last rule (the default route)' },
  maxTries: { label: 'Tries' },
};


/** The form spec of an object schema; `hints` by field name. */
export function formSpec(schema: z.ZodTypeAny, hints: Record<string, Hint> = caseHints): Extract<Spec, { kind: 'object' }> {
  const spec = specOf('', describeField(schema), hints, false);
  if (spec.kind !== 'object') throw new Error('formSpec takes an object schema');
  return spec;
}

function specOf(key: string, field: Field, hints: Record<string, Hint>, inOptional: boolean): Spec {
  const h = hints[key] ?? {};
  const common: Common = { label: h.label ?? humanize(key), required: mustFill(field, inOptional), ...(h.help ? { help: h.help } : {}) };
  const s = field.shape;
  const item = (of: Shape) => specOf(key, { shape: of, required: true, nullable: false }, hints, false);
  switch (s.kind) {
    case 'text':
      return { ...common, kind: 'text', ...(h.multiline ? { multiline: true } : {}), ...(h.target ? { target: true } : {}), ...(s.numeric ? { numeric: true } : {}) };
    case 'integer':
    case 'number':
    case 'date':
      return { ...common, kind: s.kind };
    case 'boolean':
      return { ...common, kind: 'boolean', default: field.default === true };
    case 'select':
      return { ...common, kind: 'select', values: s.values };
    case 'object':
      return { ...common, kind: 'object', fields: fieldsOf(s.fields, hints, inOptional || !field.required) };
    case 'list':
      return { ...common, kind: 'list', item: { ...item(s.of), label: humanize(h.item ?? 'item') }, itemLabel: h.item ?? 'item' };
    case 'record':
      return {
        ...common,
        kind: 'record',
        key: { kind: 'text', label: h.key ?? 'Name', required: true },
        item: { ...item(s.of), label: 'Value' },
        itemLabel: h.item ?? 'entry',
      };
    case 'variants': {
      const variants = Object.fromEntries(Object.entries(s.variants).map(([v, of]) => [v, fieldsOf(of, hints, false)]));
      return { ...common, kind: 'variants', key: s.key, variants, first: h.first && h.first in variants ? h.first : Object.keys(variants)[0]! };
    }
    case 'union':
      return { ...common, kind: 'union', options: s.options.map((o) => item(o)) };
    default:
      throw new Error(`${key}: the case form has no field for a ${s.kind}`);
  }
}

function fieldsOf(of: Record<string, Field>, hints: Record<string, Hint>, optional: boolean): Record<string, Spec> {
  const out: Record<string, Spec> = {};
  for (const [k, f] of Object.entries(of)) if (f.shape.kind !== 'absent') out[k] = specOf(k, f, hints, optional);
  return out;
}

/** The case form. */
export const caseSpec = formSpec(scenarioSchema);

/** The form's fields as the drift test compares them with zod's (./drift.ts compareShapes). */
export function specShape(spec: Spec): Field {
  const field = (shape: Shape, required = spec.required): Field => ({ shape, required, nullable: false });
  const fields = (of: Record<string, Spec>) => Object.fromEntries(Object.entries(of).map(([k, v]) => [k, specShape(v)]));
  switch (spec.kind) {
    case 'text':
      return field(spec.numeric ? { kind: 'text', numeric: true } : { kind: 'text' });
    case 'integer':
    case 'number':
    case 'date':
      return field({ kind: spec.kind });
    case 'boolean':
      return field({ kind: 'boolean' });
    case 'select':
      return field({ kind: 'select', values: spec.values });
    case 'object':
      return field({ kind: 'object', fields: fields(spec.fields) });
    case 'list':
      return field({ kind: 'list', of: specShape(spec.item).shape });
    case 'record':
      return field({ kind: 'record', of: specShape(spec.item).shape });
    case 'variants':
      return field({ kind: 'variants', key: spec.key, variants: Object.fromEntries(Object.entries(spec.variants).map(([v, of]) => [v, fields(of)])) });
    case 'union':
      return field({ kind: 'union', options: spec.options.map((o) => specShape(o).shape) });
  }
}
