/**
 * `npm run db:restore -- <backup file>`: puts a backup in place of the database named by
 * DATABASE_PATH (default db/data/app.sqlite). Stop the server first.
 *
 * 1. The backup is copied to a temporary file in the database's folder, flushed to disk and checked
 *    with PRAGMA integrity_check; it must also be a database of this app (it has the users table and
 *    drizzle's migration journal). Nothing is touched otherwise.
 * 2. Whether anything else has the database open is tested by asking SQLite to leave WAL mode
 *    (`PRAGMA journal_mode = DELETE`), which it only does for the sole connection to the file; a
 *    running server (even an idle one) keeps its connection open, so the restore refuses. (A plain
 *    `BEGIN EXCLUSIVE` would not do: in WAL mode it succeeds while an idle server is connected.)
 *    Leaving WAL mode also folds the WAL into the database file, so the safety copy taken next
 *    (`<name>.before-restore-<timestamp>` beside it) is complete, and no -wal or -shm is left that
 *    could be replayed onto the restored file.
 * 3. Stale -wal, -shm and -journal files are removed, and the temporary file is renamed over the
 *    database: an atomic replacement, so the path always holds either the old or the new database.
 *
 * The check in step 2 catches a server that is running; it cannot stop one being started during
 * the second the restore takes, so keep it stopped until the restore has finished.
 */
import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { databasePath } from '../db/client';
import { settings } from '../src/lib/server/settings';
import { fsyncPath, integrityOf, rowCounts, timestamp } from './backup';

export class RestoreRefused extends Error {}

export interface RestoreResult {
  path: string;
  counts: Record<string, number>;
  /** The database that was replaced, kept beside it (null when there was none). */
  safetyCopy: string | null;
}

function isBusy(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code ?? '';
  return code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED');
}

/** Replaces the database at `target` with the backup at `backup`; throws RestoreRefused when it must not. */
export function restoreDatabase(backup: string, target: string): RestoreResult {
  if (!existsSync(backup)) throw new RestoreRefused(`There is no file at ${backup}.`);
  if (resolve(backup) === resolve(target)) throw new RestoreRefused('The backup is the database itself.');
  mkdirSync(dirname(target), { recursive: true });
  const temp = join(dirname(target), `.${basename(target)}.restore-${process.pid}`);
  const cleanTemp = () => {
    for (const f of [temp, `${temp}-wal`, `${temp}-shm`, `${temp}-journal`]) rmSync(f, { force: true });
  };

  // 1. A verified copy of the backup, on the same file system as the database.
  let counts: Record<string, number>;
  try {
    copyFileSync(backup, temp);
    let copy: Database.Database;
    try {
      copy = new Database(temp, { fileMustExist: true });
    } catch (error) {
      throw new RestoreRefused(`${backup} cannot be opened as an SQLite database: ${(error as Error).message}`);
    }
    try {
      let integrity: string;
      try {
        integrity = integrityOf(copy);
      } catch (error) {
        throw new RestoreRefused(`${backup} is not a usable SQLite database: ${(error as Error).message}`);
      }
      if (integrity !== 'ok') throw new RestoreRefused(`${backup} failed PRAGMA integrity_check: ${integrity}`);
      counts = rowCounts(copy);
      if (!('users' in counts) || !('__drizzle_migrations' in counts)) {
        throw new RestoreRefused(`${backup} is an SQLite database, but not one of this app (it has no users table or migration journal).`);
      }
      // The app runs in WAL mode; the backup is a self-contained file in DELETE mode until then.
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
    fsyncPath(temp);
  } catch (error) {
    cleanTemp();
    throw error;
  }

  // 2. Nobody else may have the database open.
  let live: Database.Database | null = null;
  let safetyCopy: string | null = null;
  try {
    if (existsSync(target)) {
      live = new Database(target, { fileMustExist: true });
      live.pragma('busy_timeout = 0');
      try {
        live.pragma('journal_mode = DELETE');
      } catch (error) {
        if (isBusy(error)) {
          throw new RestoreRefused(`The database ${target} is in use (is the server running?). Stop the server, then run the restore again.`);
        }
        throw error;
      }
      safetyCopy = `${target}.before-restore-${timestamp()}`;
      copyFileSync(target, safetyCopy);
    }
    // 3. Swap. No -wal or -shm of the old database may survive next to the new file.
    for (const f of [`${target}-wal`, `${target}-shm`, `${target}-journal`]) rmSync(f, { force: true });
    live?.close();
    live = null;
    renameSync(temp, target);
    fsyncPath(dirname(target));
  } catch (error) {
    cleanTemp();
    throw error;
  } finally {
    live?.close();
  }
  return { path: target, counts, safetyCopy };
}

const isMain = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const args = process.argv.slice(2).filter((a) => a !== '--');
  if (args.length !== 1 || args[0] === '--help') {
    console.log('Usage: npm run db:restore -- <backup file>\nReplaces the database named by DATABASE_PATH (default db/data/app.sqlite) with the backup. Stop the server first.');
    process.exit(args[0] === '--help' ? 0 : 2);
  }
  const target = databasePath(settings.DATABASE_PATH);
  try {
    const result = restoreDatabase(resolve(args[0]!), target);
    const rows = Object.entries(result.counts)
      .map(([t, n]) => `${t} ${n}`)
      .join(', ');
    console.log(`Restored ${resolve(args[0]!)}\n      to ${result.path} (integrity ok)\nRows: ${rows}`);
    if (result.safetyCopy) console.log(`The database it replaced is kept as ${result.safetyCopy}`);
  } catch (error) {
    console.error(`Restore refused: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(error instanceof RestoreRefused ? 3 : 1);
  }
}
