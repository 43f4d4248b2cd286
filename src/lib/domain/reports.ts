/**
 * Aggregations behind the instructor reports. Pure: the server fetches rows, these shape them.
 */

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export interface FunnelStage {
  id: string;
  label: string;
  count: number;
  /** Share of the enrolled learners, 0-100, one decimal. */
  percentOfStart: number;
  /** Learners lost since the previous stage (never negative). */
  dropFromPrevious: number;
}

/** The completion funnel; stages are in course order and the first is the enrolled cohort. */
export function funnel(stages: Array<{ id: string; label: string; count: number }>): FunnelStage[] {
  const start = stages[0]?.count ?? 0;
  return stages.map((s, i) => ({
    ...s,
    percentOfStart: start > 0 ? Math.round((s.count / start) * 1000) / 10 : 0,
    dropFromPrevious: i === 0 ? 0 : Math.max(0, stages[i - 1]!.count - s.count),
  }));
}

export interface Bin {
  from: number;
  to: number;
  count: number;
  label: string;
}

/** The bin of a percent score: bins of `width` (0-10, 10-20 … 90-100); 100 falls in the last bin. */
export function binOf(percent: number, width = 10): number {
  return Math.min(Math.ceil(100 / width) - 1, Math.max(0, Math.floor(percent / width)));
}

/** Bins from counts per bin index (as the database returns them). */
export function binsFromCounts(counts: ReadonlyMap<number, number>, width = 10): Bin[] {
  const n = Math.ceil(100 / width);
  return Array.from({ length: n }, (_, i) => ({
    from: i * width,
    to: Math.min(100, (i + 1) * width),
    count: counts.get(i) ?? 0,
    label: i === n - 1 ? `${i * width}–${Math.min(100, (i + 1) * width)}%` : `${i * width}–<${(i + 1) * width}%`,
  }));
}

/** Percent scores in bins of `width`. */
export function histogram(percents: readonly number[], width = 10): Bin[] {
  const counts = new Map<number, number>();
  for (const p of percents) if (Number.isFinite(p)) counts.set(binOf(p, width), (counts.get(binOf(p, width)) ?? 0) + 1);
  return binsFromCounts(counts, width);
}

export interface DecisionRow {
  node: string;
  /** The option chosen; null for scenes, typed answers and forms. */
  choice: string | null;
  kind: string;
  ms: number | null;
}

export interface NodeSplit {
  node: string;
  total: number;
  medianMs: number | null;
  options: Array<{ id: string; count: number; share: number }>;
}

/** How learners split across each node's options, and how long they took there (median). */
export function decisionSplits(rows: readonly DecisionRow[]): NodeSplit[] {
  const byNode = new Map<string, { total: number; ms: number[]; options: Map<string, number> }>();
  for (const r of rows) {
    let n = byNode.get(r.node);
    if (!n) byNode.set(r.node, (n = { total: 0, ms: [], options: new Map() }));
    n.total++;
    if (r.ms !== null && Number.isFinite(r.ms)) n.ms.push(r.ms);
    const key = r.choice ?? `(${r.kind})`;
    n.options.set(key, (n.options.get(key) ?? 0) + 1);
  }
  return [...byNode.entries()].map(([node, n]) => ({
    node,
    total: n.total,
    medianMs: median(n.ms),
    options: [...n.options.entries()]
      .map(([id, count]) => ({ id, count, share: Math.round((count / n.total) * 1000) / 10 }))
      .sort((a, b) => b.count - a.count || a.id.localeCompare(b.id)),
  }));
}

/** The decision paths that most often end badly: identical paths counted, most frequent first. */
export function commonPaths(paths: readonly string[], top = 5): Array<{ path: string; count: number }> {
  const counts = new Map<string, number>();
  for (const p of paths) counts.set(p, (counts.get(p) ?? 0) + 1);
  return [...counts.entries()].map(([path, count]) => ({ path, count })).sort((a, b) => b.count - a.count || a.path.localeCompare(b.path)).slice(0, top);
}

