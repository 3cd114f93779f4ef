import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { verifyLog, type StoredEvent } from '@planlog/core';
import { sqliteStore, STORE_SCHEMA_VERSION } from '@planlog/sqlite';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { reports } from './events.js';
import { openError } from './openError.js';
import { tempDirs } from './tempDir.js';

const tempDir = tempDirs();

async function all(store: { readAll(): AsyncIterable<StoredEvent> }): Promise<StoredEvent[]> {
  const events: StoredEvent[] = [];
  for await (const event of store.readAll()) events.push(event);
  return events;
}

/** A log of two streams, written and closed, then write-protected as an auditor's copy would be. */
async function protectedLog(): Promise<{ file: string; written: StoredEvent[] }> {
  const file = join(tempDir(), 'copy.db');
  const store = sqliteStore({ file });
  await store.append('task-1', reports(3), { expectedVersion: 'no_stream' });
  await store.append('task-2', reports(2), { expectedVersion: 'no_stream' });
  const written = await all(store);
  await store.close();
  chmodSync(file, 0o444);
  return { file, written };
}

describe('sqliteStore({ readonly: true })', () => {
  it('reads and verifies a write-protected log that a writable open refuses', async () => {
    const { file, written } = await protectedLog();
    expect(openError(() => sqliteStore({ file })).message).toMatch(/read-only.*readonly: true/);
    const store = sqliteStore({ file, readonly: true });
    expect(store.readonly).toBe(true);
    expect(await all(store)).toEqual(written);
    expect(await store.readStream('task-2')).toEqual(written.filter((event) => event.streamId === 'task-2'));
    expect(await store.headPosition()).toBe(5);
    expect(await verifyLog(store)).toMatchObject({ ok: true, checked: 5 });
    await store.close();
  });

  it('refuses every append with STORE and leaves the file as it was', async () => {
    const { file } = await protectedLog();
    const before = readFileSync(file);
    const store = sqliteStore({ file, readonly: true });
    await expect(store.append('task-3', reports(1), { expectedVersion: 'no_stream' })).rejects.toMatchObject({ code: 'STORE', field: 'readonly', message: expect.stringContaining(file) });
    await expect(store.appendMany([{ streamId: 'task-1', events: reports(1), expectedVersion: 3 }])).rejects.toMatchObject({ code: 'STORE', field: 'readonly' });
    expect(await store.headPosition()).toBe(5);
    await store.close();
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('refuses a missing file, a database without a planlog log, another schema version, and :memory:', async () => {
    const dir = tempDir();
    const missing = openError(() => sqliteStore({ file: join(dir, 'none.db'), readonly: true }));
    expect(missing).toMatchObject({ code: 'STORE', message: expect.stringMatching(/does not exist/) });

    const other = join(dir, 'other.db');
    new Database(other).exec('CREATE TABLE t (x)').close();
    expect(openError(() => sqliteStore({ file: other, readonly: true }))).toMatchObject({ code: 'STORE', message: expect.stringMatching(/holds no planlog log/) });

    const text = join(dir, 'plan.txt');
    writeFileSync(text, 'KẾ HOẠCH\n'.repeat(2_000));
    expect(openError(() => sqliteStore({ file: text, readonly: true })).code).toBe('STORE');

    const newer = join(dir, 'newer.db');
    const writer = sqliteStore({ file: newer });
    writer.database.prepare('UPDATE planlog_schema SET version = ?').run(STORE_SCHEMA_VERSION + 1);
    await writer.close();
    expect(openError(() => sqliteStore({ file: newer, readonly: true }))).toMatchObject({ code: 'STORE', message: expect.stringMatching(/is newer/) });

    expect(openError(() => sqliteStore({ file: ':memory:', readonly: true }))).toMatchObject({ code: 'VALIDATION', field: 'readonly' });
  });
});
