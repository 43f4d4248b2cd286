/**
 * An island's call to an Astro action without the `astro:actions` client runtime (about 3 KB of
 * gzipped JavaScript with its devalue parser and error classes), for pages that must stay within
 * their JavaScript budget: the case page posts each decision through this. It speaks the same wire
 * format as Astro 5's client: a POST to /_actions/<name> that answers devalue-encoded data, or a
 * JSON error `{ type, code, message }`. A failed fetch (offline, a dropped connection, a proxy
 * timeout) or an unreadable answer becomes an answer too, with a message the learner can act on.
 */

export const OFFLINE_MESSAGE = 'The server did not answer. Check your connection and try again.';

export type CallResult<T> = { ok: true; data: T } | { ok: false; message: string };

/**
 * Decodes devalue's `stringify` output for the plain data actions return (objects, arrays,
 * strings, numbers, booleans, null, undefined): a flat JSON array whose first entry is the root
 * and whose containers hold indices into it. Negative indices stand for undefined (-1), an array
 * hole (-2), NaN (-3), ±Infinity (-4, -5) and -0 (-6). Typed values (Date, Map...) are refused.
 */
export function unflatten(json: string): unknown {
  const values: unknown = JSON.parse(json);
  const SPECIAL: Record<number, unknown> = { [-1]: undefined, [-2]: undefined, [-3]: NaN, [-4]: Infinity, [-5]: -Infinity, [-6]: -0 };
  if (typeof values === 'number') return SPECIAL[values];
  if (!Array.isArray(values)) throw new Error('Invalid input');
  const done = new Map<number, unknown>();
  const hydrate = (i: number): unknown => {
    if (i < 0) return SPECIAL[i];
    if (done.has(i)) return done.get(i);
    const v: unknown = values[i];
    if (v === null || typeof v !== 'object') {
      done.set(i, v);
      return v;
    }
    if (Array.isArray(v)) {
      if (typeof v[0] === 'string') throw new Error(`Unsupported value: ${v[0]}`);
      const out: unknown[] = [];
      done.set(i, out);
      for (const n of v as number[]) out.push(hydrate(n));
      return out;
    }
    const out: Record<string, unknown> = {};
    done.set(i, out);
    for (const [k, n] of Object.entries(v as Record<string, number>)) {
      // As devalue's own parser: a key that would replace the object's prototype is refused.
      if (k === '__proto__') throw new Error('Invalid input');
      out[k] = hydrate(n);
    }
    return out;
  };
  return hydrate(0);
}

/** Posts a form to the named action (`simulation.decide`) and reads its answer. */
export async function postAction<T>(name: string, body: FormData): Promise<CallResult<T>> {
  try {
    const res = await fetch(`/_actions/${name}`, { method: 'POST', body, headers: { Accept: 'application/json' } });
    const text = await res.text();
    if (res.ok) return { ok: true, data: unflatten(text) as T };
    return { ok: false, message: refusalMessage(res, text) || OFFLINE_MESSAGE };
  } catch {
    return { ok: false, message: OFFLINE_MESSAGE };
  }
}

/**
 * What a refusal says: the action's own message (JSON), or a short plain-text refusal made before
 * the action ran (the front door's 413 and 408, Astro's cross-site 403), which is more use to the
 * learner than "the server did not answer". Anything else (a proxy's HTML error page, a 5xx) says nothing.
 */
function refusalMessage(res: Response, text: string): string | undefined {
  try {
    const message = (JSON.parse(text) as { message?: unknown } | null)?.message;
    if (typeof message === 'string') return message;
  } catch {
    // Not JSON: maybe a plain-text refusal.
  }
  const plain = (res.headers.get('content-type') ?? '').startsWith('text/plain');
  return res.status < 500 && plain && text.length <= 300 ? text.trim() : undefined;
}
