/**
 * Inline Markdown for prompts, options and feedback: **bold**, *italic*, `code` and
 * [links](https://…). Everything is HTML-escaped first, so authored text can never inject markup.
 */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export function inlineMarkdown(source: string): string {
  let html = escapeHtml(source);
  html = html.replace(/`([^`]+)`/g, '<code>$1</code>');
  html = html.replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>');
  html = html.replace(/(^|[^*])\*([^*\s][^*]*)\*/g, '$1<em>$2</em>');
  html = html.replace(/\[([^\]]+)\]\((https?:\/\/[^)\s]+)\)/g, '<a href="$2" rel="noopener noreferrer">$1</a>');
  return html;
}

/** Paragraphs separated by blank lines, each with inline Markdown. */
export function blockMarkdown(source: string): string {
  return source
    .trim()
    .split(/\n\s*\n/)
    .map((p) => `<p>${inlineMarkdown(p.replace(/\s*\n\s*/g, ' '))}</p>`)
    .join('');
}

/** The same inline Markdown as plain text (CSV cells, plain-text email): marks dropped, links as "text (url)". */
export function plainText(source: string): string {
  return source
    .replace(/\[([^\]]+)\]\((https?:\/\/[^)\s]+)\)/g, '$1 ($2)')
    .replace(/`([^`]+)`/g, '$1')
    .replace(/\*\*([^*]+)\*\*/g, '$1')
    .replace(/(^|[^*])\*([^*\s][^*]*)\*/g, '$1$2');
}
