/**
 * Substring search with LIKE, where the searched text is taken literally: `%`, `_` and `\` in it are
 * escaped, and the ESCAPE clause makes SQLite honour that (without it a backslash is an ordinary
 * character and `%` still matches everything).
 */
import { sql, type SQL } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';

export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** `column LIKE '%text%' ESCAPE '\'`; `prefix: true` matches only at the start. */
export function likeText(column: SQLiteColumn | SQL, text: string, { prefix = false } = {}): SQL {
  const pattern = `${prefix ? '' : '%'}${escapeLike(text)}%`;
  return sql`${column} LIKE ${pattern} ESCAPE '\\'`;
}
