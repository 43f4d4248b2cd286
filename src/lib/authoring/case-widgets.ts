/**
 * The case form as a tree of widgets (./pages/CaseField.astro draws it): a draft (./case-draft.ts)
 * and its spec (./case-form.ts) become labelled inputs, fieldsets per step and option, "Add" and
 * "Remove" buttons, and the save's findings placed beside the step and the option they name.
 *
 * Field names are the draft's dotted paths, so the posted form reads back with fromForm.
 */
import type { Spec } from './case-form';
import type { Draft } from './case-draft';

export type Widget =
  | { kind: 'text'; name: string; id: string; label: string; value: string; required: boolean; multiline: boolean; help?: string; inputMode?: 'numeric' | 'decimal' }
  | { kind: 'checkbox'; name: string; id: string; label: string; checked: boolean; help?: string }
  | { kind: 'select'; name: string; id: string; label: string; value: string; required: boolean; options: Array<{ value: string; label: string }>; help?: string; apply?: string }
  | {
      kind: 'group';
      legend: string;
      anchor?: string;
      findings: string[];
      children: Widget[];
      remove?: { op: string; label: string };
      /** Drawn folded under a summary line (a step of a long case), open or closed. */
      fold?: { summary: string; open: boolean };
    }
  | { kind: 'item'; child: Widget; remove: { op: string; label: string } }
  | { kind: 'list'; legend: string; help?: string; children: Widget[]; add: { op: string; label: string } };

type Obj = { [k: string]: Draft };
const obj = (d: Draft | undefined): Obj => (typeof d === 'object' && d !== null && !Array.isArray(d) ? d : {});
const str = (d: Draft | undefined) => (typeof d === 'string' ? d : '');
const domId = (name: string) => `f-${name.replace(/\./g, '-')}`;

/** A step a `next` may name, and how the choice reads ("done: good ending"). */
export interface Target {
  id: string;
  label: string;
}

/** Findings by step id and by step id + option/field id, parsed from the content check's messages. */
export interface PlacedFindings {
  steps: Map<string, string[]>;
  items: Map<string, string[]>;
}

/** Where each finding belongs: `node "x"` names a step, `option "y"` / `field "y"` an item in it. */
export function placeFindings(findings: string[]): PlacedFindings {
  const placed: PlacedFindings = { steps: new Map(), items: new Map() };
  const add = (m: Map<string, string[]>, k: string, f: string) => m.set(k, [...(m.get(k) ?? []), f]);
  for (const f of findings) {
    const m = /node "([^"]+)"(?:: (?:option|field) "([^"]+)")?/.exec(f);
    if (!m) continue;
    if (m[2]) add(placed.items, `${m[1]}/${m[2]}`, f);
    else add(placed.steps, m[1]!, f);
  }
  return placed;
}

interface Ctx {
  targets: Target[];
  placed: PlacedFindings;
  /** The step being drawn, for placing an option's findings. */
  step?: string;
}

const helpOf = (s: Spec) => (s.help ? { help: s.help } : {});
const labelOf = (s: Spec) => (s.required ? s.label : `${s.label} (optional)`);

