/**
 * Rewrites deep relative imports into src/ to the `~/` alias (tsconfig "paths": `~/*` -> `src/*`,
 * which Astro, astro check, Vitest, Playwright and tsx all read).
 *
 *   npx tsx scripts/alias-imports.ts [--check] [file or folder ...]   (default: src test bench scripts)
 *
 * An import is rewritten when it climbs two folders or more (`../../x`) and lands inside src/;
 * `./x` and `../x` stay relative (they read better next to their neighbour). Plain .mjs/.js files
 * are left alone: Node runs them without a loader that knows the alias. --check changes nothing
 * and exits 1 when a file would change.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const SRC = join(ROOT, 'src');
const EXTENSIONS = new Set(['.ts', '.tsx', '.mts', '.astro', '.mdx']);
const SKIP = new Set(['node_modules', 'dist', '.astro', 'bench/out', 'db/data', 'test-results', 'playwright-report']);

// from '…', import('…'), vi.mock('…'), export … from '…', side-effect import '…'
const SPECIFIER = /(\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\bvi\.(?:mock|importActual)\s*\(\s*)(['"])(\.\.\/(?:\.\.\/)+[^'"]*)\2/g;

/** The alias form of `spec` written in `file`, or null when it should stay as it is. */
export function aliasFor(file: string, spec: string): string | null {
  const target = resolve(dirname(file), spec);
  if (target !== SRC && !target.startsWith(SRC + sep)) return null;
  return `~/${relative(SRC, target).split(sep).join('/')}`;
}

export function rewrite(file: string, text: string): string {
  return text.replace(SPECIFIER, (whole, head: string, quote: string, spec: string) => {
    const alias = aliasFor(file, spec);
    return alias ? `${head}${quote}${alias}${quote}` : whole;
  });
}

function* files(path: string): Generator<string> {
  const rel = relative(ROOT, path).split(sep).join('/');
  if (SKIP.has(rel) || SKIP.has(rel.split('/').pop() ?? '')) return;
  if (statSync(path).isDirectory()) {
    for (const name of readdirSync(path).sort()) yield* files(join(path, name));
  } else if (EXTENSIONS.has(extname(path)) && !path.endsWith('.d.ts')) {
    yield path;
  }
}

function main(argv: string[]): number {
  const check = argv.includes('--check');
  const targets = argv.filter((a) => a !== '--check');
  const roots = (targets.length ? targets : ['src', 'test', 'bench', 'scripts']).map((t) => resolve(ROOT, t));
  const changed: string[] = [];
  for (const root of roots) {
    for (const file of files(root)) {
      const before = readFileSync(file, 'utf8');
      const after = rewrite(file, before);
      if (after === before) continue;
      changed.push(relative(ROOT, file));
      if (!check) writeFileSync(file, after);
    }
  }
  for (const f of changed) console.log(`${check ? 'would rewrite' : 'rewrote'} ${f}`);
  console.log(`${changed.length} file(s) ${check ? 'with deep relative imports' : 'rewritten'}.`);
  return check && changed.length ? 1 : 0;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = main(process.argv.slice(2));
