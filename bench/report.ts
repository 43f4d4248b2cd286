/**
 * bench/results.md and bench/results.json from one run of bench/run.ts. The JSON carries the same
 * figures for tools: `ratios.lesson`, `ratios.noDb`, `ratios.asset` (and `ratios.floor`, `ratios.bare`), each a
 * page's requests per second over its baseline's, and the commit measured.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Fixture } from './fixture';
import { BUDGETS, fmtKB, type PageWeight } from './page-weight';
import { PART_LABELS, PARTS, type ProfileSummary } from './profile';

export interface RunFacts {
  date: string;
  node: string;
  cpu: string;
  load: string;
  commit: string;
  dirty: boolean;
  connections: number;
  workers: number;
  durationS: number;
  warmupS: number;
  encodingSent: string;
}

export interface Phase {
  key: string;
  label: string;
  what: string;
  /** Content-Encoding of the answers and their body size. */
  encoding: string;
  /** For a baseline: the key of the phase whose bytes it serves. */
  baselineOf?: string;
  connections: number;
  workers: number;
  durationS: number;
  warmupS: number;
  rps: number;
  p50: number;
  p99: number;
  total: number;
  /** Bytes on the wire per response, headers included (autocannon's throughput over responses). */
  bytesPerResponse: number;
  statusCodes: Record<string, number>;
  errors: number;
  timeouts: number;
  /** CPU the server process used over the measured seconds, in % of one core. */
  serverCpuPct: number | null;
  /** CPU the load generator (this process and its worker threads) used, in % of one core. */
  generatorCpuPct: number;
  window: { from: number; to: number };
  profile?: ProfileSummary;
}

export interface PdfTiming {
  coldMs: number;
  firstMs: number;
  firstRuns: number;
  cachedMs: number;
  cachedRuns: number;
  bytes: number;
}

/** The issue's figures before this work (issue 21): 411 submits and 414 decisions a second, 168.4 ms per PDF. */
export const BEFORE = { submitRps: 411, decideRps: 414, pdfMedianMs: 168.4 };
/** Targets as ratios to the baseline; when the Astro floor measures below one, it becomes 90 % of the floor. */
export const TARGETS = { lesson: 0.15, noDb: 0.2, asset: 0.5 } as const;

interface Input {
  facts: RunFacts;
  phases: Phase[];
  growth: Record<string, [number, number]>;
  weights: Array<{ label: string; path: string; budget?: 'plainLessonJs' | 'simulationPageJs'; weight: PageWeight }>;
  pdf: PdfTiming;
  builds: Array<{ label: string; lessons: number; seconds: number; note?: string }>;
  fixture: Fixture;
}

const n = (x: number) => Math.round(x).toLocaleString('en-US');
const kb = (b: number) => `${(b / 1000).toFixed(1)} KB`;
const pct = (x: number | null) => (x === null ? 'n/a' : `${x.toFixed(0)} %`);

export function ratiosOf(phases: Phase[]) {
  const rps = (key: string) => phases.find((p) => p.key === key)?.rps ?? NaN;
  const ratio = (key: string) => rps(key) / rps(`${key}Baseline`);
  return { lesson: ratio('lesson'), noDb: ratio('noDb'), asset: ratio('asset'), floor: ratio('floor'), bare: ratio('bare') };
}

/** Each target, lowered to 90 % of the floor when the floor itself is below it (as the issue says). */
export function targetsOf(floor: number) {
  return Object.fromEntries(
    Object.entries(TARGETS).map(([k, t]) => [k, floor < t ? { target: 0.9 * floor, original: t, lowered: true } : { target: t, original: t, lowered: false }]),
  ) as Record<keyof typeof TARGETS, { target: number; original: number; lowered: boolean }>;
}

/**
 * The same bench run earlier on the code before a change (`BENCH_BEFORE=<its results.json>`), for a
 * before-and-after table on one machine: issue 20 asks for the front door's, issue 21 for its fixes.
 */
