/**
 * The house layout of a lesson body, applied to what Keystatic's MDX serializer writes so that a
 * lesson saved in the editor keeps the layout authors write by hand (see docs/authoring.md):
 * `-` bullets, tables without padding (`|---|---|`), no indent inside a <Callout>, and list props
 * with a space after each comma (`options={["a", "b"]}`), `[placeholders]` unescaped. Code blocks are
 * left alone.
 */
export function houseMdx(body: string): string {
  const lines = body.split('\n');
  let fence: string | null = null;
  let inCallout = false;
  const out: string[] = [];
  for (const line of lines) {
    const f = /^\s*(`{3,}|~{3,})/.exec(line);
    if (fence) {
      if (f && f[1]!.startsWith(fence)) fence = null;
      out.push(line);
      continue;
    }
    if (f) {
      fence = f[1]!;
      out.push(line);
      continue;
    }
    if (/^<Callout\b[^>]*>\s*$/.test(line)) inCallout = true;
    else if (/^<\/Callout>\s*$/.test(line)) inCallout = false;
    let l = inCallout && line.startsWith('  ') ? line.slice(2) : line;
    l = l.replace(/^(\s*)\* /, '$1- ');
    // Keystatic escapes every `[` in text; a bracket with no link after it is plain text in MDX.
    l = l.replace(/\\\[/g, '[');
    if (/^\|.*\|\s*$/.test(l)) l = compactRow(l);
    out.push(spaceListProps(l));
  }
  return out.join('\n');
}

/** `| a    | b |` becomes `| a | b |`; a delimiter row `| --- | :-: |` becomes `|---|:-:|`. */
function compactRow(row: string): string {
  const cells = row.trim().slice(1, -1).split(/(?<!\\)\|/).map((c) => c.trim());
  if (cells.every((c) => /^:?-+:?$/.test(c))) return `|${cells.map((c) => `${c.startsWith(':') ? ':' : ''}---${c.endsWith(':') ? ':' : ''}`).join('|')}|`;
  return `|${cells.map((c) => (c ? ` ${c} ` : ' ')).join('|')}|`;
}

/** Keystatic writes list props tight (`options={["a","b"]}`); lessons write `{["a", "b"]}`. */
function spaceListProps(line: string): string {
  return line.replace(/=\{(\[[^\n]*?\])\}/g, (whole, list: string) => {
    try {
      const items: unknown = JSON.parse(list);
      if (!Array.isArray(items) || items.some((v) => typeof v === 'object' && v !== null)) return whole;
      return `={[${items.map((v) => JSON.stringify(v)).join(', ')}]}`;
    } catch {
      return whole;
    }
  });
}
