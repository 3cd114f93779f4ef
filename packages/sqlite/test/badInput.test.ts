import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sqliteStore, STORE_SCHEMA_VERSION } from '@planlog/sqlite';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { reports } from './events.js';
import { openError } from './openError.js';
import { tempDirs } from './tempDir.js';

const tempDir = tempDirs();

describe('sqliteStore bad inputs', () => {
  it('refuses a path in a missing directory with STORE naming the file', () => {
    const file = join(tempDir(), 'no-such-dir', 'plans.db');
    const error = openError(() => sqliteStore({ file }));
    expect(error.code).toBe('STORE');
    expect(error.message).toContain(file);
    expect(error.message).toMatch(/does not exist/);
  });

  it('refuses a corrupt file with STORE naming the file', () => {
    const file = join(tempDir(), 'corrupt.db');
    writeFileSync(file, Buffer.alloc(16_384, 0x5a));
    const error = openError(() => sqliteStore({ file }));
    expect(error.code).toBe('STORE');
    expect(error.message).toContain(file);
    expect(error.message).toMatch(/not a SQLite database or is corrupt/);
  });

  it('refuses a text file that is not a database with STORE', () => {
    const file = join(tempDir(), 'plan.txt');
    writeFileSync(file, 'KẾ HOẠCH Thực hiện công tác đối ngoại năm 2026\n'.repeat(200));
    expect(openError(() => sqliteStore({ file })).code).toBe('STORE');
  });

  it('refuses a read-only file with STORE naming the file', async () => {
    const file = join(tempDir(), 'readonly.db');
    const store = sqliteStore({ file });
    await store.append('task-1', reports(1), { expectedVersion: 'no_stream' });
    await store.close();
    chmodSync(file, 0o444);
    const error = openError(() => sqliteStore({ file }));
    expect(error.code).toBe('STORE');
    expect(error.message).toContain(file);
    expect(error.message).toMatch(/read-only/);
  });

  it('refuses a database written by a newer schema, and leaves it as it was', async () => {
    const file = join(tempDir(), 'newer.db');
    await sqliteStore({ file }).close();
    const raw = new Database(file);
    raw.prepare('UPDATE planlog_schema SET version = ?').run(STORE_SCHEMA_VERSION + 1);
    raw.close();
    const error = openError(() => sqliteStore({ file }));
    expect(error.code).toBe('STORE');
    expect(error.message).toContain(file);
    expect(error.message).toMatch(new RegExp(`schema version ${STORE_SCHEMA_VERSION + 1} is newer`));
    const check = new Database(file);
    expect(check.prepare('SELECT version FROM planlog_schema').pluck().get()).toBe(STORE_SCHEMA_VERSION + 1);
    check.close();
  });

  it('refuses a directory given as the file, and an empty file name', () => {
    expect(openError(() => sqliteStore({ file: tempDir() })).code).toBe('STORE');
    expect(openError(() => sqliteStore({ file: '' })).code).toBe('VALIDATION');
  });

  it('reports a row that no longer matches its schema as STORE, naming the position', async () => {
    const database = new Database(':memory:');
    const store = sqliteStore({ database });
    await store.append('task-1', reports(2), { expectedVersion: 'no_stream' });
    database.prepare("UPDATE planlog_events SET event = '{\"text\":\"\"}' WHERE position = 2").run();
    await expect(store.readStream('task-1')).rejects.toMatchObject({ code: 'STORE', message: expect.stringMatching(/position 2/) });
    await store.close();
    expect(database.open).toBe(true); // an adopted connection stays open
    database.close();
  });

  it('creates the schema once: opening twice migrates nothing the second time', async () => {
    const file = join(tempDir(), 'plans.db');
    await sqliteStore({ file }).close();
    await sqliteStore({ file }).close();
    const raw = new Database(file);
    expect(raw.prepare('SELECT count(*) FROM planlog_schema').pluck().get()).toBe(1);
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();
  });

  it('sets WAL and synchronous=FULL by default', () => {
    const store = sqliteStore({ file: join(tempDir(), 'plans.db') });
    expect(store.database.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.database.pragma('synchronous', { simple: true })).toBe(2); // FULL
    return store.close();
  });
});