function beforeSection(ratios: ReturnType<typeof ratiosOf>, phases: Phase[], pdf: PdfTiming): string[] {
  const path = process.env.BENCH_BEFORE;
  if (!path) return [];
  const before = JSON.parse(readFileSync(path, 'utf8')) as { facts: RunFacts; ratios: Record<string, number>; phases: Array<{ key: string; rps: number }>; pdf?: { firstMs: number; cachedMs: number } };
  const rpsBefore = (key: string) => before.phases.find((p) => p.key === key)?.rps;
  const times = (a: number | undefined, b: number) => (a ? `${(b / a).toFixed(1)}×` : '—');
  const rows = phases.map((p) => {
    const b = rpsBefore(p.key);
    return `| ${p.label} | ${b === undefined ? '—' : n(b)} | ${n(p.rps)} | ${times(b, p.rps)} |`;
  });
  const ratioRows = (['lesson', 'noDb', 'asset', 'floor', 'bare'] as const).map((k) => `| \`ratios.${k}\` | ${before.ratios[k]?.toFixed(3) ?? '—'} | ${ratios[k].toFixed(3)} | ${times(before.ratios[k], ratios[k])} |`);
  return [
    `## Before and after, same machine`,
    ``,
    `Before: the same bench on commit \`${before.facts.commit}\`${before.facts.dirty ? ' (with the new bench files copied in)' : ''}, ${before.facts.date}, ${before.facts.durationS} s phases, load average at its start ${before.facts.load}. It served the build through that commit's own \`bench/serve.mjs\` and front door.`,
    ``,
    `| phase | req/s before | req/s after | after ÷ before |`,
    `|---|---:|---:|---:|`,
    ...rows,
    ...ratioRows,
    ...(before.pdf ? [`| certificate PDF, first download (ms) | ${before.pdf.firstMs.toFixed(1)} | ${pdf.firstMs.toFixed(1)} | |`, `| certificate PDF, cached download (ms) | ${before.pdf.cachedMs.toFixed(2)} | ${pdf.cachedMs.toFixed(2)} | |`] : []),
    ``,
  ];
}

/**
 * The app's phases side by side by part (bench/profile.ts, partOfStack): what the framework costs
 * every request, next to what our code, the database and compression add.
 */
function partsTable(phases: Phase[]): string[] {
  const app = phases.filter((p) => !p.baselineOf && p.profile?.parts);
  if (app.length === 0) return [];
  // The server's CPU per answer, in µs: its CPU over the measured seconds divided by the answers.
  const perRequest = (p: Phase) => (p.serverCpuPct == null ? null : (p.serverCpuPct / 100 / p.rps) * 1e6);
  const cell = (p: Phase, share: number) => {
    const us = perRequest(p);
    return us === null ? `${share.toFixed(1)} %` : `${Math.round((us * share) / 100)} µs (${share.toFixed(0)} %)`;
  };
  return [
    `Where the busy time went, by part, in µs of server CPU per answer (the phase's CPU over its answers, shared out by the profile's busy samples) and as a share. A sample through zlib counts as compression and one through better-sqlite3 or Drizzle as the database, wherever they were called from; otherwise the innermost frame with a source file decides (bench/profile.ts). Astro's rendering of our pages counts as Astro.`,
    ``,
    `| part | ${app.map((p) => p.label).join(' | ')} |`,
    `|---|${app.map(() => '---:').join('|')}|`,
    ...PARTS.map((part) => `| ${PART_LABELS[part]} | ${app.map((p) => cell(p, p.profile!.parts[part])).join(' | ')} |`),
    `| **all** | ${app.map((p) => (perRequest(p) === null ? '—' : `**${Math.round(perRequest(p)!)} µs**`)).join(' | ')} |`,
    ``,
  ];
}

