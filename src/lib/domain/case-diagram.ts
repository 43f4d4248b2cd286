/**
 * A case simulation drawn as a diagram: pure layout and SVG text, no DOM, no database.
 *
 * Used by the instructor's report (the share of learners on each edge) and the case editor (the
 * best path and critical options from the build-time analysis). The output is a string of SVG
 * that uses presentation attributes only (no `style`), so it passes the site's CSP and needs no
 * stylesheet, plus the same facts as plain sentences for a text alternative: colour is never the
 * only carrier (bad endings say "Bad ending", critical edges say "critical").
 *
 * Layout: top to bottom, one row per layer. A node's layer is the longest path to it from a node
 * nobody leads to (the start), so every edge points downwards in a case graph, which the build
 * keeps acyclic. Within a row, nodes start in the order a depth-first walk from the start meets
 * them (author order), then two barycentre sweeps pull each node under its parents to reduce
 * crossings. Several options leading to the same step are drawn as one edge listing them.
 *
 * Edges: an edge to the next row is a straight line across the gap between the two rows, where no
 * box stands. An edge that skips rows would pass behind the boxes between, so it is routed around
 * them: down into the gap under its step, sideways to a gutter beside the whole diagram (the side
 * nearer its step), along the gutter, then in through the gap above its target. Each such edge has
 * its own lane in the gutter and its own height in each gap, so two never run on top of each other.
 * A detour leaves and enters its boxes off-centre, on its gutter's side. Every edge is a polyline
 * (`points`), drawn exactly as returned, so tests can check the geometry.
 */
import type { Scenario, ScenarioNode } from '../shared/schemas/simulation';
import { escapeHtml } from '../shared/markdown';

/** Learners who went from one step to another (counted by the caller over whatever range it likes). */
export type EdgeTraffic = { from: string; to: string; count: number };

export interface CaseDiagramOptions {
  /** Prefix for ids inside the SVG, unique per page (two diagrams on one page must not share markers). */
  id: string;
  /** Learners per edge; shares are computed per source step. Omit for an authoring view. */
  traffic?: EdgeTraffic[];
  /** Node ids of the best run (the build analysis' `bestPath`), drawn heavier and named in the text. */
  bestPath?: string[];
  /** Title read by assistive technology (the `<title>` of the SVG). */
  title?: string;
}

export interface DiagramEdge {
  from: string;
  to: string;
  /** Option ids (choice steps) or route names (`next`, `nextOnFail`, `rule 2`) that take this edge. */
  via: string[];
  critical: boolean;
  onBestPath: boolean;
  count: number | null;
  /** Whole percent of the learners who left `from` and took this edge; null without traffic or with nobody leaving. */
  share: number | null;
  /** The drawn route, from the bottom side of `from` to the top side of `to`, as straight segments. */
  points: Array<[number, number]>;
}

export interface DiagramNode {
  id: string;
  type: ScenarioNode['type'];
  /** What the box says under the id: the kind of step, or the ending's label. */
  caption: string;
  ending: 'good' | 'bad' | null;
  start: boolean;
  layer: number;
  x: number;
  y: number;
}

export interface CaseDiagram {
  nodes: DiagramNode[];
  edges: DiagramEdge[];
  width: number;
  height: number;
  svg: string;
  /** One sentence per step, in diagram order: the text alternative. */
  sentences: string[];
}

export const NODE_W = 168;
export const NODE_H = 50;
const GAP_X = 28;
const GAP_Y = 78;
const PAD = 16;
const CHARS_PER_LINE = 24;
/** Gutter lanes for edges that skip rows: the first this far from the boxes, then one every LANE. */
const GUTTER = 20;
const LANE = 10;
/** Heights of the sideways runs in a gap, measured from the row above: one per edge, every STEP_Y. */
const RUN_Y = 14;
const STEP_Y = 8;
/** How far from a box's corner a detour leaves or enters it. */
const PORT = 18;

const INK = '#1f2328';
const EDGE = '#57606a';
const BEST = '#0b4f9c';
const BAD = '#a4141c';
const GOOD = '#1a6b34';

