/**
 * A case as its form holds it (a "draft"), between the file and the browser: every scalar is the
 * text of its input, a record is a list of `{ key, value }` entries in file order, and a `next` is
 * `{ to, rules }`. fromFile and toFile convert between the file's data and a draft; fromForm reads
 * the posted form (field names are dotted paths: `nodes.0.value.options.1.text`); applyOp adds or
 * removes a list item, which is how the form grows without JavaScript.
 *
 * Pure: no I/O. The save itself (house format, content checks) is ./case-file.ts.
 */
import type { Spec } from './case-form';
import { isPlainObject as isObj } from './zod-shape';

export type Draft = string | boolean | Draft[] | { [k: string]: Draft };
type Obj = { [k: string]: Draft };

/** The draft of a file's value (undefined: what a new, empty item starts as). */
export function fromFile(spec: Spec, v: unknown): Draft {
  switch (spec.kind) {
    case 'text':
    case 'integer':
    case 'number':
    case 'select':
      return v === undefined || v === null ? (spec.kind === 'select' && spec.required ? spec.values[0]! : '') : String(v);
    case 'date':
      return v instanceof Date ? v.toISOString().slice(0, 10) : v === undefined || v === null ? '' : String(v);
    case 'boolean':
      return typeof v === 'boolean' ? v : spec.default;
    case 'object':
      return Object.fromEntries(Object.entries(spec.fields).map(([k, f]) => [k, fromFile(f, isObj(v) ? v[k] : undefined)]));
    case 'list':
      return Array.isArray(v) ? v.map((x) => fromFile(spec.item, x)) : [];
    case 'record':
      return isObj(v) ? Object.entries(v).map(([key, x]) => ({ key, value: fromFile(spec.item, x) })) : [];
    case 'variants': {
      const tag = isObj(v) && typeof v[spec.key] === 'string' ? (v[spec.key] as string) : spec.required ? spec.first : '';
      const fields = spec.variants[tag] ?? {};
      return { [spec.key]: tag, ...Object.fromEntries(Object.entries(fields).map(([k, f]) => [k, fromFile(f, isObj(v) ? v[k] : undefined)])) };
    }
    case 'union': {
      const many = spec.options[1];
      return { to: typeof v === 'string' ? v : '', rules: Array.isArray(v) && many?.kind === 'list' ? v.map((x) => fromFile(many.item, x)) : [] };
    }
  }
}

const NUMBER = /^-?\d+(\.\d+)?$/;

/**
 * The file's value of a draft: empty inputs left out (so the check can say what is missing), numbers
 * as numbers, an unticked optional checkbox left out. `problems` collects what a file cannot hold
 * (two steps with one id).
 */
export function toFile(spec: Spec, d: Draft | undefined, problems: string[] = []): unknown {
  const text = typeof d === 'string' ? d.replace(/\r\n?/g, '\n') : '';
  switch (spec.kind) {
    case 'text':
      if (!text.trim()) return undefined;
      return spec.numeric && NUMBER.test(text.trim()) ? Number(text.trim()) : text;
    case 'integer':
    case 'number': {
      if (!text.trim()) return undefined;
      const n = Number(text.trim());
      return Number.isFinite(n) ? n : text;
    }
    case 'select':
    case 'date':
      return text ? text : undefined;
    case 'boolean':
      return d === true ? true : spec.required ? false : undefined;
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [k, f] of Object.entries(spec.fields)) {
        const v = toFile(f, isObj(d) ? (d as Obj)[k] : undefined, problems);
        if (v !== undefined) out[k] = v;
      }
      return Object.keys(out).length || spec.required ? out : undefined;
    }
    case 'list': {
      const items = (Array.isArray(d) ? d : []).map((x) => toFile(spec.item, x, problems)).filter((x) => x !== undefined);
      return items.length || spec.required ? items : undefined;
    }
    case 'record': {
      const out: Record<string, unknown> = {};
      for (const entry of Array.isArray(d) ? d : []) {
        const e = isObj(entry) ? (entry as Obj) : {};
        const key = typeof e.key === 'string' ? e.key.trim() : '';
        const value = toFile(spec.item, e.value, problems);
        if (!key && (value === undefined || (isObj(value) && Object.keys(value).length <= 1))) continue;
        if (Object.hasOwn(out, key)) problems.push(`${spec.label}: "${key}" is used by more than one ${spec.itemLabel}`);
        // A name without a value is written as null, so the check names it instead of it vanishing.
        out[key] = value === undefined ? null : value;
      }
      return Object.keys(out).length || spec.required ? out : undefined;
    }
    case 'variants': {
      const o = isObj(d) ? (d as Obj) : {};
      const tag = typeof o[spec.key] === 'string' ? (o[spec.key] as string) : '';
      const fields = spec.variants[tag];
      if (!fields) return undefined;
      const out: Record<string, unknown> = { [spec.key]: tag };
      for (const [k, f] of Object.entries(fields)) {
        const v = toFile(f, o[k], problems);
        if (v !== undefined) out[k] = v;
      }
      return out;
    }
    case 'union': {
      const o = isObj(d) ? (d as Obj) : {};
      const [one, many] = spec.options;
      const rules = many ? toFile(many, o.rules, problems) : undefined;
      if (Array.isArray(rules) && rules.length) return rules;
      return one ? toFile(one, o.to, problems) : undefined;
    }
  }
}

