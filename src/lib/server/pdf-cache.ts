/**
 * Certificate PDFs, rendered once per code. A certificate's snapshot is frozen when it is issued,
 * so its PDF never changes: the first download renders it (0.2-1 s of CPU), later ones are served
 * from memory. Renders are limited per user (RULES.pdfUser), so nobody can keep the CPU busy by
 * asking for PDFs; a PDF already cached costs nothing and is always served.
 *
 * Kept outside the typesetter (lib/server/pdf/): the renderer is passed in.
 */
import type { Db } from '../../../db/client';
import type { RateDecision } from '../domain/rate-limit';
import { hit, RULES } from './rate-limit';

/** Memory the cache may hold; least recently used PDFs go first. */
export const PDF_CACHE_BYTES = 32 * 1024 * 1024;

const cache = new Map<string, Uint8Array<ArrayBuffer>>();
let held = 0;

function remember(code: string, pdf: Uint8Array<ArrayBuffer>): void {
  if (pdf.byteLength > PDF_CACHE_BYTES) return;
  cache.set(code, pdf);
  held += pdf.byteLength;
  for (const [oldest, bytes] of cache) {
    if (held <= PDF_CACHE_BYTES) break;
    cache.delete(oldest);
    held -= bytes.byteLength;
  }
}

export type CachedPdf = { ok: true; pdf: Uint8Array<ArrayBuffer>; rendered: boolean } | { ok: false; reason: 'rate-limited'; decision: RateDecision };

/**
 * The PDF of certificate `code`, rendered by `render` only when it is not cached yet, and then
 * counted against `userId`'s generation limit.
 */
export async function certificatePdf(db: Db, code: string, userId: number, render: () => Promise<Uint8Array<ArrayBuffer>>): Promise<CachedPdf> {
  const cached = cache.get(code);
  if (cached) {
    // Most recently used goes to the back of the queue.
    cache.delete(code);
    cache.set(code, cached);
    return { ok: true, pdf: cached, rendered: false };
  }
  const gate = hit(db, `pdf:user:${userId}`, RULES.pdfUser);
  if (!gate.allowed) return { ok: false, reason: 'rate-limited', decision: gate };
  const pdf = await render();
  remember(code, pdf);
  return { ok: true, pdf, rendered: true };
}

/** Empties the cache (tests). */
export function clearPdfCache(): void {
  cache.clear();
  held = 0;
}
