/** A fresh, migrated SQLite file in its own temporary folder, one per test file. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db } from '../../db/client';
import { applyMigrations } from '../../db/migrate';

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