export function writeReport(root: string, r: Input): string {
  const ratios = ratiosOf(r.phases);
  const targets = targetsOf(ratios.floor);
  const phase = (key: string) => r.phases.find((p) => p.key === key)!;
  const submit = phase('submit');
  const decide = phase('decide');
  const pdfSpeedup = r.pdf.firstMs / r.pdf.cachedMs;
  const met = (ok: boolean) => (ok ? 'met' : '**not met**');
  const codes = (p: Phase) => Object.entries(p.statusCodes).map(([c, k]) => `${c}: ${n(k)}`).join(', ') + (p.errors ? `; ${n(p.errors)} errors` : '') + (p.timeouts ? `; ${n(p.timeouts)} timeouts` : '');
  const row = (p: Phase) =>
    `| ${p.baselineOf ? `↳ ${p.label}` : `**${p.label}**`} | ${n(p.rps)} | ${p.p50} | ${p.p99} | ${codes(p)} | ${p.connections} conns, ${p.workers} workers, ${p.durationS} s after ${p.warmupS} s warm-up | ${p.encoding} | ${kb(p.bytesPerResponse)} | ${pct(p.serverCpuPct)} | ${pct(p.generatorCpuPct)} | ${p.what} |`;
  const profileLine = (p: Phase) => {
    const s = p.profile;
    if (!s) return `- **${p.label}**: no profile written`;
    const top = s.top.map((t) => `\`${t.fn}\` (${t.where || 'native'}) ${t.selfPct.toFixed(1)} %`).join('; ');
    return `- **${p.label}** (${n(s.samples)} samples${s.wholeRun ? ', whole process: the window was not found' : ''}; idle ${s.idlePct.toFixed(0)} %, GC ${s.gcPct.toFixed(1)} % of busy): ${top}`;
  };
  const ratioRow = (key: 'lesson' | 'noDb' | 'asset', label: string) => {
    const t = targets[key];
    const target = t.lowered ? `≥ ${t.target.toFixed(2)} (90 % of the floor; the issue's ${t.original.toFixed(2)} is above the floor)` : `≥ ${t.target.toFixed(2)}`;
    return `| ${label} | \`ratios.${key}\` | **${ratios[key].toFixed(3)}** | ${target} | ${met(ratios[key] >= t.target)} |`;
  };

  const lines = [
    `# Bench results`,
    ``,
    `${r.facts.date}, commit \`${r.facts.commit}\`${r.facts.dirty ? ' **with uncommitted changes**' : ' (clean)'}, Node ${r.facts.node}, ${r.facts.cpu}, load average at start ${r.facts.load}.`,
    `Server, baseline and load generator share the machine, on loopback. Every phase: a fresh server process under \`node --cpu-prof\`, autocannon with ${r.facts.workers} worker threads and ${r.facts.connections} connections, ${r.facts.warmupS} s of warm-up, then ${r.facts.durationS} s measured, sending \`Accept-Encoding: ${r.facts.encodingSent}\` and a browser's other headers. Each read phase is followed by its baseline: a minimal node:http server answering the very status, headers and body bytes the app sent for that request (same encoding), from memory. CPU columns: % of one core over the measured seconds (the generator counts its worker threads); two cores in all.`,
    `Database: ${n(r.fixture.learners)} learners with history (${Object.entries(r.fixture.rows).map(([t, c]) => `${t} ${n(c)}`).join(', ')}). Timings are measurements on a shared machine; only the byte budgets are enforced (test/e2e/budgets.spec.ts).`,
    ``,
    `## Load`,
    ``,
    `| what | req/s | p50 ms | p99 ms | responses | load | encoding, body | bytes/response (wire) | server CPU | generator CPU | request |`,
    `|---|---:|---:|---:|---|---|---|---:|---:|---:|---|`,
    ...r.phases.map(row),
    ``,
    `## Ratios to the baseline (same run)`,
    ``,
    `| page | key | req/s ÷ baseline's | target | |`,
    `|---|---|---:|---|---|`,
    ratioRow('lesson', 'Lesson page, signed in'),
    ratioRow('noDb', 'Page with no database work (`/verify`)'),
    ratioRow('asset', 'Static asset through the server (`/favicon.svg`)'),
    `| Astro floor (static text, no middleware) | \`ratios.floor\` | **${ratios.floor.toFixed(3)}** | (reference: what the framework itself reaches) | |`,
    `| Bare Astro project, same page (none of our code) | \`ratios.bare\` | **${ratios.bare.toFixed(3)}** | (reference: the floor without our server, settings or middleware) | |`,
    ``,
    `## Writes`,
    ``,
    `| what | req/s | before (issue 21) | target | | rows written |`,
    `|---|---:|---:|---|---|---|`,
    `| Post-test submit | ${n(submit.rps)} | ${n(BEFORE.submitRps)} | ≥ ${n(3 * BEFORE.submitRps)} (3×) | ${met(submit.rps >= 3 * BEFORE.submitRps)} | quiz_responses ${n(r.growth.quiz_responses![0])} → ${n(r.growth.quiz_responses![1])} |`,
    `| Case decision | ${n(decide.rps)} | ${n(BEFORE.decideRps)} | ≥ ${n(3 * BEFORE.decideRps)} (3×) | ${met(decide.rps >= 3 * BEFORE.decideRps)} | simulation_decisions ${n(r.growth.simulation_decisions![0])} → ${n(r.growth.simulation_decisions![1])} |`,
    ``,
    `That every acknowledged write is in the database is checked by the load test (\`npm run test:load\`), not here.`,
    ``,
    ...beforeSection(ratios, r.phases, r.pdf),
    `## CPU profiles (top functions by self time over the measured seconds)`,
    ``,
    `Profiles are in \`bench/out/profiles/<phase>/\` (open them in Chrome DevTools, Performance tab). Shares are of the samples in which the process was busy.`,
    ``,
    ...partsTable(r.phases),
    ...r.phases.map(profileLine),
    ``,
    `## Certificate PDF (\`GET /me/certificates/<code>.pdf\`, over HTTP)`,
    ``,
    `| what | result |`,
    `|---|---|`,
    `| first download of a certificate (renders it) | **${r.pdf.firstMs.toFixed(1)} ms** median of ${r.pdf.firstRuns} certificates; before: ${BEFORE.pdfMedianMs} ms per render: ${met(r.pdf.firstMs < BEFORE.pdfMedianMs)} |`,
    `| later downloads (from the cache) | **${r.pdf.cachedMs.toFixed(2)} ms** median of ${r.pdf.cachedRuns} |`,
    `| cached ÷ first | **${pdfSpeedup.toFixed(0)}× faster** (target ≥ 20×: ${met(pdfSpeedup >= 20)}) |`,
    `| very first download in a fresh process | ${r.pdf.coldMs.toFixed(0)} ms (also loads the fonts); ${kb(r.pdf.bytes)} PDF |`,
    ``,
    `## JavaScript and CSS shipped (gzip, zlib default level 6; 1 KB = 1,000 bytes)`,
    ``,
    `| page | JS files | JS gzip | CSS gzip | JS budget | CSS budget |`,
    `|---|---:|---:|---:|---|---|`,
    ...r.weights.map(({ label, path, budget, weight: w }) => {
      const budgetJs = budget ? BUDGETS[budget] : undefined;
      const jsBudget = budgetJs === undefined ? '—' : `${budgetJs === 0 ? '0 bytes' : fmtKB(budgetJs)}: ${met(w.jsGzip <= budgetJs)}`;
      return `| ${label} (\`${path.replace(/\/test\/\d+$/, '/test/<attempt>')}\`) | ${w.scripts.length} | ${w.jsGzip ? kb(w.jsGzip) : '0'} | ${kb(w.cssGzip)} | ${jsBudget} | ${fmtKB(BUDGETS.cssPerPage)}: ${met(w.cssGzip <= BUDGETS.cssPerPage)} |`;
    }),
    ``,
    `## Build time as content grows`,
    ``,
    `| content | lessons | astro build |`,
    `|---|---:|---:|`,
    ...r.builds.map((b) => `| ${b.label} | ${n(b.lessons)} | ${b.seconds.toFixed(1)} s${b.note ? ` (${b.note})` : ''} |`),
    ``,
    `Generated lessons go into one new published course and reuse the real lessons' bodies, so each is a realistic MDX file.`,
    ``,
  ];
  const md = lines.join('\n');
  writeFileSync(join(root, 'bench', 'results.md'), md);
  const json = {
    facts: r.facts,
    ratios,
    targets,
    phases: r.phases.map(({ window: _w, ...p }) => p),
    writes: { submitRps: submit.rps, decideRps: decide.rps, before: BEFORE, growth: r.growth },
    pdf: { ...r.pdf, speedup: pdfSpeedup },
    weights: r.weights.map(({ label, path, weight }) => ({ label, path, scripts: weight.scripts.length, jsGzip: weight.jsGzip, cssGzip: weight.cssGzip })),
    builds: r.builds,
  };
  writeFileSync(join(root, 'bench', 'results.json'), JSON.stringify(json, null, 2) + '\n');
  return md;
}
