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
  return drizzle({ client: sqlite, schema, casing: 'snake_case' }) as Db;
}
