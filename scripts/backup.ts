/**
 * `npm run db:backup [-- <file>]`: a consistent copy of the live database, safe while the server
 * runs. It uses SQLite's online backup API (better-sqlite3's `db.backup`) and copies every page in
 * one step, inside one read transaction, so the copy is the database as of one instant (WAL lets
 * the server keep writing meanwhile). The copy is written to a temporary file beside the target,
 * checked with PRAGMA integrity_check, switched to a self-contained single file (journal_mode
 * DELETE), flushed to disk, and only then renamed to its final name: a backup file either is
 * complete and verified or does not exist.
 *
 * Default target: `backups/<name>-<UTC timestamp>.sqlite` beside the database (db/data/backups/,
 * which git ignores). The database is DATABASE_PATH, or db/data/app.sqlite.
 */
import Database from 'better-sqlite3';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { databasePath } from '../db/client';
import { settings } from '../src/lib/server/settings';

/** PRAGMA integrity_check's verdict: 'ok', or the problems it lists. */
export function integrityOf(db: Database.Database): string {
  return (db.pragma('integrity_check') as Array<{ integrity_check: string }>).map((r) => r.integrity_check).join('; ');
}

/** Row count of every table (SQLite's and drizzle's bookkeeping included), by name. */
export function rowCounts(db: Database.Database): Record<string, number> {
  const tables = db.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name").pluck().all() as string[];
  return Object.fromEntries(tables.map((t) => [t, db.prepare(`select count(*) from "${t.replace(/"/g, '""')}"`).pluck().get() as number]));
}

/** Flushes a file, or a folder's entries (so a rename survives a power cut), to disk. */
export function fsyncPath(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export function timestamp(now = new Date()): string {
  return now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z').replace('T', '-');
}

export function defaultBackupPath(source: string, now = new Date()): string {
  const name = basename(source, extname(source));
  return join(dirname(source), 'backups', `${name}-${timestamp(now)}.sqlite`);
}

export interface BackupResult {
  path: string;
  bytes: number;
  counts: Record<string, number>;
}

/** Copies the database at `source` to `target` (which must not exist yet). */
export async function backupDatabase(source: string, target: string): Promise<BackupResult> {
  if (!existsSync(source)) throw new Error(`There is no database at ${source}. Set DATABASE_PATH to the file to back up.`);
  if (existsSync(target)) throw new Error(`${target} already exists; choose another file name.`);
  mkdirSync(dirname(target), { recursive: true });
  const partial = join(dirname(target), `.${basename(target)}.partial-${process.pid}`);
  const live = new Database(source, { fileMustExist: true });
  try {
    live.pragma('busy_timeout = 5000');
    // Every remaining page in one step: one read transaction, so the copy is one instant of the
    // database, and a writer cannot make the backup start over again and again.
    await live.backup(partial, { progress: () => 0x7fffffff });
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  } finally {
    live.close();
  }
  try {
    const copy = new Database(partial, { fileMustExist: true });
    try {
      const integrity = integrityOf(copy);
      if (integrity !== 'ok') throw new Error(`The copy failed PRAGMA integrity_check: ${integrity}`);
      // A single self-contained file: no -wal beside it to lose when it is copied elsewhere.
      copy.pragma('journal_mode = DELETE');
      const counts = rowCounts(copy);
      copy.close();
      fsyncPath(partial);
      renameSync(partial, target);
      fsyncPath(dirname(target));
      return { path: target, bytes: statSync(target).size, counts };
    } finally {
      if (copy.open) copy.close();
    }
  } finally {
    for (const leftover of [partial, `${partial}-wal`, `${partial}-shm`, `${partial}-journal`]) rmSync(leftover, { force: true });
  }
}

const isMain = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const args = process.argv.slice(2).filter((a) => a !== '--');
  if (args.includes('--help') || args.length > 1) {
    console.log('Usage: npm run db:backup [-- <file>]\nCopies the database named by DATABASE_PATH (default db/data/app.sqlite) while the server runs.\nWithout <file>, writes backups/<name>-<timestamp>.sqlite beside the database.');
    process.exit(args.includes('--help') ? 0 : 2);
  }
  const source = databasePath(settings.DATABASE_PATH);
  const target = resolve(args[0] ?? defaultBackupPath(source));
  try {
    const started = Date.now();
    const result = await backupDatabase(source, target);
    const rows = Object.entries(result.counts)
      .map(([t, n]) => `${t} ${n}`)
      .join(', ');
    console.log(`Backed up ${source}\n      to ${result.path} (${Math.round(result.bytes / 1024)} KB, integrity ok, ${Date.now() - started} ms)\nRows: ${rows}`);
  } catch (error) {
    console.error(`Backup failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
