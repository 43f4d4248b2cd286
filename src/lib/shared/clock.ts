/**
 * The one clock. Everything that depends on time (seat time, cooldowns, session and token expiry,
 * reminders, rate-limit windows) reads `clock.now()`, so a test moves time with `setClock` instead
 * of sleeping. Functions that take a `now` argument default it from here.
 */
type Source = () => number;

const system: Source = () => Date.now();
let source: Source = system;

export const clock = {
  /** Milliseconds since the epoch, from the injected source (the system clock by default). */
  now(): number {
    return source();
  },
};

/**
 * Replaces the clock's source (tests only). Pass a number for a fixed time or a function; returns a
 * function that restores the previous source.
 */
export function setClock(to: number | Source): () => void {
  const previous = source;
  source = typeof to === 'number' ? () => to : to;
  return () => {
    source = previous;
  };
}

/** Puts the system clock back. */
export function resetClock(): void {
  source = system;
}