/** The widgets of one field. `name`: its dotted path in the form. */
function widget(spec: Spec, d: Draft | undefined, name: string, ctx: Ctx, label = labelOf(spec)): Widget {
  const id = domId(name);
  switch (spec.kind) {
    case 'text':
      if (spec.target) {
        const value = str(d);
        const known = ctx.targets.some((t) => t.id === value);
        const options = [{ value: '', label: '(choose a step)' }, ...ctx.targets.map((t) => ({ value: t.id, label: t.label })), ...(value && !known ? [{ value, label: `${value} (no such step)` }] : [])];
        return { kind: 'select', name, id, label, value, required: spec.required, options, ...helpOf(spec) };
      }
      return { kind: 'text', name, id, label, value: str(d), required: spec.required, multiline: spec.multiline === true, ...helpOf(spec), ...(spec.numeric ? { inputMode: 'decimal' as const } : {}) };
    case 'integer':
    case 'number':
      return { kind: 'text', name, id, label, value: str(d), required: spec.required, multiline: false, inputMode: spec.kind === 'integer' ? 'numeric' : 'decimal', ...helpOf(spec) };
    case 'date':
      return { kind: 'text', name, id, label: `${label}, as YYYY-MM-DD`, value: str(d), required: spec.required, multiline: false, ...helpOf(spec) };
    case 'boolean':
      return { kind: 'checkbox', name, id, label: spec.label, checked: d === true, ...helpOf(spec) };
    case 'select': {
      const options = [...(spec.required ? [] : [{ value: '', label: '(none)' }]), ...spec.values.map((v) => ({ value: v, label: v }))];
      return { kind: 'select', name, id, label, value: str(d), required: spec.required, options, ...helpOf(spec) };
    }
    case 'object':
      return { kind: 'group', legend: label, findings: [], children: Object.entries(spec.fields).map(([k, f]) => widget(f, obj(d)[k], `${name}.${k}`, ctx)) };
    case 'list': {
      const items = Array.isArray(d) ? d : [];
      const word = spec.itemLabel;
      const children = items.map((x, i): Widget => {
        const remove = { op: `remove:${name}.${i}`, label: `Remove ${word} ${i + 1}` };
        const itemName = `${name}.${i}`;
        const inner = widget(spec.item, x, itemName, ctx, `${cap(word)} ${i + 1}`);
        if (inner.kind !== 'group') return { kind: 'item', child: inner, remove };
        const itemId = str(obj(x).id);
        const findings = ctx.step && itemId ? (ctx.placed.items.get(`${ctx.step}/${itemId}`) ?? []) : [];
        return { ...inner, legend: `${cap(word)} ${i + 1}${itemId ? `: ${itemId}` : ''}`, findings, remove };
      });
      return { kind: 'list', legend: label, ...helpOf(spec), children, add: { op: `add:${name}`, label: `Add ${article(word)}` } };
    }
    case 'record': {
      const entries = Array.isArray(d) ? d : [];
      const word = spec.itemLabel;
      // The scenario's steps (its `nodes` record) get anchors, findings beside them and folding,
      // decided by the field rather than by the word the form shows for its items.
      const isStep = name === 'nodes';
      const children = entries.map((e, i): Widget => {
        const key = str(obj(e).key);
        const itemName = `${name}.${i}`;
        const keyWidget = widget(spec.key, key, `${itemName}.key`, ctx);
        const inner = widget(spec.item, obj(e).value, `${itemName}.value`, key && isStep ? { ...ctx, step: key } : ctx, spec.item.label);
        const body = inner.kind === 'group' ? inner.children : [inner];
        const stepFindings = isStep && key ? (ctx.placed.steps.get(key) ?? []) : [];
        return {
          kind: 'group',
          legend: `${cap(word)} ${i + 1}${key ? `: ${key}` : ''}`,
          ...(isStep && key ? { anchor: `edit-${key}` } : {}),
          findings: stepFindings,
          ...(isStep ? { fold: { summary: `${key || `Step ${i + 1} (no id yet)`}: ${str(obj(obj(e).value).type) || 'no kind'}`, open: entries.length <= FOLD_AFTER || !key || stepFindings.length > 0 } } : {}),
          children: [keyWidget, ...body],
          remove: { op: `remove:${name}.${i}`, label: `Remove ${word} ${i + 1}${key ? ` (${key})` : ''}` },
        };
      });
      return { kind: 'list', legend: label, ...helpOf(spec), children, add: { op: `add:${name}`, label: `Add ${article(word)}` } };
    }
    case 'variants': {
      const o = obj(d);
      const tag = str(o[spec.key]);
      const values = Object.keys(spec.variants);
      const select: Widget = {
        kind: 'select',
        name: `${name}.${spec.key}`,
        id: domId(`${name}.${spec.key}`),
        label: spec.key === 'type' ? 'Kind of step' : cap(spec.key),
        value: tag,
        required: spec.required,
        options: [...(spec.required ? [] : [{ value: '', label: '(none)' }]), ...values.map((v) => ({ value: v, label: v }))],
        apply: 'refresh',
      };
      const fields = spec.variants[tag] ?? {};
      return { kind: 'group', legend: label, findings: [], children: [select, ...Object.entries(fields).map(([k, f]) => widget(f, o[k], `${name}.${k}`, ctx))] };
    }
    case 'union': {
      const o = obj(d);
      const [one, many] = spec.options;
      const children: Widget[] = [];
      if (one) children.push(widget(one, o.to, `${name}.to`, ctx, 'Next step'));
      if (many) children.push(widget({ ...many, label: 'Or, by rules (the first that holds wins)' }, o.rules, `${name}.rules`, ctx));
      return { kind: 'group', legend: labelOf(spec), findings: [], children };
    }
  }
}

/**
 * A case with more steps than this shows each step folded (its id and kind), except a step with a
 * finding or without an id yet: a long case stays a list an author can scan.
 */
const FOLD_AFTER = 6;

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const article = (word: string) => `${/^[aeiou]/.test(word) ? 'an' : 'a'} ${word}`;

/** The steps a `next` may name: every step id of the draft, endings marked good or bad. */
function targetsOf(nodes: Draft | undefined): Target[] {
  const out: Target[] = [];
  for (const e of Array.isArray(nodes) ? nodes : []) {
    const key = str(obj(e).key).trim();
    if (!key || out.some((t) => t.id === key)) continue;
    const v = obj(obj(e).value);
    out.push({ id: key, label: v.type === 'end' ? `${key} (${v.good === true ? 'good' : 'bad'} ending)` : key });
  }
  return out;
}

/** The whole form's widgets (the fields of the case, in schema order). */
export function caseWidgets(spec: Extract<Spec, { kind: 'object' }>, draft: Draft, findings: string[]): Widget[] {
  const ctx: Ctx = { targets: targetsOf(obj(draft).nodes), placed: placeFindings(findings) };
  return Object.entries(spec.fields).map(([k, f]) => widget(f, obj(draft)[k], k, ctx));
}

/** What the browser posts for these widgets (tests use it to play a form through without one). */
export function posted(widgets: Widget[]): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const walk = (w: Widget) => {
    if (w.kind === 'text' || w.kind === 'select') out.push([w.name, w.value]);
    else if (w.kind === 'checkbox') {
      if (w.checked) out.push([w.name, 'on']);
    } else if (w.kind === 'item') walk(w.child);
    else w.children.forEach(walk);
  };
  widgets.forEach(walk);
  return out;
}
