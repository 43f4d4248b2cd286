/** The `<KeyTerm term="…" definition="…" />` definitions in a lesson source, in order. */
export function keyTermsIn(body: string): Array<{ term: string; definition: string }> {
  const out: Array<{ term: string; definition: string }> = [];
  for (const m of body.matchAll(/<KeyTerm\s+([^>]*?)\/?>/g)) {
    const attrs = m[1]!;
    const term = /term="([^"]*)"/.exec(attrs)?.[1];
    const definition = /definition="([^"]*)"/.exec(attrs)?.[1];
    if (term && definition) out.push({ term, definition });
  }
  return out;
}