export interface EvaluationItem {
  id: string;
  type: 'likert' | 'yes-no' | 'minutes' | 'text';
  text: string;
  /** Set on the "I can now ..." statement generated for a course objective. */
  objective?: string;
}

export interface EvaluationSummary {
  responses: number;
  /** Likert statements about the course as a whole. */
  likert: Array<{ id: string; text: string; mean: number | null; answered: number }>;
  /** The "I can now ..." statement of each objective, in objective order. */
  objectives: Array<{ id: string; objective: string; text: string; mean: number | null; answered: number }>;
  /** Yes-no items: the share answering yes (commercial bias), 0-100. */
  yesShare: Array<{ id: string; text: string; share: number | null; answered: number }>;
  medianMinutes: number | null;
  /** Every free-text answer of every text item (kept for the CSV-like overview). */
  comments: string[];
  /** Free-text answers per item (comments, what will change, future topics). */
  texts: Array<{ id: string; text: string; answers: string[] }>;
}

export function evaluationSummary(items: readonly EvaluationItem[], answers: ReadonlyArray<Record<string, unknown>>): EvaluationSummary {
  const nums = (id: string) => answers.map((a) => a[id]).filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  const round2 = (x: number) => Math.round(x * 100) / 100;
  return {
    responses: answers.length,
    likert: items.filter((i) => i.type === 'likert' && !i.objective).map((i) => {
      const v = nums(i.id);
      return { id: i.id, text: i.text, answered: v.length, mean: v.length ? round2(v.reduce((s, x) => s + x, 0) / v.length) : null };
    }),
    objectives: items.filter((i) => i.type === 'likert' && i.objective).map((i) => {
      const v = nums(i.id);
      return { id: i.id, objective: i.objective!, text: i.text, answered: v.length, mean: v.length ? round2(v.reduce((s, x) => s + x, 0) / v.length) : null };
    }),
    yesShare: items.filter((i) => i.type === 'yes-no').map((i) => {
      const v = answers.map((a) => a[i.id]).filter((x): x is boolean => typeof x === 'boolean');
      return { id: i.id, text: i.text, answered: v.length, share: v.length ? Math.round((v.filter(Boolean).length / v.length) * 1000) / 10 : null };
    }),
    medianMinutes: median(items.filter((i) => i.type === 'minutes').flatMap((i) => nums(i.id))),
    comments: items
      .filter((i) => i.type === 'text')
      .flatMap((i) => answers.map((a) => a[i.id]))
      .filter((c): c is string => typeof c === 'string' && c.trim() !== ''),
    texts: items
      .filter((i) => i.type === 'text')
      .map((i) => ({ id: i.id, text: i.text, answers: answers.map((a) => a[i.id]).filter((c): c is string => typeof c === 'string' && c.trim() !== '') })),
  };
}

/** One wrong matching answer as stored, with the right-hand choices the learner was shown in that attempt. */
export interface MatchingResponse {
  answer: Record<string, string>;
  pairs: Array<{ id: string; left: string }>;
  rightChoices: Array<{ id: string; text: string; pairId: string | null }>;
}

/**
 * The wrong pairings learners made, most frequent first, as texts. Right-hand ids (`r1`, `r2`) only
 * say where a choice was shown in one attempt, so they are translated through that attempt's own
 * snapshot before counting; counting raw ids would add up different texts.
 */
export function wrongPairings(responses: readonly MatchingResponse[], limit = 3): Array<{ left: string; right: string; count: number }> {
  const counts = new Map<string, { left: string; right: string; count: number }>();
  for (const r of responses) {
    for (const pair of r.pairs) {
      const chosen = Object.hasOwn(r.answer, pair.id) ? r.rightChoices.find((c) => c.id === r.answer[pair.id]) : undefined;
      if (!chosen || chosen.pairId === pair.id) continue;
      const key = `${pair.left}\u0000${chosen.text}`;
      const entry = counts.get(key) ?? { left: pair.left, right: chosen.text, count: 0 };
      entry.count++;
      counts.set(key, entry);
    }
  }
  return [...counts.values()].sort((a, b) => b.count - a.count || a.left.localeCompare(b.left) || a.right.localeCompare(b.right)).slice(0, limit);
}
