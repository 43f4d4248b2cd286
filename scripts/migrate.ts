/** `npm run db:migrate`: applies db/migrations to the database named by DATABASE_PATH. */
import { databasePath, openDatabase } from '../db/client';
import { applyMigrations, migrationsFolder } from '../db/migrate';
import { settings } from '../src/lib/server/settings';

const path = databasePath(settings.DATABASE_PATH);
const db = openDatabase(path);
applyMigrations(db, migrationsFolder(settings.MIGRATIONS_DIR));
console.log(`Migrations applied to ${path}`);
db.$client.close();
