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
}

interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number } }>;
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
  let idle = 0;
  let gc = 0;
  for (const id of samples) {
    const frame = nodes.get(id)!.callFrame;
    if (frame.functionName === '(idle)') {
      idle++;
      continue;
    }
    if (frame.functionName === '(garbage collector)') gc++;
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
  return { file, samples: samples.length, idlePct: (100 * idle) / Math.max(samples.length, 1), gcPct: (100 * gc) / busy, top, wholeRun };
}
