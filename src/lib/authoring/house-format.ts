/**
 * Between the files in content/ and the editor's forms. Keystatic keeps a discriminated union
 * (a question's `type`) as `{ discriminant, value }` and writes YAML its own way (js-yaml, no
 * comments); our files keep `type: single` beside the other fields, comments and the house layout.
 * So the editor's API (./keystatic-api.ts) reads files through toEditor and writes them through
 * writeYaml(toFile(...)), and a file the editor saves differs from the old one only where the
 * author changed something.
 *
 * House format of a new file (what writeYaml writes, and what docs/formats.md shows): two-space
 * indent, lines up to 100 characters with long text folded (`>-`), single quotes only where YAML
 * needs them, lists of plain values in brackets (`objectives: [a, b]`), values equal to the schema's
 * default left out.
 */
import { Document, isMap, isScalar, isSeq, parseDocument, type Node as YamlNode, type YAMLMap } from 'yaml';
import { isPlainObject as isObj, type Field, type Shape } from './zod-shape';

type Data = Record<string, unknown>;

/** A file's data (as `yaml` parses it) in the form Keystatic's fields expect. */
export function toEditor(shape: Shape, value: unknown): unknown {
  if (value === undefined || value === null) return value;
  switch (shape.kind) {
    case 'object':
      return isObj(value) ? mapFields(shape.fields, value, toEditor) : value;
    case 'list':
      return Array.isArray(value) ? value.map((v) => toEditor(shape.of, v)) : value;
    case 'variants': {
      if (!isObj(value)) return value;
      const { [shape.key]: tag, ...rest } = value;
      const fieldsOf = shape.variants[String(tag)];
      return { discriminant: tag, value: fieldsOf ? mapFields(fieldsOf, rest, toEditor) : rest };
    }
    case 'text':
      // An answer typed as a number (`431`) is text in the form.
      return typeof value === 'number' || typeof value === 'boolean' ? String(value) : value;
    case 'date':
      return value instanceof Date ? value.toISOString().slice(0, 10) : value;
    default:
      return value;
  }
}

/** What Keystatic saved, back in the file's shape: variants flattened, nulls and defaults settled. */
export function toFile(shape: Shape, value: unknown): unknown {
  switch (shape.kind) {
    case 'object':
      return isObj(value) ? settle(shape.fields, mapFields(shape.fields, value, toFile)) : value;
    case 'list':
      return Array.isArray(value) ? value.map((v) => toFile(shape.of, v)) : value;
    case 'text':
      return shape.numeric && typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value;
    case 'variants': {
      if (!isObj(value) || !('discriminant' in value)) return value;
      const tag = String(value.discriminant);
      const fieldsOf = shape.variants[tag] ?? {};
      const inner = isObj(value.value) ? value.value : {};
      return { [shape.key]: tag, ...(settle(fieldsOf, mapFields(fieldsOf, inner, toFile)) as Data) };
    }
    default:
      return value;
  }
}

function mapFields(of: Record<string, Field>, value: Data, f: (s: Shape, v: unknown) => unknown): Data {
  const out: Data = {};
  for (const [k, v] of Object.entries(value)) out[k] = of[k] ? f(of[k]!.shape, v) : v;
  return out;
}

/** A nullable field left empty is null; an empty optional object or unticked optional checkbox is left out. */
function settle(of: Record<string, Field>, value: Data): Data {
  const out: Data = {};
  for (const [k, field] of Object.entries(of)) {
    const v = value[k];
    if (v === undefined || v === null) {
      // An empty number field is null where null means something (`maxAttempts: null`, unlimited).
      if (field.nullable) out[k] = null;
      continue;
    }
    // An optional object (a course's pilot) left empty in the form is left out of the file.
    if (field.shape.kind === 'object' && !field.required && leftEmpty(field.shape.fields, v)) continue;
    // Keystatic always writes a checkbox; `correct: false` and `critical: false` say nothing.
    if (field.shape.kind === 'boolean' && !field.required && field.default === undefined && v === false) continue;
    out[k] = v;
  }
  return out;
}

/** A form object the author left alone: only its selects and checkboxes, which always hold a value, are set. */
function leftEmpty(of: Record<string, Field>, v: unknown): boolean {
  if (!isObj(v)) return isEmpty(v);
  return Object.entries(of).every(([k, f]) => f.shape.kind === 'select' || f.shape.kind === 'boolean' || isEmpty(v[k]));
}

function isEmpty(v: unknown): boolean {
  if (v === undefined || v === null || v === '' || v === false) return true;
  if (Array.isArray(v)) return v.length === 0;
  return isObj(v) && Object.values(v).every(isEmpty);
}

const LINE_WIDTH = 100;
const options = { indent: 2, indentSeq: true, lineWidth: LINE_WIDTH, minContentWidth: 0, singleQuote: true, flowCollectionPadding: false } as const;

