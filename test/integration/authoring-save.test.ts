/**
 * The editor's save check (issue 22): a save runs every content check on the tree as it would be
 * and reports only what the save adds; the tree on disk is never touched while checking.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { contentCopy } from '../fixtures/content-copy';
import { findingsOf } from '~/lib/authoring/save';

describe('checks before a save', () => {
  const copy = () => contentCopy('save-check-');

  it('reports what a change would add, naming the file, line and prop', () => {
    const root = copy();
    const path = 'content/courses/sample-course/lessons/02-tooth-numbers.mdx';
    const text = readFileSync(path, 'utf8');
    const broken = text.replace('answer={1}', 'answer={7}');
    const findings = findingsOf(root, [{ path, contents: broken }], 'public');
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatch(/^content\/courses\/sample-course\/lessons\/02-tooth-numbers\.mdx:\d+: <Checkpoint> answer: must be the 0-based index of the right option: 0 to 2 for 3 options, not 7$/);
    // Nothing was written to the tree itself.
    expect(readFileSync(join(root, 'courses/sample-course/lessons/02-tooth-numbers.mdx'), 'utf8')).toBe(text);
  });

  it('finds nothing in a change that keeps the tree valid', () => {
    const root = copy();
    const path = 'content/instructors/sample-instructor.yaml';
    const text = readFileSync(path, 'utf8').replace('RDH, BS', 'RDH, BS, MEd');
    expect(findingsOf(root, [{ path, contents: text }], 'public')).toEqual([]);
  });
});
