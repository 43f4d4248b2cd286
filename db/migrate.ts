/**
 * Applies db/migrations. Used on server start (through lib/server/db), by `npm run db:migrate`,
 * and by tests on a fresh file.
 */
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { databasePath, openDatabase, type Db } from './client';

/**
 * Where the migrations are. The bundled server cannot rely on its own file location, so
 * MIGRATIONS_DIR wins, then db/migrations under the working folder, then beside this file.
 */
export function migrationsFolder(env: NodeJS.ProcessEnv = process.env): string {
  if (env.MIGRATIONS_DIR) return resolve(env.MIGRATIONS_DIR);
  const fromCwd = resolve('db/migrations');
  if (existsSync(fromCwd)) return fromCwd;
  return fileURLToPath(new URL('./migrations', import.meta.url));
}

export function applyMigrations(db: Db, folder = migrationsFolder()): void {
  migrate(db, { migrationsFolder: folder });
}

const isMain = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const path = databasePath();
  const db = openDatabase(path);
  applyMigrations(db);
  console.log(`Migrations applied to ${path}`);
  db.$client.close();
}
