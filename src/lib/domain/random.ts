/**
 * Seeded randomness for draws and shuffles: injected so tests (and a support engineer replaying a
 * complaint) can reproduce an order exactly from a seed.
 */

/** A Math.random-compatible source: returns a float in [0, 1). */
export type Rng = () => number;

/**
 * A small, fast seeded PRNG (mulberry32, public domain). Good enough to shuffle quiz questions
 * reproducibly in tests; not for anything secret.
 */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A shuffled copy (Fisher–Yates), leaving the input untouched. */
export function shuffle<T>(items: readonly T[], rng: Rng): T[] {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    // min() guards against an rng that returns exactly 1, which Math.random never does but a stub might.
    const j = Math.min(i, Math.floor(rng() * (i + 1)));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
