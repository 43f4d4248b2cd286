/**
 * Opens the SQLite database. One connection per process: the app's handle comes from `appDb()`,
 * tests open their own files with `openDatabase(path)`.
 */
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import * as schema from './schema';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export const DEFAULT_DATABASE_PATH = 'db/data/app.sqlite';

/** The database file as an absolute path: the configured one (DATABASE_PATH), or db/data/app.sqlite under the working folder. */
export function databasePath(configured?: string): string {
  return resolve(configured || DEFAULT_DATABASE_PATH);
}

/** Opens (creating the folder if needed) a database file with the pragmas the app relies on. */
export function openDatabase(path: string): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Database(path);
  // WAL lets readers run while one writer commits; NORMAL sync is durable across app crashes in WAL mode.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  cacheStatements(sqlite);
  return drizzle({ client: sqlite, schema, casing: 'snake_case' }) as Db;
}

/** How many compiled statements a connection keeps (the app runs a few hundred distinct queries). */
export const STATEMENT_CACHE_SIZE = 500;

/**
 * Drizzle calls `prepare()` for every query it runs, and better-sqlite3 compiles the SQL each time
 * (about a twelfth of a post-test submit's CPU in the bench's profiles). A connection keeps its
 * compiled statements by SQL text, least recently used out first. A statement is handed back with
 * its result mode reset (Drizzle turns `raw()` on for selects, a script may turn on `pluck()`), so
 * whoever prepares it finds it as a fresh one.
 */
function cacheStatements(sqlite: Database.Database): void {
  const compile = sqlite.prepare.bind(sqlite);
  const cache = new Map<string, Database.Statement>();
  sqlite.prepare = ((source: string) => {
    let statement = cache.get(source);
    if (statement) {
      cache.delete(source);
      if (statement.reader) statement.raw(false).pluck(false).expand(false);
    } else {
      statement = compile(source);
      if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
    }
    cache.set(source, statement);
    return statement;
  }) as typeof sqlite.prepare;
}
