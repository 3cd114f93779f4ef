import { join } from 'node:path';
import { isPlanlogError, type StoredEvent } from '@planlog/core';
import { GENESIS_HASH, hashEvent } from '@planlog/core/store';
import { sqliteStore } from '@planlog/sqlite';
import { randomUUID as uuidv7 } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { reports } from './events.js';
import { tempDirs } from './tempDir.js';

const tempDir = tempDirs();

async function all(store: { readAll(): AsyncIterable<StoredEvent> }) {
  const events: StoredEvent[] = [];
  for await (const event of store.readAll()) events.push(event);
  return events;
}

describe('sqliteStore across a restart', () => {
  it('keeps events, versions, the hash chain and command ids when the file is reopened', async () => {
    const file = join(tempDir(), 'plans.db');
    const commandId = uuidv7();
    const first = sqliteStore({ file });
    await first.append('task-1', reports(3, commandId), { expectedVersion: 'no_stream' });
    await first.appendMany([
      { streamId: 'task-2', events: reports(2), expectedVersion: 'no_stream' },
      { streamId: 'plan-1', events: reports(1), expectedVersion: 'no_stream' },
    ]);
    const before = await all(first);
    await first.close();

    const second = sqliteStore({ file });
    expect(await all(second)).toEqual(before);
    expect(await second.headPosition()).toBe(6);
    expect(await second.streamVersion('task-1')).toBe(3);
    expect(await second.readCommand(commandId)).toEqual(before.slice(0, 3));

    // The command id outlives the process: reusing it is still refused, and nothing is appended.
    const reuse = await second.append('task-9', reports(1, commandId), { expectedVersion: 'any' }).catch((error: unknown) => error);
    expect(isPlanlogError(reuse, 'CONFLICT') && reuse.details).toMatchObject({ commandId });
    await expect(second.append('task-1', reports(1), { expectedVersion: 'no_stream' })).rejects.toMatchObject({ code: 'CONFLICT' });

    // Versions and positions continue, and the chain links to the last hash written before the restart.
    const next = await second.append('task-1', reports(1), { expectedVersion: 3 });
    expect([next.version, next.position]).toEqual([4, 7]);
    const events = await all(second);
    let prev = GENESIS_HASH;
    for (const { hash, ...body } of events) {
      expect(hash).toBe(hashEvent(prev, body));
      prev = hash;
    }
    await second.close();
  });

  it('commits appends still queued when close is called', async () => {
    const file = join(tempDir(), 'plans.db');
    const store = sqliteStore({ file });
    const pending = store.append('task-1', reports(2), { expectedVersion: 'no_stream' });
    await store.close();
    expect((await pending).version).toBe(2);
    const reopened = sqliteStore({ file });
    expect(await reopened.streamVersion('task-1')).toBe(2);
    await reopened.close();
  });
});
