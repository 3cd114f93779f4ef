import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startConsumer, verifyLog } from '@planlog/core';
import { manualTimers, writeSampleLog } from '@planlog/core/testing';
import { sqliteStore } from '@planlog/sqlite';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openError } from './openError.js';
import { tempDirs } from './tempDir.js';

const tempDir = tempDirs();

/** A file as @planlog/sqlite 0.x (schema version 1, the old hash rule) left it. */
function oldLog(): string {
  const file = join(tempDir(), 'old.db');
  const db = new Database(file);
  db.exec(`CREATE TABLE planlog_schema (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL);
           INSERT INTO planlog_schema VALUES (1, 1);
           CREATE TABLE planlog_events (position INTEGER PRIMARY KEY, id TEXT, stream_id TEXT, version INTEGER, type TEXT, schema_version INTEGER,
             data TEXT, actor TEXT, command_id TEXT, causation_id TEXT, correlation_id TEXT, recorded_at TEXT, hash TEXT);`);
  db.close();
  return file;
}

describe('schema versions', () => {
  it('stores each event as its exact bytes (schema version 2, still so in version 3)', async () => {
    const store = sqliteStore({ file: ':memory:' });
    const columns = store.database.prepare("SELECT name FROM pragma_table_info('planlog_events')").pluck().all();
    expect(columns).toEqual(['position', 'stream_id', 'version', 'command_id', 'event', 'hash']);
    expect(store.database.prepare('SELECT version FROM planlog_schema').pluck().get()).toBe(3);
    await store.close();
  });

  it('refuses a file written under the old hash rule (version 1), writable or read-only, with STORE naming the versions, writing nothing', () => {
    const file = oldLog();
    const before = readFileSync(file);
    for (const readonly of [false, true]) {
      const error = openError(() => sqliteStore({ file, readonly }));
      expect(error).toMatchObject({ code: 'STORE', details: { schemaVersion: 1, supported: 3 } });
      expect(error.message).toMatch(/schema version 1 is older than this @planlog\/sqlite reads \(2–3\).*older rule/);
    }
    // Nothing was changed: not a byte (not even the journal mode), still version 1, no new table.
    expect(readFileSync(file).equals(before)).toBe(true);
    const db = new Database(file, { readonly: true });
    expect(db.prepare('SELECT version FROM planlog_schema').pluck().get()).toBe(1);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table'").pluck().get()).toBe(2);
    db.close();
  });

  it('migrates a version 2 log to version 3 (the consumer tables) on a writable open; a read-only open reads it as it is', async () => {
    const file = join(tempDir(), 'v2.db');
    const writer = sqliteStore({ file });
    await writeSampleLog(writer);
    // What @planlog/sqlite with schema version 2 left: the same log, no consumer tables.
    writer.database.exec('DROP TABLE planlog_consumers; DROP TABLE planlog_parked; UPDATE planlog_schema SET version = 2');
    await writer.close();
    const reader = sqliteStore({ file, readonly: true });
    expect(await reader.headPosition()).toBe(9);
    await reader.close();
    expect(new Database(file, { readonly: true }).prepare('SELECT version FROM planlog_schema').pluck().get()).toBe(2);

    const store = sqliteStore({ file });
    expect(store.database.prepare('SELECT version FROM planlog_schema').pluck().get()).toBe(3);
    expect((await verifyLog(store)).ok).toBe(true);
    const timers = manualTimers();
    const handled: number[] = [];
    const consumer = startConsumer({ name: 'after-migration', store, timers, handle: (event) => void handled.push(event.position) });
    await timers.until(consumer.caughtUp());
    await timers.until(consumer.stop());
    expect(handled).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    await store.close();
  });
});
