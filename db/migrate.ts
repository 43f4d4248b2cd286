/**
 * Applies db/migrations. Used on server start (through lib/server/db), by `npm run db:migrate`
 * (scripts/migrate.ts), and by tests on a fresh file.
 */
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from './client';

/**
 * Where the migrations are. The bundled server cannot rely on its own file location, so the
 * configured folder (MIGRATIONS_DIR) wins, then db/migrations under the working folder, then beside this file.
 */
export function migrationsFolder(configured?: string): string {
  if (configured) return resolve(configured);
  const fromCwd = resolve('db/migrations');
  if (existsSync(fromCwd)) return fromCwd;
  return fileURLToPath(new URL('./migrations', import.meta.url));
}

export function applyMigrations(db: Db, folder = migrationsFolder()): void {
  migrate(db, { migrationsFolder: folder });
}
