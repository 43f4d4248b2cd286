/**
 * Astro content loaders over the one reader (./reader.ts): each YAML collection takes its entries
 * from the parsed, validated tree instead of parsing its files a second time, and the courses
 * collection fails the build when any check in ./checks finds a problem.
 *
 * Lessons keep Astro's glob() loader: rendering MDX belongs to @astrojs/mdx's pipeline, which
 * glob() drives. Their frontmatter is parsed by the same Astro parser the reader uses.
 */
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Loader, LoaderContext } from 'astro/loaders';
import { checkContent } from './checks';
import type { ContentTree, Entry, ReadResult } from './reader';

interface TreeSource {
  root: string;
  publicDir: string;
}

let cached: { key: string; result: ReadResult } | undefined;
/**
 * One read per state of the files: every collection's loader runs in the same sync, and a file's
 * size and modification time tell when a read is stale (the dev server's watcher reloads on change).
 */
function read({ root, publicDir }: TreeSource): ReadResult {
  const key = `${root}\n${publicDir}\n${fingerprint(root)}\n${fingerprint(publicDir)}`;
  if (cached?.key !== key) cached = { key, result: checkContent(root, { publicDir }) };
  return cached.result;
}

function fingerprint(dir: string): string {
  const parts: string[] = [];
  const walk = (d: string) => {
    let names: string[];
    try {
      names = readdirSync(d).sort();
    } catch {
      return;
    }
    for (const name of names) {
      const path = join(d, name);
      const s = statSync(path);
      if (s.isDirectory()) walk(path);
      else parts.push(`${path}:${s.size}:${s.mtimeMs}`);
    }
  };
  walk(dir);
  return parts.join('|');
}

/** A loader that fills its collection with `pick(tree)`; `failOnProblems` makes it the one that stops the build. */
export function contentTreeLoader(source: TreeSource, pick: (tree: ContentTree) => Entry<unknown>[], options: { failOnProblems?: boolean } = {}): Loader {
  let watching = false;
  const fill = ({ store, config, generateDigest }: LoaderContext) => {
    const { tree, errors } = read(source);
    if (options.failOnProblems && errors.length) {
      throw new Error(`Content check failed with ${errors.length} problem${errors.length === 1 ? '' : 's'}:\n  - ${errors.join('\n  - ')}`);
    }
    const entries = pick(tree);
    const keep = new Set(entries.map((e) => e.id));
    for (const id of store.keys()) if (!keep.has(id)) store.delete(id);
    for (const entry of entries) {
      const data = entry.data as Record<string, unknown>;
      store.set({ id: entry.id, data, filePath: relative(fileURLToPath(config.root), entry.path), digest: generateDigest(data) });
    }
  };
  return {
    name: 'content-tree',
    load: async (context) => {
      fill(context);
      if (context.watcher && !watching) {
        watching = true;
        context.watcher.add(source.root);
        context.watcher.on('all', (_event, path) => {
          if (!path.startsWith(source.root)) return;
          try {
            fill(context);
          } catch (e) {
            context.logger.error((e as Error).message);
          }
        });
      }
    },
  };
}
