/**
 * Fitting labels into SVG charts, which cannot wrap text by themselves. Labels are broken at spaces
 * into at most `lines` lines of `perLine` characters; what still does not fit ends in "…". Every
 * chart also shows its numbers in a table with the full labels, so nothing is lost.
 */
export function wrapLabel(text: string, perLine: number, lines = 2): string[] {
  const wrapped: string[] = [];
  let current = '';
  for (const word of text.trim().split(/\s+/).filter(Boolean)) {
    const candidate = current ? `${current} ${word}` : word;
    if (candidate.length <= perLine || !current) current = candidate;
    else {
      wrapped.push(current);
      current = word;
    }
  }
  if (current) wrapped.push(current);
  const cut = (line: string) => (line.length <= perLine ? line : `${line.slice(0, perLine - 1).trimEnd()}…`);
  if (wrapped.length <= lines) return wrapped.map(cut);
  const rest = wrapped.slice(lines - 1).join(' ');
  return [...wrapped.slice(0, lines - 1).map(cut), `${rest.slice(0, perLine - 1).trimEnd()}…`];
}
