/**
 * The app's one database connection, opened lazily from DATABASE_PATH and migrated on first use,
 * so the built server is ready whichever way it is started.
 */
import { databasePath, openDatabase, type Db } from '../../../db/client';
import { applyMigrations } from '../../../db/migrate';

let handle: Db | undefined;

export function db(): Db {
  if (!handle) {
    const opened = openDatabase(databasePath());
    applyMigrations(opened);
    handle = opened;
  }
  return handle;
}

/** Tests swap in their own database. */
export function setDbForTesting(replacement: Db | undefined): void {
  handle = replacement;
}
