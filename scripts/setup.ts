/**
 * Prepares the embedded database before the server starts: creates the folder and file,
 * applies migrations, and on an empty database creates the first admin (printing a generated
 * password once). Safe to run on every start: it never re-seeds.
 */
import { databasePath, openDatabase } from '../db/client';
import { applyMigrations, migrationsFolder } from '../db/migrate';
import { seedFirstAdmin } from '../db/seed';
import { hashPassword } from '../src/lib/server/password';
import { sweepExpiredSessions } from '../src/lib/server/session';
import { settings } from '../src/lib/server/settings';

const path = databasePath(settings.DATABASE_PATH);
const db = openDatabase(path);
applyMigrations(db, migrationsFolder(settings.MIGRATIONS_DIR));
const admin = await seedFirstAdmin(db, hashPassword, settings);
const swept = sweepExpiredSessions(db);
if (admin.created) {
  const line = '-'.repeat(64);
  console.log(line);
  console.log(`First admin account created: ${admin.email}`);
  if (admin.generatedPassword) {
    console.log(`Password (shown once, change it after signing in): ${admin.generatedPassword}`);
  } else {
    console.log('Password: the value of ADMIN_PASSWORD');
  }
  console.log(line);
}
console.log(`Database ready at ${path}${swept ? ` (${swept} expired sessions removed)` : ''}`);
db.$client.close();
