/**
 * What a page makes the browser download besides its HTML: every script (external, inline, the
 * component and renderer modules of each astro-island, modulepreloads, and everything those
 * modules import, statically or dynamically, followed recursively) and every stylesheet (linked or
 * inline). Each file is gzipped with zlib's default level (6) and counted once per page.
 *
 * Shared by the bench (which fetches assets over HTTP) and by the budget test (which reads them
 * from dist/client), so both count the same way.
 */
import { gzipSync } from 'node:zlib';

export interface Asset {
  /** URL path, or `inline #n` for inline code. */
  name: string;
  bytes: number;
  gzip: number;
}

export interface PageWeight {
  scripts: Asset[];
  styles: Asset[];
  jsBytes: number;
  jsGzip: number;
  cssBytes: number;
  cssGzip: number;
  /** Assets the page refers to that could not be loaded (a broken build, or a missing file). */
  missing: string[];
}

/** Returns an asset's bytes by URL path (`/_astro/x.js`), or undefined when there is none. */
export type AssetLoader = (path: string) => Promise<Buffer | undefined>;

const gz = (b: Buffer) => gzipSync(b).length;
const attr = (tag: string, name: string) =>
  new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag)?.slice(1).find((v) => v !== undefined);
const decode = (s: string) => s.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'");
const JS_TYPES = new Set(['', 'module', 'text/javascript', 'application/javascript']);

/** The module specifiers a built chunk imports (static `import … from`, bare `import "…"`, `export … from`, `import("…")`). */
export function importsOf(code: string): string[] {
  const out = new Set<string>();
  const patterns = [
    /\bfrom\s*["'`]([^"'`]+\.m?js)["'`]/g,
    /\bimport\s*["'`]([^"'`]+\.m?js)["'`]/g,
    /\bimport\s*\(\s*["'`]([^"'`]+\.m?js)["'`]\s*\)/g,
  ];
  for (const re of patterns) for (const m of code.matchAll(re)) out.add(m[1]!);
  return [...out];
}

function resolvePath(spec: string, from: string): string | undefined {
  if (/^[a-z]+:/i.test(spec) && !spec.startsWith('http://') && !spec.startsWith('https://')) return undefined;
  const url = new URL(spec, `http://page.invalid${from}`);
  // Third-party hosts are not ours to count; the app loads nothing from them.
  if (url.host !== 'page.invalid') return undefined;
  return url.pathname;
}

/** Measures the scripts and stylesheets of one page's HTML. `pagePath` resolves relative URLs. */
export async function pageWeight(html: string, load: AssetLoader, pagePath = '/'): Promise<PageWeight> {
  const scripts: Asset[] = [];
  const styles: Asset[] = [];
  const missing: string[] = [];
  const seen = new Set<string>();
  const queue: string[] = [];
  const enqueue = (spec: string | undefined, from: string) => {
    if (!spec) return;
    const path = resolvePath(decode(spec), from);
    if (path && !seen.has(path)) {
      seen.add(path);
      queue.push(path);
    }
  };

  let inline = 0;
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)) {
    const tag = m[1]!;
    const type = (attr(`<s ${tag}`, 'type') ?? '').toLowerCase();
    if (!JS_TYPES.has(type)) continue;
    const src = attr(`<s ${tag}`, 'src');
    if (src) enqueue(src, pagePath);
    else if (m[2]!.trim()) {
      const body = Buffer.from(m[2]!);
      scripts.push({ name: `inline #${++inline}`, bytes: body.length, gzip: gz(body) });
      // An inline module may import files of ours too.
      for (const spec of importsOf(m[2]!)) enqueue(spec, pagePath);
    }
  }
  for (const m of html.matchAll(/<astro-island\b[^>]*>/gi)) {
    enqueue(attr(m[0], 'component-url'), pagePath);
    enqueue(attr(m[0], 'renderer-url'), pagePath);
  }
  for (const m of html.matchAll(/<link\b[^>]*>/gi)) {
    const rel = (attr(m[0], 'rel') ?? '').toLowerCase().split(/\s+/);
    if (rel.includes('modulepreload')) enqueue(attr(m[0], 'href'), pagePath);
  }

  while (queue.length) {
    const path = queue.shift()!;
    const body = await load(path);
    if (!body) {
      missing.push(path);
      continue;
    }
    scripts.push({ name: path, bytes: body.length, gzip: gz(body) });
    for (const spec of importsOf(body.toString('utf8'))) enqueue(spec, path);
  }

  const cssSeen = new Set<string>();
  for (const m of html.matchAll(/<link\b[^>]*>/gi)) {
    const rel = (attr(m[0], 'rel') ?? '').toLowerCase().split(/\s+/);
    if (!rel.includes('stylesheet')) continue;
    const path = resolvePath(decode(attr(m[0], 'href') ?? ''), pagePath);
    if (!path || cssSeen.has(path)) continue;
    cssSeen.add(path);
    const body = await load(path);
    if (!body) missing.push(path);
    else styles.push({ name: path, bytes: body.length, gzip: gz(body) });
  }
  let inlineCss = 0;
  for (const m of html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style\s*>/gi)) {
    const body = Buffer.from(m[1]!);
    if (body.length) styles.push({ name: `inline style #${++inlineCss}`, bytes: body.length, gzip: gz(body) });
  }

  const sum = (list: Asset[], key: 'bytes' | 'gzip') => list.reduce((s, a) => s + a[key], 0);
  return {
    scripts,
    styles,
    jsBytes: sum(scripts, 'bytes'),
    jsGzip: sum(scripts, 'gzip'),
    cssBytes: sum(styles, 'bytes'),
    cssGzip: sum(styles, 'gzip'),
    missing,
  };
}

/** Budgets from the performance issue, in gzip bytes (1 KB = 1,000 bytes, as a browser's network panel counts). */
export const BUDGETS = {
  plainLessonJs: 0,
  simulationPageJs: 80_000,
  cssPerPage: 20_000,
} as const;

export const fmtKB = (n: number) => `${(n / 1000).toFixed(1)} KB`;
