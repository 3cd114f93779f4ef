import { join } from 'node:path';
import type { EventStore, StoredEvent } from '@planlog/core';
import { sqliteStore } from '@planlog/sqlite';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { reports } from './events.js';
import { tempDirs } from './tempDir.js';

const tempDir = tempDirs();

/** The log's events from `fromPosition` on, as `store` reads them. */
async function readFrom(store: EventStore, fromPosition: number): Promise<number[]> {
  const positions: number[] = [];
  for await (const event of store.readAll({ fromPosition })) positions.push((event as StoredEvent).position);
  return positions;
}

/** A connection that counts the reads of a page of the log it runs. */
function countingConnection(file: string): { db: Database.Database; pages: () => number } {
  let pages = 0;
  const db = new Database(file, { verbose: (sql) => void (String(sql).includes('FROM planlog_events WHERE position >=') && pages++) });
  return { db, pages: () => pages };
}

describe('sqliteStore: reading past the end of the log (the engine\'s catch-up before each command)', () => {
  it('after its own append, a read past the end reads no page; after a commit of another connection or process it reads again and finds it', async () => {
    const file = join(tempDir(), 'plans.db');
    const { db, pages } = countingConnection(file);
    const store = sqliteStore({ database: db });
    const other = sqliteStore({ file }); // another connection: as another process would write
    await store.append('task-1', reports(2), { expectedVersion: 'no_stream' });
    const before = pages();
    expect(await readFrom(store, 3)).toEqual([]);
    expect(await readFrom(store, 3)).toEqual([]);
    expect(pages() - before).toBe(0);

    await other.append('task-2', reports(1), { expectedVersion: 'no_stream' });
    expect(await readFrom(store, 3)).toEqual([3]);
    expect(pages() - before).toBe(1);
    // Seen to the end by that read: past it again, no page.
    expect(await readFrom(store, 4)).toEqual([]);
    expect(pages() - before).toBe(1);
    // Below the end, a read is a read.
    expect(await readFrom(store, 1)).toEqual([1, 2, 3]);

    await other.append('task-3', reports(1), { expectedVersion: 'no_stream' });
    await store.append('task-4', reports(1), { expectedVersion: 'no_stream' }); // lands after the other's, at 5
    expect(await readFrom(store, 4)).toEqual([4, 5]);
    expect(await readFrom(store, 6)).toEqual([]);
    await store.close();
    await other.close();
    db.close();
  });

  it('two stores on one connection see each other\'s appends (the connection\'s own changes count too)', async () => {
    const file = join(tempDir(), 'plans.db');
    const db = new Database(file);
    const a = sqliteStore({ database: db });
    const b = sqliteStore({ database: db });
    await a.append('task-1', reports(1), { expectedVersion: 'no_stream' });
    expect(await readFrom(a, 2)).toEqual([]);
    await b.append('task-2', reports(2), { expectedVersion: 'no_stream' });
    expect(await readFrom(a, 2)).toEqual([2, 3]);
    // A row written on the connection by hand, outside any store, is read too.
    db.prepare('INSERT INTO planlog_events (position, stream_id, version, command_id, event, hash) SELECT position + 1, stream_id, version + 1, command_id, event, hash FROM planlog_events WHERE position = 3').run();
    const records: number[] = [];
    for await (const record of a.readRecords({ fromPosition: 4 })) records.push(record.position);
    expect(records).toEqual([4]);
    await a.close();
    await b.close();
    db.close();
  });

  it('an append refused or rolled back leaves nothing behind: reads past the end still find the next real append', async () => {
    const file = join(tempDir(), 'plans.db');
    const store = sqliteStore({ file });
    const other = sqliteStore({ file });
    await store.append('task-1', reports(1), { expectedVersion: 'no_stream' });
    await expect(store.append('task-1', reports(1), { expectedVersion: 'no_stream' })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await readFrom(store, 2)).toEqual([]);
    await other.append('task-1', reports(1), { expectedVersion: 1 });
    expect(await readFrom(store, 2)).toEqual([2]);
    await store.close();
    await other.close();
  });

  it('a group commit with a caller refused in its savepoint notes the end inside its transaction: a read past it reads no page, another connection\'s appends are still found', async () => {
    const file = join(tempDir(), 'plans.db');
    const { db, pages } = countingConnection(file);
    const store = sqliteStore({ database: db });
    const other = sqliteStore({ file });
    await store.append('task-1', reports(1), { expectedVersion: 'no_stream' });
    // One transaction: the first caller commits 2 events (2, 3), the second (3 events, a stale version) is rolled back alone.
    const [first, refused, third] = await Promise.allSettled([
      store.append('task-2', reports(2), { expectedVersion: 'no_stream' }),
      store.append('task-1', reports(3), { expectedVersion: 'no_stream' }),
      store.append('task-3', reports(1), { expectedVersion: 'no_stream' }),
    ]);
    expect(first).toMatchObject({ status: 'fulfilled', value: { position: 3 } });
    expect(refused).toMatchObject({ status: 'rejected', reason: { code: 'CONFLICT' } });
    expect(third).toMatchObject({ status: 'fulfilled', value: { position: 4 } });
    const before = pages();
    expect(await readFrom(store, 5)).toEqual([]);
    expect(pages() - before).toBe(0); // the end was noted at 4, inside the transaction
    expect(await readFrom(store, 4)).toEqual([4]);
    await other.append('task-4', reports(3), { expectedVersion: 'no_stream' });
    expect(await readFrom(store, 5)).toEqual([5, 6, 7]);
    await store.close();
    await other.close();
    db.close();
  });
});
