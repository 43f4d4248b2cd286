/**
 * Prepares the embedded database before the server starts: creates the folder and file,
 * applies migrations, and on an empty database creates the first admin (printing a generated
 * password once). Safe to run on every start: it never re-seeds.
 */
import { databasePath, openDatabase } from '../db/client';
import { applyMigrations, migrationsFolder } from '../db/migrate';
import { AdminPasswordRefused, seedFirstAdmin } from '../db/seed';
import { hashPassword, passwordProblem } from '../src/lib/server/password';
import { sweepExpiredSessions } from '../src/lib/server/session';
import { settings } from '../src/lib/server/settings';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { setupChecklist } from '../src/lib/domain/setup';
import { providerSchema } from '../src/lib/shared/schemas/provider';
import { courseSchema } from '../src/lib/shared/schemas/course';

/** How many set-up items stand between this install and real CE credit (0 when none, or when the content cannot be read: the build reports that). */
function setupMissing(root: string): number {
  try {
    const provider = providerSchema.parse(parse(readFileSync(join(root, 'provider.yaml'), 'utf8')));
    const dir = join(root, 'courses');
    const courses = (existsSync(dir) ? readdirSync(dir) : [])
      .filter((id) => existsSync(join(dir, id, 'course.yaml')))
      .map((id) => {
        const c = courseSchema.parse(parse(readFileSync(join(dir, id, 'course.yaml'), 'utf8')));
        return { id, published: c.published, fields: { credit: c.credit, authors: c.authors, reviewers: c.reviewers, reviewedOn: c.reviewedOn } };
      });
    return setupChecklist(provider, courses).length;
  } catch {
    return 0;
  }
}

const path = databasePath(settings.DATABASE_PATH);
const db = openDatabase(path);
applyMigrations(db, migrationsFolder(settings.MIGRATIONS_DIR));
const admin = await seedFirstAdmin(db, hashPassword, settings, passwordProblem).catch((error: unknown) => {
  if (!(error instanceof AdminPasswordRefused)) throw error;
  console.error(error.message);
  process.exit(1);
});
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
const missing = setupMissing(resolve(settings.CONTENT_DIR));
if (missing > 0) console.log(`Sample certificates only: ${missing} item${missing === 1 ? ' is' : 's are'} missing for real CE credit (content/provider.yaml, course authorship); an admin sees the list at /admin/setup.`);
db.$client.close();