/**
 * The YAML text of `data`. With `previous` (the file as it is now) only what changed is rewritten,
 * in place: every other byte (comments, quotes, folded lines, flow or block style) stays as the
 * author left it, and a value equal to the schema default is left out only if the old file left it
 * out too.
 */
export function writeYaml(data: Data, shape: Shape, previous?: string): string {
  if (previous === undefined) return render(data, shape);
  const doc = parseDocument(previous);
  if (!isMap(doc.contents)) return render(data, shape);
  const edits: Edit[] = [];
  patch(previous, doc.contents, data, shape, 0, edits);
  let out = previous;
  for (const e of edits.sort((a, b) => b.from - a.from)) out = out.slice(0, e.from) + e.text + out.slice(e.to);
  return out;
}

interface Edit {
  from: number;
  to: number;
  text: string;
}

/** A whole new file (or part of one) in the house format. */
function render(value: unknown, shape: Shape | undefined): string {
  const doc = new Document({});
  doc.contents = build(doc, value, shape) as typeof doc.contents;
  return doc.toString(options);
}

const columnOf = (text: string, at: number) => at - (text.lastIndexOf('\n', at - 1) + 1);
const isBlock = (node: unknown) => (isMap(node) || isSeq(node)) && !node.flow;

/**
 * Edits that turn `node` (inside `text`) into `value`. `keyCol` is the column of the key that holds
 * it, where a block value replacing an inline one starts its lines.
 */
function patch(text: string, node: YamlNode, value: unknown, shape: Shape | undefined, keyCol: number, edits: Edit[], inFlow = false): void {
  const flow = inFlow || ((isMap(node) || isSeq(node)) && Boolean(node.flow));
  if (isMap(node) && isObj(value)) {
    const of = fieldsOf(shape, value);
    const keys = node.items.map((p) => (isScalar(p.key) ? String(p.key.value) : String(p.key)));
    const wanted = Object.keys(value).filter((k) => value[k] !== undefined && (keys.includes(k) || !isDefault(of?.[k], value[k])));
    if (keys.length === wanted.length && keys.every((k) => wanted.includes(k))) {
      for (const pair of node.items) {
        const k = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
        const col = isScalar(pair.key) && pair.key.range ? columnOf(text, pair.key.range[0]) : keyCol;
        if (pair.value) patch(text, pair.value as YamlNode, value[k], of?.[k]?.shape, col, edits, flow);
      }
      return;
    }
    // A key added or removed: patch the others in place, drop the removed pairs' lines and add the
    // new keys after the last one, so the rest of the file (comments included) is untouched.
    if (!flow && patchKeys(text, node, value, of, wanted, edits)) return;
  } else if (isSeq(node) && Array.isArray(value) && node.items.length === value.length) {
    const itemShape = shape?.kind === 'list' ? shape.of : undefined;
    node.items.forEach((item, i) => {
      const col = (item as YamlNode).range ? columnOf(text, (item as YamlNode).range![0]) : keyCol;
      patch(text, item as YamlNode, value[i], itemShape, col, edits, flow);
    });
    return;
  } else if (isScalar(node) && sameValue(node.value, value)) {
    return;
  }
  replace(text, node, value, shape, keyCol, edits, inFlow);
}

/** Key-by-key edits of a block map whose keys changed; false when the map has no key to keep. */
function patchKeys(text: string, node: YAMLMap, value: Data, of: Record<string, Field> | undefined, wanted: string[], edits: Edit[]): boolean {
  const keyOf = (p: YAMLMap['items'][number]) => (isScalar(p.key) ? String(p.key.value) : String(p.key));
  const kept = node.items.filter((p) => wanted.includes(keyOf(p)));
  if (kept.length === 0 || !node.items.every((p) => isScalar(p.key) && p.key.range)) return false;
  let end = 0;
  let col = 0;
  for (const pair of node.items) {
    const keyStart = (pair.key as YamlNode).range![0];
    const valueEnd = trimEnd(text, (pair.value as YamlNode | null)?.range?.[1] ?? (pair.key as YamlNode).range![1]);
    if (kept.includes(pair)) {
      col = columnOf(text, keyStart);
      if (pair.value) patch(text, pair.value as YamlNode, value[keyOf(pair)], of?.[keyOf(pair)]?.shape, col, edits);
      end = Math.max(end, valueEnd);
    } else {
      const lineStart = text.lastIndexOf('\n', keyStart - 1) + 1;
      const next = text.indexOf('\n', valueEnd);
      edits.push({ from: lineStart, to: next === -1 ? text.length : next + 1, text: '' });
    }
  }
  const added = wanted.filter((k) => !node.items.some((p) => keyOf(p) === k));
  if (added.length) {
    const doc = new Document({});
    const map = doc.createNode({}) as YamlNode;
    if (!isMap(map)) throw new Error('unreachable');
    for (const k of added) map.set(k, build(doc, value[k], of?.[k]?.shape));
    doc.contents = map as typeof doc.contents;
    const lines = doc.toString(options).replace(/\n$/, '').split('\n');
    edits.push({ from: end, to: end, text: '\n' + lines.map((l) => (l === '' ? l : ' '.repeat(col) + l)).join('\n') });
  }
  return true;
}

