/**
 * `npm run db:seed` creates the first admin on an empty database;
 * `npm run db:seed -- --demo` also adds demo learners, an instructor and their progress.
 */
import { databasePath, openDatabase } from '../db/client';
import { applyMigrations, migrationsFolder } from '../db/migrate';
import { settings } from '../src/lib/server/settings';
import { seedFirstAdmin } from '../db/seed';
import { seedDemo } from './demo-data';
import { hashPassword } from '../src/lib/server/password';

const db = openDatabase(databasePath(settings.DATABASE_PATH));
applyMigrations(db, migrationsFolder(settings.MIGRATIONS_DIR));
const admin = await seedFirstAdmin(db, hashPassword, settings);
if (admin.created) {
  console.log(`First admin: ${admin.email}`);
  if (admin.generatedPassword) console.log(`Password (shown once): ${admin.generatedPassword}`);
}
if (process.argv.includes('--demo')) {
  const demo = await seedDemo(db, hashPassword);
  console.log(`Demo data: ${demo.users} accounts (password printed once: ${demo.password})`);
}
db.$client.close();
