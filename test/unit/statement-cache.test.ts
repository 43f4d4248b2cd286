import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, STATEMENT_CACHE_SIZE, type Db } from '../../db/client';

let db: Db | undefined;
afterEach(() => db?.$client.close());

describe('compiled statements kept per connection', () => {
  it('hands back the same statement for the same SQL, and a different one for other SQL', () => {
    db = openDatabase(':memory:');
    const a = db.$client.prepare('select 1 as one');
    expect(db.$client.prepare('select 1 as one')).toBe(a);
    expect(db.$client.prepare('select 2 as two')).not.toBe(a);
  });

  it('resets raw, pluck and expand, so a statement another caller changed reads as a fresh one', () => {
    db = openDatabase(':memory:');
    db.$client.exec('create table t (id integer primary key, name text)');
    db.$client.prepare('insert into t (name) values (?)').run('Ana');
    expect(db.$client.prepare('select id, name from t').raw().get()).toEqual([1, 'Ana']);
    expect(db.$client.prepare('select id, name from t').get()).toEqual({ id: 1, name: 'Ana' });
    expect(db.$client.prepare('select id, name from t').pluck().get()).toBe(1);
    expect(db.$client.prepare('select id, name from t').get()).toEqual({ id: 1, name: 'Ana' });
    // Writes are cached too (they have no result mode to reset).
    const insert = db.$client.prepare('insert into t (name) values (?)');
    expect(db.$client.prepare('insert into t (name) values (?)')).toBe(insert);
    insert.run('Ben');
    expect(db.$client.prepare('select count(*) as n from t').get()).toEqual({ n: 2 });
  });

  it('keeps at most STATEMENT_CACHE_SIZE statements, dropping the least recently used', () => {
    db = openDatabase(':memory:');
    const first = db.$client.prepare('select 0');
    const kept = db.$client.prepare('select -1');
    for (let i = 1; i < STATEMENT_CACHE_SIZE - 1; i++) db.$client.prepare(`select ${i}`);
    // Used again: now the most recent, so it survives the next insertion.
    expect(db.$client.prepare('select 0')).toBe(first);
    db.$client.prepare(`select ${STATEMENT_CACHE_SIZE}`);
    expect(db.$client.prepare('select 0')).toBe(first);
    expect(db.$client.prepare('select -1')).not.toBe(kept);
  });
});