/** Writes `value` over `node`'s source, indented to fit where the node sits. */
function replace(text: string, node: YamlNode, value: unknown, shape: Shape | undefined, keyCol: number, edits: Edit[], inFlow: boolean): void {
  const [from, to] = node.range!;
  const doc = new Document({});
  const built = build(doc, value, shape, inFlow);
  doc.contents = built as typeof doc.contents;
  const rendered = doc.toString(options).replace(/\n$/, '');
  if (isBlock(built)) {
    const lines = rendered.split('\n');
    if (isBlock(node)) {
      const col = columnOf(text, from);
      edits.push({ from, to: trimEnd(text, to), text: lines.map((l, i) => (i === 0 || l === '' ? l : ' '.repeat(col) + l)).join('\n') });
    } else {
      const pad = ' '.repeat(keyCol + 2);
      const start = text.lastIndexOf(':', from) + 1;
      edits.push({ from: start, to: trimEnd(text, to), text: '\n' + lines.map((l) => (l === '' ? l : pad + l)).join('\n') });
    }
  } else if (isBlock(node)) {
    // A block list or map becomes one line (`[]`): it goes after the key's colon.
    const start = text.lastIndexOf(':', from) + 1;
    edits.push({ from: start, to: trimEnd(text, to), text: ` ${rendered}` });
  } else {
    // A changed text keeps the old one's quoting (plain, 'single', "double", >- folded) where it can.
    if (isScalar(node) && isScalar(built) && typeof value === 'string') built.type = node.type;
    const pad = ' '.repeat(keyCol + 2);
    edits.push({ from, to: trimEnd(text, to), text: doc.toString(options).replace(/\n$/, '').split('\n').map((l, i) => (i === 0 || l === '' ? l : pad + l.replace(/^ {2}/, ''))).join('\n') });
  }
}

/** The end of a node's own text, without the line breaks a block node's range takes in. */
function trimEnd(text: string, to: number): number {
  while (to > 0 && (text[to - 1] === '\n' || text[to - 1] === ' ')) to--;
  return to;
}

const isDefault = (field: Field | undefined, v: unknown) => field?.default !== undefined && sameValue(field.default, v);

/** A YAML node for `value` in the house style. */
function build(doc: Document, value: unknown, shape: Shape | undefined, inFlow = false): YamlNode {
  if (isObj(value)) {
    const of = fieldsOf(shape, value);
    const map = doc.createNode({}) as YamlNode;
    if (!isMap(map)) throw new Error('unreachable');
    for (const [k, v] of Object.entries(value)) {
      if (v === undefined || isDefault(of?.[k], v)) continue;
      map.set(k, build(doc, v, of?.[k]?.shape, inFlow));
    }
    return map;
  }
  if (Array.isArray(value)) {
    const itemShape = shape?.kind === 'list' ? shape.of : undefined;
    const seq = doc.createNode([]) as YamlNode;
    if (!isSeq(seq)) throw new Error('unreachable');
    // Lists of plain values go in brackets: `objectives: [navigate, numbering]`.
    const flow = inFlow || value.every((v) => !isObj(v) && !Array.isArray(v));
    seq.items = value.map((v) => build(doc, v, itemShape, flow));
    seq.flow = flow;
    return seq;
  }
  const scalar = doc.createNode(value) as YamlNode;
  // Long text is folded (`>-`) rather than run past the line width.
  if (!inFlow && isScalar(scalar) && typeof value === 'string' && value.length > 72 && !value.includes('\n')) scalar.type = 'BLOCK_FOLDED';
  return scalar;
}

function fieldsOf(shape: Shape | undefined, value: Data): Record<string, Field> | undefined {
  if (shape?.kind === 'object') return shape.fields;
  if (shape?.kind === 'variants') return shape.variants[String(value[shape.key])];
  return undefined;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Date || b instanceof Date) return String(a instanceof Date ? a.toISOString().slice(0, 10) : a) === String(b instanceof Date ? b.toISOString().slice(0, 10) : b);
  if (typeof a === 'number' && typeof b === 'string') return String(a) === b;
  if (typeof a === 'string' && typeof b === 'number') return a === String(b);
  return JSON.stringify(a) === JSON.stringify(b);
}