function routes(node: ScenarioNode): Array<{ via: string; to: string; critical: boolean }> {
  const expand = (via: string, next: string | Array<{ to: string }>, critical = false) =>
    typeof next === 'string' ? [{ via, to: next, critical }] : next.map((r, i) => ({ via: next.length > 1 ? `${via} rule ${i + 1}` : via, to: r.to, critical }));
  switch (node.type) {
    case 'end':
      return [];
    case 'choice':
      return node.options.flatMap((o) => expand(o.id, o.next, o.critical === true));
    case 'input':
      return [...expand('next', node.next), ...(node.nextOnFail ? expand('nextOnFail', node.nextOnFail) : [])];
    default:
      return expand('next', node.next);
  }
}

function captionOf(node: ScenarioNode): string {
  switch (node.type) {
    case 'end':
      return node.label;
    case 'choice':
      return `Choice · ${node.options.length} options`;
    case 'input':
      return 'Typed answer';
    case 'form':
      return `Form · ${node.fields.length} field${node.fields.length === 1 ? '' : 's'}`;
    case 'task':
      return 'Task';
    case 'scene':
      return 'Scene';
  }
}

/** Shortens text to `max` characters with an ellipsis; the full text stays in the `<title>` and the sentences. */
export function shorten(text: string, max = CHARS_PER_LINE): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

const pct = (share: number | null) => (share === null ? '' : `${share}%`);

