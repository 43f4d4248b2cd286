/**
 * The case form (issue 22 item 3): a shipped case read into the form and posted back unchanged is
 * the same bytes; one changed option text changes one line; a new step is a new block after a blank
 * line; findings land beside the step and the option they name. (Saving: test/integration/authoring-case-save.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { caseSpec } from '~/lib/authoring/case-form';
import { applyOp, fromFile, fromForm, toFile, type Draft } from '~/lib/authoring/case-draft';
import { writeCase } from '~/lib/authoring/case-file';
import { caseWidgets, placeFindings, posted, type Widget } from '~/lib/authoring/case-widgets';

const shipped = readdirSync('content/simulations').filter((f) => f.endsWith('.yaml'));
const read = (f: string) => readFileSync(join('content/simulations', f), 'utf8');

/** What the browser posts for a draft's form, read back as the server reads it. */
const throughForm = (draft: Draft) => fromForm(caseSpec, posted(caseWidgets(caseSpec, draft, [])));

function find(widgets: Widget[], name: string): Widget | undefined {
  for (const w of widgets) {
    if ('name' in w && w.name === name) return w;
    const inner = w.kind === 'item' ? find([w.child], name) : 'children' in w ? find(w.children, name) : undefined;
    if (inner) return inner;
  }
  return undefined;
}

describe('case form', () => {
  it.each(shipped)('%s read into the form and saved unchanged is byte-identical', (f) => {
    const text = read(f);
    const draft = throughForm(fromFile(caseSpec, parseYaml(text)));
    const data = toFile(caseSpec, draft) as Record<string, unknown>;
    expect(writeCase(data, text)).toBe(text);
  });

  it('a new case is written in the house layout: the hand-written fixture, from its data', () => {
    const text = readFileSync('test/fixtures/authoring/chart-the-molar.yaml', 'utf8');
    expect(writeCase(toFile(caseSpec, throughForm(fromFile(caseSpec, parseYaml(text)))) as Record<string, unknown>)).toBe(text);
  });

  it('one changed option text changes one line only', () => {
    const text = read('upset-caller.yaml');
    const entries = posted(caseWidgets(caseSpec, fromFile(caseSpec, parseYaml(text)), [])).map(([k, v]): [string, string] =>
      k === 'nodes.1.value.options.2.text' ? [k, 'Ask for her date of birth first.'] : [k, v],
    );
    const after = writeCase(toFile(caseSpec, fromForm(caseSpec, entries)) as Record<string, unknown>, text);
    const a = text.split('\n');
    const b = after.split('\n');
    expect(b.length).toBe(a.length);
    const changed = a.flatMap((line, i) => (line === b[i] ? [] : [i]));
    expect(changed.length).toBe(1);
    expect(b[changed[0]!]).toBe('        text: Ask for her date of birth first.');
  });

  it('a new step is written as its own block after a blank line, in the house layout', () => {
    const before = 'title: T\nobjectives: [x]\nnodes:\n  a:\n    type: end # the only step\n    outcome: ok\n    label: Done\n    good: true\n    debrief: Fine.\n';
    const draft = fromFile(caseSpec, parseYaml(before));
    applyOp(caseSpec, draft, 'add:nodes');
    const nodes = (draft as { nodes: Array<{ key: string; value: Record<string, Draft> }> }).nodes;
    nodes[1]!.key = 'b';
    nodes[1]!.value = { type: 'end', outcome: 'bad', label: 'Left', good: false, debrief: 'She leaves.' };
    expect(writeCase(toFile(caseSpec, draft) as Record<string, unknown>, before)).toBe(
      `${before}\n  b:\n    type: end\n    outcome: bad\n    label: Left\n    good: false\n    debrief: She leaves.\n`,
    );
  });

  it('offers every step as a target, marking endings, and keeps a target that names no step', () => {
    const draft = fromFile(caseSpec, {
      start: 'ask',
      nodes: { ask: { type: 'choice', prompt: 'P', options: [{ id: 'x', next: 'gone' }] }, done: { type: 'end', good: true } },
    });
    const w = caseWidgets(caseSpec, draft, []);
    const next = find(w, 'nodes.0.value.options.0.next.to');
    expect(next?.kind === 'select' && next.options.map((o) => o.label)).toEqual(['(choose a step)', 'ask', 'done (good ending)', 'gone (no such step)']);
    expect(next?.kind === 'select' && next.value).toBe('gone');
  });

  it('keeps an entry named without a value (so the check reports it) and drops one left wholly empty', () => {
    const option = { id: 'x', effects: [{ key: 'trust', value: '' }, { key: '', value: '' }, { key: 'slips', value: '1' }] };
    const draft = fromFile(caseSpec, { nodes: { ask: { type: 'choice', options: [{}] } } }) as { nodes: Array<{ value: { options: unknown[] } }> };
    draft.nodes[0]!.value.options[0] = { ...(draft.nodes[0]!.value.options[0] as object), ...option };
    const data = toFile(caseSpec, draft as unknown as Draft) as { nodes: { ask: { options: Array<{ effects: unknown }> } } };
    expect(data.nodes.ask.options[0]!.effects).toEqual({ trust: null, slips: 1 });
  });

  it('folds the steps of a long case, except a step with a finding, and leaves a short case open', () => {
    const folds = (text: string, findings: string[] = []) => {
      const steps = caseWidgets(caseSpec, fromFile(caseSpec, parseYaml(text)), findings).find((x) => x.kind === 'list' && x.legend === 'Steps');
      return steps?.kind === 'list' ? steps.children.map((c) => (c.kind === 'group' ? c.fold : undefined)) : [];
    };
    const long = folds(read('upset-caller.yaml'), ['content/simulations/upset-caller.yaml: upset-caller: node "privacy-move": options: A choice needs at least 2 options.']);
    expect(long).toHaveLength(23);
    expect(long[0]).toEqual({ summary: 'call-opens: scene', open: false });
    expect(long.filter((f) => f?.open).map((f) => f?.summary)).toEqual(['privacy-move: choice']);
    const short = folds(readFileSync('test/fixtures/authoring/chart-the-molar.yaml', 'utf8'));
    expect(short.map((f) => f?.open)).toEqual([true, true, true]);
  });

  it('places a finding beside its step and its option', () => {
    const findings = [
      'content/simulations/c.yaml: c: node "ask": next: required: every node except an end needs a next (a node id or a list of rules).',
      'content/simulations/c.yaml: c: node "ask": option "x": feedback: feedback is required.',
      'content/simulations/c.yaml: c: title: title is required.',
    ];
    const placed = placeFindings(findings);
    expect(placed.steps.get('ask')).toEqual([findings[0]]);
    expect(placed.items.get('ask/x')).toEqual([findings[1]]);
    const w = caseWidgets(caseSpec, fromFile(caseSpec, { nodes: { ask: { type: 'choice', options: [{ id: 'x' }] } } }), findings);
    const steps = w.find((x) => x.kind === 'list' && x.legend === 'Steps');
    const step = steps?.kind === 'list' ? steps.children[0] : undefined;
    expect(step?.kind === 'group' && step.findings).toEqual([findings[0]]);
    const options = step?.kind === 'group' ? step.children.find((x) => x.kind === 'list' && x.legend === 'Options') : undefined;
    const option = options?.kind === 'list' ? options.children[0] : undefined;
    expect(option?.kind === 'group' && option.findings).toEqual([findings[1]]);
  });
});
