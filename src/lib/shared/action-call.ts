/**
 * An Astro action called from an island. The action itself answers `{ data, error }`, but the
 * fetch under it throws when the network fails (offline, a dropped connection, a proxy timeout):
 * that failure becomes the same kind of answer, with a message the learner can act on.
 */
export const OFFLINE_MESSAGE = 'The server did not answer. Check your connection and try again.';

export type CallResult<T> = { ok: true; data: T } | { ok: false; message: string };

export async function callAction<T>(call: () => Promise<{ data?: T; error?: { message: string } | undefined }>): Promise<CallResult<T>> {
  try {
    const { data, error } = await call();
    if (error || data === undefined) return { ok: false, message: error?.message || OFFLINE_MESSAGE };
    return { ok: true, data };
  } catch {
    return { ok: false, message: OFFLINE_MESSAGE };
  }
}