/** Lays out a scenario and draws it. Unknown edge targets (a broken file) are left out rather than thrown on. */
export function caseDiagram(scenario: Scenario, options: CaseDiagramOptions): CaseDiagram {
  const ids = Object.keys(scenario.nodes);
  const known = new Set(ids);

  // Merge the options that lead to the same step into one edge.
  const edgeMap = new Map<string, DiagramEdge>();
  for (const from of ids) {
    for (const r of routes(scenario.nodes[from]!)) {
      if (!known.has(r.to)) continue;
      const key = `${from}\u0000${r.to}`;
      const e = edgeMap.get(key) ?? { from, to: r.to, via: [], critical: false, onBestPath: false, count: null, share: null, points: [] };
      if (!e.via.includes(r.via)) e.via.push(r.via);
      e.critical ||= r.critical;
      edgeMap.set(key, e);
    }
  }
  const edges = [...edgeMap.values()];

  const best = options.bestPath ?? [];
  for (let i = 0; i + 1 < best.length; i++) {
    const e = edgeMap.get(`${best[i]}\u0000${best[i + 1]}`);
    if (e) e.onBestPath = true;
  }

  if (options.traffic) {
    const counts = new Map<string, number>();
    for (const t of options.traffic) counts.set(`${t.from}\u0000${t.to}`, (counts.get(`${t.from}\u0000${t.to}`) ?? 0) + t.count);
    const leaving = new Map<string, number>();
    for (const e of edges) {
      e.count = counts.get(`${e.from}\u0000${e.to}`) ?? 0;
      leaving.set(e.from, (leaving.get(e.from) ?? 0) + e.count);
    }
    for (const e of edges) {
      const total = leaving.get(e.from) ?? 0;
      e.share = total > 0 ? Math.round(((e.count ?? 0) / total) * 100) : null;
    }
  }

  // Layers: longest path from the roots, in topological order (Kahn). Nodes on a cycle, which the
  // build refuses, fall back to the row after everything else so a broken draft still draws.
  const preds = new Map(ids.map((n) => [n, [] as string[]]));
  const succs = new Map(ids.map((n) => [n, [] as string[]]));
  for (const e of edges) {
    preds.get(e.to)!.push(e.from);
    succs.get(e.from)!.push(e.to);
  }
  const layer = new Map<string, number>();
  const indegree = new Map(ids.map((n) => [n, preds.get(n)!.length]));
  const queue = [scenario.start, ...ids.filter((n) => n !== scenario.start)].filter((n) => known.has(n) && indegree.get(n) === 0);
  while (queue.length) {
    const n = queue.shift()!;
    if (!layer.has(n)) layer.set(n, 0);
    for (const s of succs.get(n)!) {
      layer.set(s, Math.max(layer.get(s) ?? 0, layer.get(n)! + 1));
      indegree.set(s, indegree.get(s)! - 1);
      if (indegree.get(s) === 0) queue.push(s);
    }
  }
  const settled = ids.filter((n) => indegree.get(n) === 0);
  const deepest = Math.max(0, ...settled.map((n) => layer.get(n) ?? 0));
  for (const n of ids) if (indegree.get(n)! > 0) layer.set(n, deepest + 1);

  // First order: depth-first from the start in author order, then anything the walk missed.
  const seen: string[] = [];
  const visit = (n: string) => {
    if (seen.includes(n)) return;
    seen.push(n);
    for (const s of succs.get(n)!) visit(s);
  };
  if (known.has(scenario.start)) visit(scenario.start);
  for (const n of ids) visit(n);
  const rows: string[][] = [];
  for (const n of seen) (rows[layer.get(n)!] ??= []).push(n);
  const filled = rows.filter((r) => r !== undefined);
  const pos = new Map<string, number>();
  const index = () => filled.forEach((row) => row.forEach((n, i) => pos.set(n, i)));
  index();
  for (let sweep = 0; sweep < 2; sweep++) {
    for (const row of filled.slice(1)) {
      const bary = (n: string) => {
        const p = preds.get(n)!.filter((x) => pos.has(x));
        return p.length ? p.reduce((s, x) => s + pos.get(x)!, 0) / p.length : pos.get(n)!;
      };
      const keyed = row.map((n) => [n, bary(n)] as const);
      keyed.sort((a, b) => a[1] - b[1] || pos.get(a[0])! - pos.get(b[0])!);
      row.splice(0, row.length, ...keyed.map(([n]) => n));
      index();
    }
  }

  const widest = Math.max(1, ...filled.map((r) => r.length));
  const boxesW = widest * NODE_W + (widest - 1) * GAP_X;
  // Edges that skip a row (or, in a broken draft, point upwards) go round by a gutter: the side
  // nearer their step. Each takes a lane, so the picture widens by the lanes it needs.
  const rowOf = (n: string) => filled.findIndex((r) => r.includes(n));
  const detours = edges.filter((e) => rowOf(e.to) !== rowOf(e.from) + 1);
  const side = new Map(detours.map((e) => {
    const row = filled[rowOf(e.from)]!;
    return [e, row.indexOf(e.from) + 0.5 <= row.length / 2 ? 'left' : 'right'] as const;
  }));
  const lanes = { left: [] as DiagramEdge[], right: [] as DiagramEdge[] };
  for (const e of detours) lanes[side.get(e)!].push(e);
  const gutterW = (n: number) => (n === 0 ? 0 : GUTTER + (n - 1) * LANE);
  const width = PAD * 2 + gutterW(lanes.left.length) + boxesW + gutterW(lanes.right.length);
  const height = PAD * 2 + filled.length * NODE_H + (filled.length - 1) * GAP_Y;
  const nodes: DiagramNode[] = [];
  filled.forEach((row, li) => {
    const rowW = row.length * NODE_W + (row.length - 1) * GAP_X;
    const left = PAD + gutterW(lanes.left.length) + (boxesW - rowW) / 2;
    row.forEach((n, i) => {
      const node = scenario.nodes[n]!;
      nodes.push({
        id: n,
        type: node.type,
        caption: captionOf(node),
        ending: node.type === 'end' ? (node.good ? 'good' : 'bad') : null,
        start: n === scenario.start,
        layer: li,
        x: Math.round(left + i * (NODE_W + GAP_X)),
        y: PAD + li * (NODE_H + GAP_Y),
      });
    });
  });
  const byId = new Map(nodes.map((n) => [n.id, n]));

  // Routes. Sideways runs in a gap get heights in turn, counted per gap (the gap under row r).
  const runs = new Map<number, number>();
  const runIn = (row: number) => {
    const k = runs.get(row) ?? 0;
    runs.set(row, k + 1);
    const y = PAD + row * (NODE_H + GAP_Y) + NODE_H + RUN_Y + k * STEP_Y;
    return Math.min(y, PAD + (row + 1) * (NODE_H + GAP_Y) - RUN_Y);
  };
  const leftEdge = PAD + gutterW(lanes.left.length);
  for (const e of edges) {
    const a = byId.get(e.from)!;
    const b = byId.get(e.to)!;
    const s = side.get(e);
    if (!s) {
      e.points = [[a.x + NODE_W / 2, a.y + NODE_H], [b.x + NODE_W / 2, b.y]];
      continue;
    }
    const lane = lanes[s].indexOf(e);
    const gx = s === 'left' ? leftEdge - GUTTER - lane * LANE : leftEdge + boxesW + GUTTER + lane * LANE;
    const down = runIn(a.layer);
    const into = b.layer > 0 ? runIn(b.layer - 1) : b.y - RUN_Y / 2;
    // A detour leaves and enters off-centre, on its gutter's side, so it never shares the
    // straight line of a next-row edge and each detour keeps its own arrowhead.
    const port = (n: DiagramNode) => n.x + (s === 'left' ? PORT + (lane % 6) * STEP_Y : NODE_W - PORT - (lane % 6) * STEP_Y);
    e.points = [[port(a), a.y + NODE_H], [port(a), down], [gx, down], [gx, into], [port(b), into], [port(b), b.y]];
  }

  edges.sort((a, b) => nodes.indexOf(byId.get(a.from)!) - nodes.indexOf(byId.get(b.from)!) || nodes.indexOf(byId.get(a.to)!) - nodes.indexOf(byId.get(b.to)!));

  const title = options.title ?? `Diagram of the case “${scenario.title}”`;
  const sentences = describe(nodes, edges, best);
  return { nodes, edges, width, height, svg: draw(options.id, title, sentences, nodes, edges, width, height), sentences };
}

