/**
 * Writing a case from its form: the house format of `content/simulations/<id>.yaml`, checked like
 * every editor save (./save.ts findingsOf: the whole content check on a scratch copy) and written
 * only when the check adds nothing.
 *
 * Steps are written one block each, separated by a blank line, as authors write them. Saving an
 * existing case patches each step in place (./house-format.ts writeYaml keeps its comments, quoting
 * and folding), keeps the blank lines between steps, and appends a new step as a new block: a save
 * that changes one option's text changes that line only.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { isMap, isScalar, parseDocument, type Pair } from 'yaml';
import { caseSpec, specShape } from './case-form';
import { toFile, type Draft } from './case-draft';
import { writeYaml } from './house-format';
import { findingsOf } from './save';
import { idPattern } from '~/lib/shared/schemas/course';
import type { Shape } from './zod-shape';

type Data = Record<string, unknown>;
const shape = specShape(caseSpec).shape;
const nodeShape = (() => {
  const nodes = shape.kind === 'object' ? shape.fields.nodes?.shape : undefined;
  return nodes?.kind === 'record' ? nodes.of : undefined;
})();
const one = (key: string): Shape => ({ kind: 'object', fields: { [key]: { shape: nodeShape!, required: true, nullable: false } } });
const nodesOnly: Shape = { kind: 'object', fields: { nodes: { shape: { kind: 'record', of: nodeShape! }, required: true, nullable: false } } };

/** One step as a new block (`  id:` and its fields), folded at the width it is written at. */
const newStep = (key: string, node: unknown) => writeYaml({ nodes: { [key]: node } }, nodesOnly).replace(/^nodes:\n/, '').replace(/\n+$/, '');

/** The file text of a case (`previous`: the file as it is now, kept where nothing changed). */
export function writeCase(data: Data, previous?: string): string {
  const nodes = (data.nodes ?? {}) as Data;
  if (previous === undefined) {
    const head = writeYaml({ ...data, nodes: {} }, shape).replace(/nodes: \{\}\n$/, 'nodes:\n');
    return `${head}${Object.entries(nodes).map(([k, v]) => newStep(k, v)).join('\n\n')}\n`;
  }
  const doc = parseDocument(previous);
  const pair = isMap(doc.contents) ? (doc.contents.items as Pair[]).find((p) => isScalar(p.key) && p.key.value === 'nodes') : undefined;
  const last = isMap(doc.contents) ? doc.contents.items[doc.contents.items.length - 1] : undefined;
  // Steps are patched block by block only where `nodes:` is the last block map of the file, as the
  // house format has it; any other layout is patched as one document.
  if (!pair || pair !== last || !isMap(pair.value) || pair.value.flow) return writeYaml(data, shape, previous);
  const oldNodes = pair.value.toJSON() as Data;
  const head = writeYaml({ ...data, nodes: oldNodes }, shape, previous);
  const headDoc = parseDocument(head);
  const map = (headDoc.contents as typeof doc.contents & { items: Pair[] }).items.find((p) => isScalar(p.key) && p.key.value === 'nodes')!.value;
  if (!isMap(map)) return writeYaml(data, shape, previous);
  // Each old step's block runs from its key's line to the next key's line (blank lines included).
  const starts = (map.items as Pair[]).map((p) => head.lastIndexOf('\n', (p.key as { range: [number] }).range[0]) + 1);
  const blocks = new Map<string, string>();
  (map.items as Pair[]).forEach((p, i) => blocks.set(String((p.key as { value: unknown }).value), head.slice(starts[i], starts[i + 1] ?? head.length)));
  const out: string[] = [];
  for (const [key, node] of Object.entries(nodes)) {
    const old = blocks.get(key);
    if (old === undefined) {
      out.push(`${newStep(key, node)}\n`);
      continue;
    }
    const body = old.replace(/\n+$/, '\n');
    const gap = old.slice(body.length);
    out.push(writeYaml({ [key]: node }, one(key), body) + gap);
  }
  // Blocks are separated by a blank line; the file ends with one line break.
  const joined = out.map((b, i) => (i < out.length - 1 && !/\n\n$/.test(b) ? `${b}\n` : b)).join('').replace(/\n+$/, '\n');
  return head.slice(0, starts[0] ?? head.length) + joined;
}

export type CaseSave = { ok: true; path: string; written: boolean } | { ok: false; findings: string[] };


/**
 * Saves a case draft as `content/simulations/<id>.yaml`: nothing is written if the content check
 * would report anything the tree does not already report. `create`: the case must not exist yet.
 */
export function saveCase(contentRoot: string, publicDir: string, id: string, draft: Draft, create = false): CaseSave {
  // The rule every course and lesson names a case by (schemas/course.ts), or the case could be saved but never used.
  if (!idPattern.test(id) || id.length > 64) return { ok: false, findings: ['Case id: use lower-case words joined by dashes, like "broken-tooth-10" (it becomes the file name), at most 64 characters.'] };
  const rel = `content/simulations/${id}.yaml`;
  const full = join(contentRoot, 'simulations', `${id}.yaml`);
  const previous = existsSync(full) ? readFileSync(full, 'utf8') : undefined;
  if (create && previous !== undefined) return { ok: false, findings: [`Case id: a case "${id}" already exists; choose another id or edit that case.`] };
  const problems: string[] = [];
  const data = toFile(caseSpec, draft, problems) as Data;
  if (problems.length) return { ok: false, findings: problems };
  const text = writeCase(data, previous);
  if (text === previous) return { ok: true, path: rel, written: false };
  const findings = findingsOf(contentRoot, [{ path: rel, contents: text }], publicDir);
  if (findings.length) return { ok: false, findings };
  mkdirSync(dirname(full), { recursive: true });
  writeFileSync(full, text);
  return { ok: true, path: rel, written: true };
}
