// Which content coding a client accepts, in one place: the front door's static files
// (scripts/static-files.mjs, plain JS) and the compression of the app's answers (scripts/compress-answers.mjs).

/**
 * Whether the client accepts `coding` (a token in Accept-Encoding, or `*`, not given q=0).
 * @param {string | null | undefined} acceptEncoding the request's Accept-Encoding header
 * @param {string} coding e.g. `br` or `gzip`
 * @returns {boolean}
 */
export function accepts(acceptEncoding, coding) {
  if (!acceptEncoding) return false;
  let star = false;
  for (const part of acceptEncoding.toLowerCase().split(',')) {
    const [name = '', ...params] = part.trim().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const allowed = !q || Number(q.slice(2)) > 0;
    if (name.trim() === coding) return allowed;
    if (name.trim() === '*') star = allowed;
  }
  return star;
}

/**
 * The coding to answer with among those available: brotli, then gzip; undefined for none.
 * @param {string | null | undefined} acceptEncoding
 * @param {{ br?: boolean, gzip?: boolean }} [available]
 * @returns {'br' | 'gzip' | undefined}
 */
export function preferredEncoding(acceptEncoding, available = { br: true, gzip: true }) {
  if (available.br && accepts(acceptEncoding, 'br')) return 'br';
  if (available.gzip && accepts(acceptEncoding, 'gzip')) return 'gzip';
  return undefined;
}