/** The posted form as nested plain values: `a.0.b` → { a: { 0: { b } } }. */
function nest(entries: Iterable<[string, string]>): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [name, value] of entries) {
    const path = name.split('.');
    if (path.some((p) => p === '' || p === '__proto__' || p === 'constructor' || p === 'prototype')) continue;
    let at = root;
    for (const p of path.slice(0, -1)) {
      if (!isObj(at[p])) at[p] = {};
      at = at[p] as Record<string, unknown>;
    }
    at[path[path.length - 1]!] = value;
  }
  return root;
}

/** A nested form object as an ordered list (keys are indexes). */
const ordered = (v: unknown): unknown[] =>
  isObj(v)
    ? Object.keys(v)
        .filter((k) => /^\d+$/.test(k))
        .sort((a, b) => Number(a) - Number(b))
        .map((k) => v[k])
    : [];

function read(spec: Spec, v: unknown): Draft {
  switch (spec.kind) {
    case 'boolean':
      return v === 'on' || v === 'true';
    case 'object':
      return Object.fromEntries(Object.entries(spec.fields).map(([k, f]) => [k, read(f, isObj(v) ? v[k] : undefined)]));
    case 'list':
      return ordered(v).map((x) => read(spec.item, x));
    case 'record':
      return ordered(v).map((x) => ({ key: typeof (x as Obj)?.key === 'string' ? ((x as Obj).key as string) : '', value: read(spec.item, isObj(x) ? x.value : undefined) }));
    case 'variants': {
      const o = isObj(v) ? v : {};
      const tag = typeof o[spec.key] === 'string' ? (o[spec.key] as string) : '';
      const fields = spec.variants[tag] ?? {};
      return { [spec.key]: tag, ...Object.fromEntries(Object.entries(fields).map(([k, f]) => [k, read(f, o[k])])) };
    }
    case 'union': {
      const o = isObj(v) ? v : {};
      const many = spec.options[1];
      return { to: typeof o.to === 'string' ? o.to : '', rules: many?.kind === 'list' ? ordered(o.rules).map((x) => read(many.item, x)) : [] };
    }
    default:
      return typeof v === 'string' ? v : '';
  }
}

/** The draft a posted form holds (only fields whose names the spec knows are read). */
export function fromForm(spec: Spec, entries: Iterable<[string, string]>): Draft {
  return read(spec, nest(entries));
}

/**
 * `add:<path>` appends an empty item to the list (or record) at path; `remove:<path>.<i>` removes
 * item i. Unknown paths change nothing.
 */
export function applyOp(spec: Spec, draft: Draft, op: string): Draft {
  const m = /^(add|remove):([\w.-]+)$/.exec(op);
  if (!m) return draft;
  const path = m[2]!.split('.');
  const index = m[1] === 'remove' ? Number(path.pop()) : -1;
  let s: Spec | undefined = spec;
  let d: Draft | undefined = draft;
  for (const p of path) {
    if (!s || d === undefined) return draft;
    [s, d] = step(s, d, p);
  }
  if (!s || !Array.isArray(d)) return draft;
  if (m[1] === 'remove') {
    if (Number.isInteger(index) && index >= 0 && index < d.length) d.splice(index, 1);
  } else if (s.kind === 'list') d.push(fromFile(s.item, undefined));
  else if (s.kind === 'record') d.push({ key: '', value: fromFile(s.item, undefined) });
  return draft;
}

/** One step down a path: the spec and the draft value under `p`. */
function step(s: Spec, d: Draft, p: string): [Spec | undefined, Draft | undefined] {
  const o = isObj(d) ? (d as Obj) : undefined;
  switch (s.kind) {
    case 'object':
      return [s.fields[p], o?.[p]];
    case 'list':
      return [s.item, Array.isArray(d) ? d[Number(p)] : undefined];
    case 'record':
      return [{ kind: 'object', label: '', required: true, fields: { key: s.key, value: s.item } }, Array.isArray(d) ? d[Number(p)] : undefined];
    case 'variants': {
      const tag = typeof o?.[s.key] === 'string' ? (o[s.key] as string) : '';
      return [s.variants[tag]?.[p], o?.[p]];
    }
    case 'union':
      return [p === 'rules' ? s.options[1] : p === 'to' ? s.options[0] : undefined, o?.[p]];
    default:
      return [undefined, undefined];
  }
}
