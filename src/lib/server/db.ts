/**
 * The app's one database connection, opened lazily from DATABASE_PATH and migrated on first use,
 * so the built server is ready whichever way it is started.
 */
import { databasePath, openDatabase, type Db } from '../../../db/client';
import { applyMigrations, migrationsFolder } from '../../../db/migrate';
import { settings } from './settings';

let handle: Db | undefined;

export function db(): Db {
  if (!handle) {
    const opened = openDatabase(databasePath(settings.DATABASE_PATH));
    applyMigrations(opened, migrationsFolder(settings.MIGRATIONS_DIR));
    handle = opened;
  }
  return handle;
}

/** Tests swap in their own database. */
export function setDbForTesting(replacement: Db | undefined): void {
  handle = replacement;
}
