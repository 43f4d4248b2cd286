/**
 * Where in the editor's form a content-check finding belongs (issue 22: "each finding next to its
 * field"). The checks speak in files, lines and field paths (`questions[2].options`, or in a lesson
 * `:41: <Checkpoint> answer`); the editor shows forms with labels, lists and component blocks. This
 * turns one into the other by walking the Keystatic schema the form was built from, so a label is
 * never typed twice. The editor page's script (./finding-marks.ts) finds the field by that label.
 *
 * A target is a path of steps from the form (the Nth block of a lesson component, the Nth item of a
 * list, each opened in its own dialog) and the label of the field itself; a finding with no field
 * to point at (a whole-file problem, a YAML comment cut) has no target and stays in the summary.
 */
import type { ComponentSchema } from '@keystatic/core';
import { parse as parseYaml } from 'yaml';

export type Step = { list: string; index: number } | { component: string; index: number };

export interface FindingTarget {
  steps: Step[];
  /** The label of the field in the innermost step's form; absent when the finding is about the item as a whole. */
  field?: string;
  message: string;
}

type Schema = Record<string, ComponentSchema>;
type Segment = string | number;

export interface TargetContext {
  /** The file the save writes, from the folder that holds content/ (`content/quizzes/x.yaml`). */
  file: string;
  /** Its new text. */
  text: string;
  /** The form's fields (a Keystatic collection's schema). */
  schema: Schema;
  /** Lesson components by name, with their editor label and props' fields. */
  components?: Record<string, { label: string; schema: Schema }>;
}

/** `questions[2].options[1].text` as segments; undefined when it is not a field path (a sentence, `(file)`). */
export function pathSegments(path: string): Segment[] | undefined {
  if (!/^[A-Za-z][\w]*(\[\d+\]|\.[A-Za-z][\w]*)*$/.test(path)) return undefined;
  return [...path.matchAll(/([A-Za-z]\w*)|\[(\d+)\]/g)].map((m) => (m[2] !== undefined ? Number(m[2]) : m[1]!));
}

/** The steps and field label for `segments` in `schema`; undefined when a segment names no field of the form. */
export function locate(schema: Schema, segments: Segment[], steps: Step[] = []): Omit<FindingTarget, 'message'> | undefined {
  let fields: Schema | undefined = schema;
  let node: ComponentSchema | undefined;
  const out = [...steps];
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i]!;
    if (typeof seg !== 'string' || !fields) return undefined;
    node = fields[seg];
    if (!node) return undefined;
    if (node.kind === 'array') {
      const index = segments[i + 1];
      if (typeof index !== 'number') return { steps: out, field: labelOf(node) };
      out.push({ list: labelOf(node) ?? seg, index });
      i++;
      node = node.element;
      // An item that is one value (an option's text) opens as a dialog with that one field.
      if (i === segments.length - 1) return { steps: out, field: node.kind === 'form' ? labelOf(node) : undefined };
    }
    fields = fieldsIn(node, segments[i + 1]);
    if (i === segments.length - 1) return { steps: out, field: labelOf(node) };
  }
  return { steps: out, field: undefined };
}

const labelOf = (node: ComponentSchema): string | undefined => ('label' in node && typeof node.label === 'string' ? node.label : undefined);

/** The fields under an object or a conditional (a question's type: the branch that has the next key). */
function fieldsIn(node: ComponentSchema, next: Segment | undefined): Schema | undefined {
  if (node.kind === 'object') return node.fields as Schema;
  if (node.kind === 'conditional') {
    const values = Object.values(node.values as Record<string, ComponentSchema>);
    const branch = values.find((v) => v.kind === 'object' && typeof next === 'string' && next in v.fields);
    return branch?.kind === 'object' ? (branch.fields as Schema) : undefined;
  }
  return undefined;
}

/** The 0-based position among uses of `<name` in a lesson of the use that starts on `line` (1-based). */
function componentIndex(text: string, name: string, line: number): number {
  const lines = text.split('\n');
  let count = 0;
  const tag = new RegExp(`<${name}(\\s|/|>|$)`, 'g');
  for (let i = 0; i < lines.length && i < line; i++) {
    const uses = lines[i]!.match(tag)?.length ?? 0;
    if (i === line - 1) return uses > 0 ? count : -1;
    count += uses;
  }
  return -1;
}

const FRONTMATTER = /^---\r?\n([\s\S]*?)\r?\n?---/;

/** The data of the saved file, for findings that name a question by id. */
function dataOf(ctx: TargetContext): Record<string, unknown> | undefined {
  try {
    const m = ctx.file.endsWith('.mdx') ? FRONTMATTER.exec(ctx.text)?.[1] : ctx.text;
    const data: unknown = m === undefined ? undefined : parseYaml(m);
    return typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The form target of one finding (a line of `content:check` output) about the saved file, or
 * undefined when the finding concerns another file or no single field.
 */
export function targetOf(finding: string, ctx: TargetContext): FindingTarget | undefined {
  if (!finding.startsWith(`${ctx.file}:`)) return undefined;
  const rest = finding.slice(ctx.file.length + 1);
  // A lesson component: `41: <Checkpoint> answer: message` (or `options[1]`).
  const use = /^(\d+): <([A-Za-z]+)> ([^:]+): ([\s\S]*)$/.exec(rest);
  if (use) {
    const [, line, name, where, message] = use;
    const component = ctx.components?.[name!];
    const index = componentIndex(ctx.text, name!, Number(line));
    const segments = pathSegments(where!);
    if (!component || index < 0) return undefined;
    const at = segments && locate(component.schema, segments, [{ component: component.label, index }]);
    return { ...(at ?? { steps: [{ component: component.label, index }] }), message: at?.field ? message! : `${where}: ${message}` };
  }
  const body = /^(\d+): body: ([\s\S]*)$/.exec(rest);
  if (body) return undefined;
  const plain = /^ ([^:]+): ([\s\S]*)$/.exec(rest);
  if (!plain) return undefined;
  let [, where, message] = plain as unknown as [string, string, string];
  // The bank-against-course rule: `questions[2] "q3", field objective: ...`.
  const named = /^(\w+\[\d+\]) "[^"]*", field (\w+)$/.exec(where);
  if (named) where = `${named[1]}.${named[2]}`;
  // The item-writing lint: `item q3: correct-longest: ...` names the question by id.
  const item = /^item ([a-z0-9-]+)$/.exec(where);
  if (item) {
    const questions = dataOf(ctx)?.questions;
    const index = Array.isArray(questions) ? questions.findIndex((q) => (q as { id?: unknown })?.id === item[1]) : -1;
    if (index < 0) return undefined;
    where = `questions[${index}]`;
  }
  const segments = pathSegments(where);
  const at = segments && locate(ctx.schema, segments);
  return at && { ...at, message: item || at.field ? message : `${where}: ${message}` };
}

/** The form targets of a refused save's findings, for the files it would have written. */
export function formTargets(findings: string[], changes: Array<{ path: string; contents: string | null }>, forms: FormsOf): FindingTarget[] {
  return changes.flatMap((change) => {
    const schema = change.contents === null ? undefined : forms.schemaOf(change.path);
    if (!schema) return [];
    const ctx: TargetContext = { file: change.path, text: change.contents!, schema, components: forms.components };
    return findings.map((f) => targetOf(f, ctx)).filter((t): t is FindingTarget => t !== undefined);
  });
}

export interface FormsOf {
  /** The form's fields of the collection a file belongs to. */
  schemaOf: (path: string) => Schema | undefined;
  components: TargetContext['components'];
}
