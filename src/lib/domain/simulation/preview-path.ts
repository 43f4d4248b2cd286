/**
 * The instructor's case preview keeps the run in the address, not in the database: the decisions
 * so far as base64url JSON in `?d=`. Each request replays them with the engine, so the preview
 * plays exactly as a learner's run would and creates no records. Bad or tampered input starts over.
 */
import { z } from 'zod';
import { decisionSchema, type Decision } from '~/lib/shared/schemas/simulation';

/** A case is at most 200 nodes; an input allows 10 tries. Longer paths are not real runs. */
export const MAX_PREVIEW_DECISIONS = 400;

const pathSchema = z.array(decisionSchema).max(MAX_PREVIEW_DECISIONS);

export function encodePath(decisions: readonly Decision[]): string {
  const bytes = new TextEncoder().encode(JSON.stringify(decisions));
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function decodePath(encoded: string | null): Decision[] {
  if (!encoded || encoded.length > 200_000 || !/^[A-Za-z0-9_-]+$/.test(encoded)) return [];
  try {
    const binary = atob(encoded.replace(/-/g, '+').replace(/_/g, '/'));
    const json = new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
    const parsed = pathSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

/**
 * The decision a preview form or link posted in its query (`kind`, `node` and the kind's fields),
 * or null. Form fields arrive as `field:<id>`, task elements as repeated `element`.
 */
export function decisionFromQuery(params: URLSearchParams): Decision | null {
  const node = params.get('node');
  const kind = params.get('kind');
  const raw =
    kind === 'continue'
      ? { node, kind }
      : kind === 'choice'
        ? { node, kind, choice: params.get('choice') }
        : kind === 'input'
          ? { node, kind, value: params.get('value') ?? '' }
          : kind === 'form'
            ? { node, kind, fields: Object.fromEntries([...params].filter(([k]) => k.startsWith('field:')).map(([k, v]) => [k.slice(6), v])) }
            : kind === 'task'
              ? { node, kind, elements: params.getAll('element') }
              : null;
  const parsed = raw ? decisionSchema.safeParse(raw) : null;
  return parsed?.success ? parsed.data : null;
}
