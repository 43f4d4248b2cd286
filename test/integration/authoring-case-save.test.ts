/**
 * Saving a case from its form (issue 22 item 3): two steps with one id are refused before anything
 * is checked; a step left without a next (a dead end) is refused with the content check's finding,
 * and the file on disk stays as it was; a valid change is written.
 */
import { describe, expect, it } from 'vitest';
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { contentCopy } from '../fixtures/content-copy';
import { parse as parseYaml } from 'yaml';
import { caseSpec } from '~/lib/authoring/case-form';
import { fromFile } from '~/lib/authoring/case-draft';
import { saveCase } from '~/lib/authoring/case-file';
import { placeFindings } from '~/lib/authoring/case-widgets';

const read = (f: string) => readFileSync(join('content/simulations', f), 'utf8');
type Steps = { nodes: Array<{ key: string; value: { next: { to: string }; prompt: string } }> };

describe('saving a case', () => {
  const copy = () => contentCopy('case-save-');

  it('refuses two steps with one id, and writes nothing when the check finds a dead end', () => {
    const root = copy();
    const twice = fromFile(caseSpec, parseYaml(read('upset-caller.yaml')));
    const nodes = (twice as unknown as Steps).nodes;
    nodes[1]!.key = nodes[0]!.key;
    expect(saveCase(root, 'public', 'upset-caller', twice)).toEqual({ ok: false, findings: ['Steps: "call-opens" is used by more than one step'] });

    const dead = fromFile(caseSpec, parseYaml(read('upset-caller.yaml')));
    const first = (dead as unknown as Steps).nodes[0]!;
    first.value.next.to = '';
    const result = saveCase(root, 'public', 'upset-caller', dead);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.findings).toContain(
      'content/simulations/upset-caller.yaml: upset-caller: node "call-opens": next: required: every node except an end needs a next (a node id or a list of rules).',
    );
    expect(readFileSync(join(root, 'simulations/upset-caller.yaml'), 'utf8')).toBe(read('upset-caller.yaml'));
  });

  it('refuses a critical option that can still end well, beside that option', () => {
    const root = copy();
    const file = join(root, 'simulations/chart-the-molar.yaml');
    copyFileSync('test/fixtures/authoring/chart-the-molar.yaml', file);
    const before = readFileSync(file, 'utf8');
    const draft = fromFile(caseSpec, parseYaml(before)) as unknown as { nodes: Array<{ value: { options: Array<{ critical: boolean }> } }> };
    // "Tooth 14" leads on to the next step and the good ending: marking it critical contradicts that.
    draft.nodes[0]!.value.options[1]!.critical = true;
    const result = saveCase(root, 'public', 'chart-the-molar', draft as never);
    const finding =
      'content/simulations/chart-the-molar.yaml: chart-the-molar: node "name-tooth": option "fourteen" is critical, but a run that takes it can still reach a good ending; route it to a bad ending';
    expect(result).toEqual({ ok: false, findings: [finding] });
    expect(placeFindings([finding]).items.get('name-tooth/fourteen')).toEqual([finding]);
    expect(readFileSync(file, 'utf8')).toBe(before);
  });

  it('refuses a case id no course or lesson could name, and writes nothing', () => {
    const root = copy();
    const draft = fromFile(caseSpec, parseYaml(read('upset-caller.yaml')));
    // Course and lesson ids are lower-case words joined by single dashes (schemas/course.ts idPattern).
    for (const id of ['a--b', '-x', 'x-', 'Upper', 'a_b', 'x'.repeat(65)]) {
      const result = saveCase(root, 'public', id, draft, true);
      expect(result.ok, id).toBe(false);
      expect(!result.ok && result.findings[0], id).toMatch(/^Case id: use lower-case words joined by dashes/);
      expect(existsSync(join(root, `simulations/${id}.yaml`)), id).toBe(false);
    }
  });

  it('writes a valid change, and only that change', () => {
    const root = copy();
    const draft = fromFile(caseSpec, parseYaml(read('upset-caller.yaml')));
    (draft as unknown as Steps).nodes[1]!.value.prompt = 'Denise is still talking. What do you do?';
    expect(saveCase(root, 'public', 'upset-caller', draft)).toEqual({ ok: true, path: 'content/simulations/upset-caller.yaml', written: true });
    const expected = read('upset-caller.yaml').replace('    prompt: Denise is still talking, fast and loud. What do you do?', '    prompt: Denise is still talking. What do you do?');
    expect(readFileSync(join(root, 'simulations/upset-caller.yaml'), 'utf8')).toBe(expected);
  });
});
