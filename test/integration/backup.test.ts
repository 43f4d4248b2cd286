/**
 * `npm run db:backup` and `npm run db:restore`, run as the operator runs them (child processes with
 * DATABASE_PATH), against a database that another process writes to continuously.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openDatabase } from '../../db/client';
import { applyMigrations } from '../../db/migrate';
import { defaultBackupPath, rowCounts } from '../../scripts/backup';

const root = resolve(import.meta.dirname, '..', '..');
let dir: string;
let live: string;

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs one of the scripts like `npm run db:…` does, against the test's database. */
function runScript(script: 'backup' | 'restore', args: string[]): Promise<Ran> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'scripts', `${script}.ts`), ...args], {
      cwd: root,
      env: { ...process.env, DATABASE_PATH: live },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('exit', (code) => done({ code, stdout, stderr }));
  });
}

/**
 * Another process writing as fast as it can: each transaction adds a user, an audit row naming
 * that user and one to a counter, so any copy taken between two transactions has
 * users = audit rows = counter.
 */
function startWriter(): Promise<{ child: ChildProcess; exited: Promise<void> }> {
  const script = join(dir, 'writer.cjs');
  writeFileSync(
    script,
    `const Database = require(${JSON.stringify(createRequire(import.meta.url).resolve('better-sqlite3'))});
const db = new Database(${JSON.stringify(live)});
db.pragma('journal_mode = WAL'); db.pragma('busy_timeout = 5000'); db.pragma('synchronous = NORMAL'); db.pragma('foreign_keys = ON');
const user = db.prepare("insert into users (email, password_hash, full_name) values (?, 'x', ?)");
const audit = db.prepare("insert into audit_log (actor_id, action, subject) values (?, 'backup.test', ?)");
const counter = db.prepare("insert into rate_limits (key, window, count) values ('writer', 0, 1) on conflict (key, window) do update set count = count + 1");
const write = db.transaction((i) => { const id = user.run('w' + i + '@backup.test', 'Writer ' + i).lastInsertRowid; audit.run(id, String(i)); counter.run(); });
let i = 0;
(function burst() { for (let k = 0; k < 10; k++) write(i++); if (i === 200) process.stdout.write('ready\\n'); setImmediate(burst); })();
`,
  );
  const child = spawn(process.execPath, [script], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<void>((r) => child.on('exit', () => r()));
  return new Promise((ok, fail) => {
    child.stdout!.on('data', (c: Buffer) => {
      if (String(c).includes('ready')) ok({ child, exited });
    });
    child.on('exit', (code) => fail(new Error(`the writer exited with ${code} before it was ready`)));
  });
}

function counts(path: string): Record<string, number> {
  const db = new Database(path, { fileMustExist: true });
  try {
    return rowCounts(db);
  } finally {
    db.close();
  }
}

function usersIn(path: string): number {
  return counts(path).users!;
}

function integrity(path: string): string {
  const db = new Database(path, { fileMustExist: true });
  try {
    return db.pragma('integrity_check', { simple: true }) as string;
  } finally {
    db.close();
  }
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'dental-ce-backup-'));
  live = join(dir, 'app.sqlite');
  const db = openDatabase(live);
  applyMigrations(db);
  db.$client.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('backup and restore', () => {
  let backupFile: string;
  let backupCounts: Record<string, number>;

  it('backs up a consistent copy while another process writes, then restores it to identical row counts', async () => {
    const writer = await startWriter();
    try {
      const before = usersIn(live);
      backupFile = join(dir, 'backups', 'under-load.sqlite');
      const backup = await runScript('backup', [backupFile]);
      expect(backup.stderr).toBe('');
      expect(backup.code).toBe(0);
      expect(backup.stdout).toContain('integrity ok');
      const after = usersIn(live);

      // The copy is one instant of the database: between the writer's transactions, never inside one.
      expect(integrity(backupFile)).toBe('ok');
      backupCounts = counts(backupFile);
      expect(backupCounts.users).toBeGreaterThanOrEqual(before);
      expect(backupCounts.users).toBeLessThanOrEqual(after);
      expect(after).toBeGreaterThan(before); // the writer kept writing while the backup ran
      expect(backupCounts.audit_log).toBe(backupCounts.users);
      const copy = new Database(backupFile, { readonly: true });
      expect(copy.prepare("select count from rate_limits where key = 'writer'").pluck().get()).toBe(backupCounts.users);
      // A self-contained file: nothing of it lives in a -wal beside it.
      expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
      copy.close();
      expect(readdirSync(join(dir, 'backups'))).toEqual(['under-load.sqlite']);

      // The writer still has the database open: the restore must refuse and leave it alone.
      const refused = await runScript('restore', [backupFile]);
      expect(refused.code).toBe(3);
      expect(refused.stderr).toMatch(/in use \(is the server running\?\)/);
      expect(usersIn(live)).toBeGreaterThanOrEqual(after);
    } finally {
      // A crash, not a clean stop: the writer's last transactions are only in the -wal file.
      writer.child.kill('SIGKILL');
      await writer.exited;
    }
    expect(existsSync(`${live}-wal`)).toBe(true);
    // Read-only, so closing this connection does not fold the -wal into the file.
    const peek = new Database(live, { readonly: true });
    const crashedWith = peek.prepare('select count(*) from users').pluck().get() as number;
    peek.close();
    expect(existsSync(`${live}-wal`)).toBe(true);
    expect(crashedWith).toBeGreaterThan(backupCounts.users!);

    const restored = await runScript('restore', ['--', backupFile]);
    expect(restored.stderr).toBe('');
    expect(restored.code).toBe(0);
    expect(counts(live)).toEqual(backupCounts);
    expect(integrity(live)).toBe('ok');
    expect(existsSync(`${live}-wal`)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.includes('.restore-'))).toEqual([]);
    // The database it replaced is kept whole, including what was only in its -wal.
    const safety = readdirSync(dir).filter((f) => f.startsWith('app.sqlite.before-restore-'));
    expect(safety).toHaveLength(1);
    expect(usersIn(join(dir, safety[0]!))).toBe(crashedWith);

    // The app opens the restored file as usual (WAL mode) and carries on from it.
    const reopened = openDatabase(live);
    expect(reopened.$client.pragma('journal_mode', { simple: true })).toBe('wal');
    reopened.$client.prepare("insert into users (email, password_hash, full_name) values ('after@backup.test', 'x', 'After Restore')").run();
    reopened.$client.close();
    expect(usersIn(live)).toBe(backupCounts.users! + 1);
  }, 60_000);

  it('refuses a damaged backup, a file that is not SQLite, and a database of another app, and changes nothing', async () => {
    const untouched = counts(live);
    const damaged = join(dir, 'damaged.sqlite');
    const bytes = readFileSync(backupFile);
    const pageSize = bytes.readUInt16BE(16) === 1 ? 65536 : bytes.readUInt16BE(16);
    // Scribble over the page headers of every page but the first: the b-trees no longer hold together.
    for (let page = 1; page * pageSize < bytes.length; page++) bytes.fill(0x5a, page * pageSize, page * pageSize + 12);
    writeFileSync(damaged, bytes);
    const notSqlite = join(dir, 'notes.txt');
    writeFileSync(notSqlite, 'this is not a database\n'.repeat(200));
    const otherApp = join(dir, 'other.sqlite');
    const other = new Database(otherApp);
    other.exec('create table notes (id integer primary key, body text); insert into notes (body) values (\'hello\');');
    other.close();

    for (const [file, message] of [
      [damaged, /integrity_check|malformed|not a usable/],
      [notSqlite, /not a database|cannot be opened|not a usable/],
      [otherApp, /not one of this app/],
      [join(dir, 'missing.sqlite'), /There is no file/],
    ] as const) {
      const ran = await runScript('restore', [file]);
      expect(ran.code, `${file}: ${ran.stdout}${ran.stderr}`).toBe(3);
      expect(ran.stderr).toMatch(message);
      expect(counts(live)).toEqual(untouched);
    }
    expect(readdirSync(dir).filter((f) => f.includes('.restore-'))).toEqual([]);
  }, 60_000);

  it('names a default backup by time, beside the database under backups/', async () => {
    expect(defaultBackupPath('/srv/ce/db/data/app.sqlite', new Date('2027-03-04T05:06:07.890Z'))).toBe('/srv/ce/db/data/backups/app-20270304-050607Z.sqlite');
    const ran = await runScript('backup', []);
    expect(ran.code).toBe(0);
    const made = readdirSync(join(dir, 'backups')).filter((f) => /^app-\d{8}-\d{6}Z\.sqlite$/.test(f));
    expect(made).toHaveLength(1);
    expect(counts(join(dir, 'backups', made[0]!))).toEqual(counts(live));
    // An existing backup is never overwritten.
    const again = await runScript('backup', [join(dir, 'backups', made[0]!)]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already exists/);
  }, 60_000);
});
