import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { count } from 'drizzle-orm';
import { freshDb, type TestDb } from '../fixtures/db';
import { applyMigrations, migrationsFolder } from '../../db/migrate';
import { seedFirstAdmin } from '../../db/seed';
import { auditLog, users } from '../../db/schema';
import { hashPassword, passwordProblem, verifyPassword } from '~/lib/server/password';

let t: TestDb;
beforeAll(() => {
  t = freshDb();
});
afterAll(() => t.close());

describe('migrations', () => {
  it('create every table of the data model on an empty database', () => {
    const tables = t.db.$client
      .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%' order by name")
      .pluck()
      .all();
    expect(tables).toEqual([
      'attempt_grants',
      'audit_log',
      'certificates',
      'email_tokens',
      'enrollments',
      'evaluations',
      'external_ce',
      'item_stats',
      'item_wrong_answers',
      'job_runs',
      'lesson_progress',
      'mail_attempts',
      'mail_outbox',
      'quiz_attempts',
      'quiz_responses',
      'rate_limits',
      'sessions',
      'simulation_decisions',
      'simulation_runs',
      'users',
    ]);
  });

  it('record each migration file once and are a no-op when applied again', () => {
    const files = readdirSync(migrationsFolder()).filter((f) => f.endsWith('.sql'));
    applyMigrations(t.db);
    const applied = t.db.$client.prepare('select count(*) from __drizzle_migrations').pluck().get();
    expect(applied).toBe(files.length);
  });

  it('enforce foreign keys', () => {
    expect(() =>
      t.db.$client.prepare('insert into sessions (id, user_id, expires_at) values (?, ?, ?)').run('x', 999, 1),
    ).toThrow(/FOREIGN KEY/);
  });
});

describe('pragmas', () => {
  it('are in force on every connection opened through openDatabase', () => {
    const p = (name: string) => t.db.$client.pragma(name, { simple: true });
    expect(p('journal_mode')).toBe('wal');
    expect(p('foreign_keys')).toBe(1);
    expect(p('busy_timeout')).toBe(5000);
    // synchronous: 0 OFF, 1 NORMAL, 2 FULL
    expect(p('synchronous')).toBe(1);
  });
});

describe('first admin seed', () => {
  it('creates one admin with the configured password, once', async () => {
    const env = { ADMIN_EMAIL: ' Owner@Example.COM ', ADMIN_PASSWORD: 'a-long-test-password' };
    const first = await seedFirstAdmin(t.db, hashPassword, env);
    expect(first).toEqual({ created: true, email: 'owner@example.com', generatedPassword: undefined });
    const again = await seedFirstAdmin(t.db, hashPassword, env);
    expect(again.created).toBe(false);
    const all = t.db.select().from(users).all();
    expect(all).toHaveLength(1);
    expect(all[0]!.role).toBe('admin');
    expect(all[0]!.passwordHash).not.toContain('a-long-test-password');
    expect(await verifyPassword(all[0]!.passwordHash, 'a-long-test-password')).toBe(true);
    const [audits] = t.db.select({ n: count() }).from(auditLog).all();
    expect(audits!.n).toBe(1);
  });

  it('refuses an ADMIN_PASSWORD that breaks the password policy, creating nothing (16.11)', async () => {
    const other = freshDb();
    try {
      await expect(seedFirstAdmin(other.db, hashPassword, { ADMIN_EMAIL: 'boss@example.org', ADMIN_PASSWORD: 'password' }, passwordProblem)).rejects.toThrow(/^ADMIN_PASSWORD is refused: That password is one of the most common/);
      await expect(seedFirstAdmin(other.db, hashPassword, { ADMIN_EMAIL: 'boss@example.org', ADMIN_PASSWORD: 'boss@example.org' }, passwordProblem)).rejects.toThrow('cannot be your email address');
      expect(other.db.select().from(users).all()).toHaveLength(0);
    } finally {
      other.close();
    }
  });

  it('generates a random password when none is configured', async () => {
    const other = freshDb();
    try {
      const result = await seedFirstAdmin(other.db, hashPassword, {});
      expect(result.email).toBe('admin@localhost');
      expect(result.generatedPassword).toMatch(/^[a-zA-Z2-9]{20}$/);
      const stored = other.db.select().from(users).get()!;
      expect(await verifyPassword(stored.passwordHash, result.generatedPassword!)).toBe(true);
    } finally {
      other.close();
    }
  });
});