function describe(nodes: DiagramNode[], edges: DiagramEdge[], best: string[]): string[] {
  const lines = nodes.map((n) => {
    const what = n.ending ? `${n.ending === 'good' ? 'Good' : 'Bad'} ending “${n.id}”: ${n.caption}.` : `${n.start ? 'Start, step' : 'Step'} “${n.id}” (${n.caption.toLowerCase()})`;
    if (n.ending) return what;
    const parts = edges.filter((e) => e.from === n.id).map((e) => {
      const via = e.via.every((v) => v === 'next') ? '' : ` (${e.via.join(', ')})`;
      const amount = e.count === null ? '' : e.share === null ? ' (no learners yet)' : ` ${e.share}% (${e.count})`;
      return `${amount ? `${amount.trim()} ` : ''}to “${e.to}”${via}${e.critical ? ', critical' : ''}`;
    });
    return `${what} leads ${parts.join('; ')}.`;
  });
  if (best.length > 1) lines.push(`Best path: ${best.map((n) => `“${n}”`).join(' → ')}.`);
  return lines;
}

function draw(
  id: string,
  title: string,
  sentences: string[],
  nodes: DiagramNode[],
  edges: DiagramEdge[],
  width: number,
  height: number,
): string {
  const esc = escapeHtml;
  const arrow = (name: string, colour: string) =>
    `<marker id="${esc(id)}-${name}" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="12" markerHeight="12" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z" fill="${colour}"/></marker>`;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="${esc(id)}-title ${esc(id)}-desc" font-family="system-ui, sans-serif" font-size="12">`,
    `<title id="${esc(id)}-title">${esc(title)}</title>`,
    `<desc id="${esc(id)}-desc">${esc(sentences.join(' '))}</desc>`,
    `<defs>${arrow('arrow', EDGE)}${arrow('arrow-best', BEST)}${arrow('arrow-critical', BAD)}</defs>`,
  ];
  const placed: Array<{ x: number; y: number; w: number }> = [];
  for (const e of edges) {
    const colour = e.critical ? BAD : e.onBestPath ? BEST : EDGE;
    const widthPx = e.share === null ? (e.onBestPath ? 3 : 1.5) : 1.5 + (e.share / 100) * 3.5;
    const marker = e.critical ? 'arrow-critical' : e.onBestPath ? 'arrow-best' : 'arrow';
    const dash = e.critical ? ' stroke-dasharray="6 4"' : '';
    const label = [e.share === null ? '' : pct(e.share), e.critical ? 'critical' : ''].filter(Boolean).join(' · ');
    parts.push(
      `<g><title>${esc(`${e.from} → ${e.to}${e.via.every((v) => v === 'next') ? '' : ` (${e.via.join(', ')})`}${e.count === null ? '' : `: ${e.count} learner${e.count === 1 ? '' : 's'}${e.share === null ? '' : `, ${e.share}%`}`}${e.critical ? ', critical' : ''}`)}</title>` +
        `<path d="${e.points.map(([x, y], i) => `${i ? 'L' : 'M'}${x} ${i === e.points.length - 1 ? y - 2 : y}`).join(' ')}" fill="none" stroke="${colour}" stroke-width="${widthPx.toFixed(1)}"${dash} marker-end="url(#${esc(id)}-${marker})"/>`,
    );
    if (label) {
      // Halfway along the line (a detour: along its first sideways run, in the gap under its step),
      // nudged down past any label already placed, so fan-outs stay readable.
      const [[ax, ay], [bx, by]] = e.points.length > 2 ? [e.points[1]!, e.points[2]!] : [e.points[0]!, e.points[1]!];
      const lx = (ax + bx) / 2;
      let ly = (ay + by) / 2;
      const w = label.length * 7 + 8;
      while (placed.some((p) => Math.abs(p.x - lx) < (p.w + w) / 2 + 2 && Math.abs(p.y - ly) < 19)) ly += 19;
      placed.push({ x: lx, y: ly, w });
      parts.push(
        `<rect x="${(lx - w / 2).toFixed(1)}" y="${(ly - 9).toFixed(1)}" width="${w}" height="17" rx="3" fill="#ffffff" stroke="${colour}" stroke-width="0.75"/>` +
          `<text x="${lx.toFixed(1)}" y="${(ly + 4).toFixed(1)}" text-anchor="middle" fill="${e.critical ? BAD : INK}">${esc(label)}</text>`,
      );
    }
    parts.push('</g>');
  }
  for (const n of nodes) {
    const stroke = n.ending === 'bad' ? BAD : n.ending === 'good' ? GOOD : n.start ? BEST : EDGE;
    const fill = n.ending === 'bad' ? '#fdecec' : n.ending === 'good' ? '#e9f5ec' : '#ffffff';
    const dash = n.ending === 'bad' ? ' stroke-dasharray="5 3"' : '';
    const head = n.ending === 'bad' ? `✕ ${n.id}` : n.ending === 'good' ? `✓ ${n.id}` : n.start ? `▶ ${n.id}` : n.id;
    const sub = n.ending ? `${n.ending === 'bad' ? 'Bad' : 'Good'}: ${n.caption}` : n.caption;
    parts.push(
      `<g><title>${esc(n.ending ? `${n.ending === 'bad' ? 'Bad' : 'Good'} ending ${n.id}: ${n.caption}` : `${n.start ? 'Start: ' : ''}${n.id} (${n.caption})`)}</title>` +
        `<rect x="${n.x}" y="${n.y}" width="${NODE_W}" height="${NODE_H}" rx="6" fill="${fill}" stroke="${stroke}" stroke-width="${n.start || n.ending ? 2 : 1.25}"${dash}/>` +
        `<text x="${n.x + NODE_W / 2}" y="${n.y + 20}" text-anchor="middle" font-weight="600" fill="${INK}">${esc(shorten(head))}</text>` +
        `<text x="${n.x + NODE_W / 2}" y="${n.y + 38}" text-anchor="middle" fill="${n.ending === 'bad' ? BAD : INK}">${esc(shorten(sub))}</text></g>`,
    );
  }
  parts.push('</svg>');
  return parts.join('');
}
