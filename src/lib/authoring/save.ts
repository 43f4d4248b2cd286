/**
 * What the editor's API does with one file: turn it into Keystatic's form data on the way in, into
 * the house format on the way out, and check a save against the whole content tree before it is
 * written. Plain functions over text and a folder, so unit tests drive them without a browser.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { checkContent } from '~/lib/content/checks';
import { collectionOf } from './collections';
import { toEditor, toFile, writeYaml } from './house-format';
import { houseMdx } from './house-mdx';

export interface Change {
  /** Path from the folder that holds content/, like `content/quizzes/x.yaml`. */
  path: string;
  /** The new text, or null to delete the file. */
  contents: string | null;
}

const FRONTMATTER = /^---\r?\n([\s\S]*?)\r?\n?---\r?\n?/;

/** A content file as Keystatic should read it (YAML data in its form shape; lessons as they are). */
export function editorData(path: string, text: string): string {
  const c = collectionOf(path);
  if (!c || c.format !== 'yaml') return text;
  // JSON is YAML: Keystatic's js-yaml reads it, and it carries no date or number guessing.
  return JSON.stringify(toEditor(c.shape, parseYaml(text)), null, 2) + '\n';
}

/** The house-format text of a file Keystatic saved, keeping what did not change in `previous`. */
export function fileBytes(path: string, saved: string, previous: string | undefined): string {
  const c = collectionOf(path);
  if (!c) return saved;
  if (c.format === 'yaml') return writeYaml(toFile(c.shape, parseYaml(saved)) as Record<string, unknown>, c.shape, previous);
  const m = FRONTMATTER.exec(saved);
  if (!m) return saved;
  const before = previous !== undefined ? FRONTMATTER.exec(previous)?.[1] : undefined;
  const front = writeYaml(toFile(c.shape, parseYaml(m[1]!) ?? {}) as Record<string, unknown>, c.shape, before !== undefined ? `${before}\n` : undefined);
  const body = houseMdx(saved.slice(m[0].length).replace(/^\n*/, ''));
  return `---\n${front}---\n\n${body.endsWith('\n') ? body : `${body}\n`}`;
}

let cached: { key: string; findings: Set<string> } | undefined;

/** The tree's findings as it is on disk; kept until a file in it changes, so a save checks once, not twice. */
function findingsNow(contentRoot: string, publicDir: string): Set<string> {
  const stamp: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else {
        const s = statSync(p);
        stamp.push(`${p}:${s.size}:${s.mtimeMs}`);
      }
    }
  };
  walk(contentRoot);
  const key = `${publicDir}\n${stamp.join('\n')}`;
  if (cached?.key !== key) cached = { key, findings: new Set(checkContent(contentRoot, { publicDir }).errors) };
  return cached.findings;
}

/**
 * The content-check findings a save would add: the tree is copied, the changes applied to the copy
 * and every check run over it; findings the tree already had before the save are not the author's.
 */
export function findingsOf(contentRoot: string, changes: Change[], publicDir: string): string[] {
  const before = findingsNow(contentRoot, publicDir);
  const scratch = mkdtempSync(join(tmpdir(), 'dental-ce-editor-'));
  try {
    const root = join(scratch, 'content');
    cpSync(contentRoot, root, { recursive: true });
    for (const change of changes) {
      const target = join(scratch, change.path);
      if (change.contents === null) rmSync(target, { force: true });
      else {
        mkdirSync(dirname(target), { recursive: true });
        writeFileSync(target, change.contents);
      }
    }
    return checkContent(root, { publicDir }).errors.filter((e) => !before.has(e));
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
