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

/**
 * A query Drizzle builds once per connection instead of on every call (with `sql.placeholder`s for
 * its values): building the SQL took more CPU than SQLite running it on the hot paths (a post-test
 * submit, a case decision). The statement belongs to the connection, so it also runs inside a
 * transaction opened on that connection.
 */
export function preparedOnce<T>(build: (db: Db) => T): (db: Db) => T {
  const built = new WeakMap<Db, T>();
  return (db) => {
    let statement = built.get(db);
    if (!statement) built.set(db, (statement = build(db)));
    return statement;
  };
}
