/**
 * The order a run shows a step's options in. Authors tend to list the best option first, so the
 * server shuffles every choice (and the elements of a task) per run: seeded by the run id and the
 * node id, the order is the same on every reload and device for that run, and different for the
 * next run. Only ids and texts are reordered; scoring never looks at positions. Which draw a run
 * uses is decided for the whole run in run-order.ts.
 */
import { mulberry32, shuffle } from '../random';

/** FNV-1a, 32 bits: a small, well-spread hash of the seed text. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * A permutation of 0..count-1 for this run and node (Fisher-Yates over the seeded generator).
 * `draw` numbers the run's redraws (run-order.ts picks the draw); draw 0 is the plain run seed.
 */
export function runOrder(runId: number, nodeId: string, count: number, draw = 0): number[] {
  const seed = draw === 0 ? `${runId}:${nodeId}` : `${runId}#${draw}:${nodeId}`;
  return shuffle(Array.from({ length: count }, (_, i) => i), mulberry32(hash(seed)));
}

/** The items in this run's order for the node. */
export function inRunOrder<T>(runId: number, nodeId: string, items: readonly T[], draw = 0): T[] {
  return runOrder(runId, nodeId, items.length, draw).map((i) => items[i]!);
}
