/** A fresh, migrated SQLite file in its own temporary folder, one per test file. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db } from '../../db/client';
import { applyMigrations } from '../../db/migrate';
import { users } from '../../db/schema';

export interface TestDb {
  db: Db;
  path: string;
  dir: string;
  close: () => void;
}

export function freshDb(): TestDb {
  const dir = mkdtempSync(join(tmpdir(), 'dental-ce-test-'));
  const path = join(dir, 'test.sqlite');
  const db = openDatabase(path);
  applyMigrations(db);
  return {
    db,
    path,
    dir,
    close: () => {
      db.$client.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A user row for tests that need an account but no sign-in: the password hash is a placeholder that no password matches. */
export function addUser(db: Db, email: string, fullName: string, extra: Partial<typeof users.$inferInsert> = {}) {
  return db.insert(users).values({ email, passwordHash: 'x', fullName, ...extra }).returning().get();
}
