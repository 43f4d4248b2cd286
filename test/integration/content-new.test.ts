import { describe, expect, it } from 'vitest';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkContent } from '~/lib/content/checks';

const run = (root: string, ...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'scripts/content-new.ts', ...args], { env: { ...process.env, CONTENT_DIR: root }, encoding: 'utf8' });

describe('npm run content:new', () => {
  it('scaffolds a course and lessons that pass the content check, and never overwrites', () => {
    const root = mkdtempSync(join(tmpdir(), 'content-new-'));
    try {
      cpSync(join('content', 'instructors'), join(root, 'instructors'), { recursive: true });
      expect(run(root, 'course', 'infection-control').status).toBe(0);
      expect(run(root, 'lesson', 'infection-control', 'hand-hygiene').status).toBe(0);
      expect(readdirSync(join(root, 'courses', 'infection-control', 'lessons')).sort()).toEqual(['01-introduction.mdx', '02-hand-hygiene.mdx']);
      expect(checkContent(root).errors).toEqual([]);
      const again = run(root, 'lesson', 'infection-control', 'hand-hygiene');
      expect(again.status).toBe(1);
      expect(again.stderr).toMatch(/already has a lesson "hand-hygiene"/);
      const bad = run(root, 'course', 'Bad Name');
      expect(bad.status).toBe(1);
      expect(existsSync(join(root, 'courses', 'Bad Name'))).toBe(false);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }, 30_000);
});
