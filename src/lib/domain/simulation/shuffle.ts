/**
 * The order a run shows a step's options in. Authors tend to list the best option first, so the
 * server shuffles every choice (and the elements of a task) per run: seeded by the run id and the
 * node id, the order is the same on every reload and device for that run, and different for the
 * next run. Only ids and texts are reordered; scoring never looks at positions.
 */

/** FNV-1a, 32 bits: a small, well-spread hash of the seed text. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: a tiny deterministic generator; plenty for shuffling five options. */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A permutation of 0..count-1 for this run and node (Fisher-Yates over the seeded generator). */
export function runOrder(runId: number, nodeId: string, count: number): number[] {
  const order = Array.from({ length: count }, (_, i) => i);
  const next = generator(hash(`${runId}:${nodeId}`));
  for (let i = count - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}

/** The items in this run's order for the node. */
export function inRunOrder<T>(runId: number, nodeId: string, items: readonly T[]): T[] {
  return runOrder(runId, nodeId, items.length).map((i) => items[i]!);
}
