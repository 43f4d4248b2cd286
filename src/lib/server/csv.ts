/**
 * CSV downloads through csv-stringify. Cells that a spreadsheet would run as a formula (starting
 * with = + - @, a tab or a carriage return) are prefixed with an apostrophe: OWASP's advice for
 * CSV injection. Names like "O'Neill, Jr." are quoted by the library, never split.
 */
import { stringify } from 'csv-stringify/sync';

export function defuse(value: unknown): string {
  if (value === null || value === undefined) return '';
  const s = String(value);
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

/** `header` null: data rows only, for uploads whose layout has no header row (CE Broker's roster). */
export function toCsv(header: string[] | null, rows: unknown[][]): string {
  // A BOM so Excel reads UTF-8 names (accents, non-Latin scripts) correctly.
  return '\uFEFF' + stringify([...(header ? [header] : []), ...rows.map((r) => r.map(defuse))], { eof: true, record_delimiter: 'windows', quoted_match: /[\r\n]/ });
}

export function csvResponse(filename: string, body: string): Response {
  return new Response(body, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${filename.replace(/[^\w.-]/g, '_')}"`,
      'cache-control': 'private, no-store',
    },
  });
}
