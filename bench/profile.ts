/**
 * What a process spent its CPU on: CPU time read from /proc, and the top functions by self time
 * in a `node --cpu-prof` profile, counted only over the measured window of a phase (V8 stamps the
 * samples with the same monotonic clock as `process.hrtime`, shared by every process).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** CPU seconds (user + system) a process has used so far, from /proc/<pid>/stat; null off Linux. */
export function processCpuSeconds(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces: fields are counted after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return ticks / 100; // USER_HZ is 100 on Linux
  } catch {
    return null;
  }
}

/** Microseconds on the monotonic clock the profiler uses. */
export const monotonicMicros = () => Number(process.hrtime.bigint() / 1000n);

export interface ProfileLine {
  fn: string;
  where: string;
  selfPct: number;
}
/**
 * Where a busy sample's time went, by who owns the code. A sample whose stack passes through zlib is
 * compression and one through better-sqlite3 or Drizzle is the database, wherever it was called
 * from (their native work shows as the self time of their JavaScript wrappers); otherwise the
 * innermost frame with a source file decides. Astro's own chunks in the build are told from ours by
 * their names (`chunks/astro/`, `server_<hash>`, the adapter, the manifest, the entry points).
 */
export const PARTS = ['astro', 'ours', 'database', 'compression', 'webApi', 'nodeHttp', 'gc', 'other'] as const;
export type Part = (typeof PARTS)[number];
export const PART_LABELS: Record<Part, string> = {
  astro: 'Astro and its Node adapter',
  ours: 'our code (pages, middleware, front door)',
  database: 'SQLite and Drizzle',
  compression: 'compression (zlib)',
  webApi: "Node's Request, Response and web streams",
  nodeHttp: "Node's HTTP server and sockets",
  gc: 'garbage collection',
  other: 'other (module loader, async hooks, timers, crypto, start-up)',
};

const ASTRO_BUILD = /(^|\/)dist\/server\/(chunks\/astro\/|chunks\/server_[\w-]{8}\.mjs$|chunks\/_@astrojs-ssr-adapter_|chunks\/astro-designed-error-pages_|chunks\/_astro_|_@astrojs-ssr-adapter\.mjs$|manifest_|entry\.mjs$|entrypoint\.mjs$|renderers\.mjs$|noop-)/;
const ASTRO_PACKAGES = /node_modules\/(astro|@astrojs\/[^/]+|html-escaper|devalue|cookie|react|react-dom|scheduler|unstorage|mrmime|es-module-lexer)\//;
const WEB_API = /^node:internal\/(deps\/undici|webstreams|worker\/js_transferable|abort_controller|event_target|url|encoding|blob)/;
const NODE_HTTP = /^node:(_http_|net$|internal\/(stream_base_commons|streams\/|http|net)|stream$|events$|internal\/process\/task_queues)/;
const NODE_HTTP_NATIVE = /^(writev|writeLatin1String|writeUtf8String|writeBuffer|writeAsciiString|shutdown|close|(idle)|onStreamRead)$/;

/** The part a frame's own code belongs to, or undefined for a native frame with no source. */
export function partOfUrl(url: string): Part | undefined {
  if (!url) return undefined;
  const path = url.replace(/^file:\/\//, '');
  if (path.startsWith('node:zlib')) return 'compression';
  if (/node_modules\/(better-sqlite3|drizzle-orm)\//.test(path)) return 'database';
  if (WEB_API.test(path)) return 'webApi';
  if (NODE_HTTP.test(path)) return 'nodeHttp';
  if (path.startsWith('node:')) return 'other';
  if (ASTRO_PACKAGES.test(path) || ASTRO_BUILD.test(path)) return 'astro';
  return 'ours';
}

/** The part one busy sample is counted under, from its stack (innermost frame first). */
export function partOfStack(stack: ReadonlyArray<{ functionName: string; url: string }>): Part {
  const parts = stack.map((f) => partOfUrl(f.url));
  if (parts.includes('compression')) return 'compression';
  if (parts.includes('database')) return 'database';
  const leaf = stack[0];
  if (leaf?.functionName === '(garbage collector)') return 'gc';
  if (leaf && !leaf.url && NODE_HTTP_NATIVE.test(leaf.functionName)) return 'nodeHttp';
  return parts.find((p) => p !== undefined) ?? 'other';
}

export interface ProfileSummary {
  file: string;
  samples: number;
  /** Share of the window's samples in which the process was idle (waiting for the network). */
  idlePct: number;
  /** Share spent collecting garbage. */
  gcPct: number;
  /** Top functions by self time, as a share of the busy (non-idle) samples. */
  top: ProfileLine[];
  /** True when the window could not be found in the profile and the whole run was counted. */
  wholeRun: boolean;
  /** Shares of the busy samples by part (partOfStack), in %. */
  parts: Record<Part, number>;
}

interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }>;
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

function shortUrl(url: string, root: string): string {
  if (!url) return '(native)';
  const path = url.replace(/^file:\/\//, '');
  const nm = path.lastIndexOf('node_modules/');
  if (nm >= 0) return path.slice(nm + 'node_modules/'.length);
  if (path.includes('/dist/server/')) return `dist/server/${path.split('/dist/server/')[1]}`;
  if (path.startsWith('/')) return relative(root, path);
  return path;
}

/** The one .cpuprofile in `dir`, summarised over [fromMicros, toMicros]. */
export function summarizeProfile(dir: string, window: { from: number; to: number }, root: string, topN = 8): ProfileSummary | null {
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) return null;
  const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile;
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const inWindow: number[] = [];
  let t = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i] ?? 0;
    if (t >= window.from && t <= window.to) inWindow.push(profile.samples[i]!);
  }
  // Fewer than a tenth of the samples in the window means the clocks did not line up: count them all.
  const wholeRun = inWindow.length < profile.samples.length / 10;
  const samples = wholeRun ? profile.samples : inWindow;
  const self = new Map<string, { fn: string; where: string; n: number }>();
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const partOfNode = new Map<number, Part>();
  const stackOf = (id: number) => {
    const frames: Array<{ functionName: string; url: string }> = [];
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) frames.push(nodes.get(at)!.callFrame);
    return frames;
  };
  const partCounts = Object.fromEntries(PARTS.map((p) => [p, 0])) as Record<Part, number>;
  let idle = 0;
  let gc = 0;
  for (const id of samples) {
    const frame = nodes.get(id)!.callFrame;
    if (frame.functionName === '(idle)') {
      idle++;
      continue;
    }
    if (frame.functionName === '(garbage collector)') gc++;
    let part = partOfNode.get(id);
    if (part === undefined) partOfNode.set(id, (part = partOfStack(stackOf(id))));
    partCounts[part]++;
    const fn = frame.functionName || '(anonymous)';
    const where = frame.url ? `${shortUrl(frame.url, root)}:${frame.lineNumber + 1}` : '';
    const key = `${fn} ${where}`;
    const entry = self.get(key) ?? { fn, where, n: 0 };
    entry.n++;
    self.set(key, entry);
  }
  const busy = Math.max(samples.length - idle, 1);
  const top = [...self.values()]
    .sort((a, b) => b.n - a.n)
    .slice(0, topN)
    .map((e) => ({ fn: e.fn, where: e.where, selfPct: (100 * e.n) / busy }));
  const parts = Object.fromEntries(PARTS.map((p) => [p, (100 * partCounts[p]) / busy])) as Record<Part, number>;
  return { file, samples: samples.length, idlePct: (100 * idle) / Math.max(samples.length, 1), gcPct: (100 * gc) / busy, top, wholeRun, parts };
}
