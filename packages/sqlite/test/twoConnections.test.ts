import { join } from 'node:path';
import { isPlanlogError, type StoredEvent } from '@planlog/core';
import { GENESIS_HASH, hashEvent } from '@planlog/core/store';
import { sqliteStore } from '@planlog/sqlite';
import { describe, expect, it } from 'vitest';
import { reports } from './events.js';
import { tempDirs } from './tempDir.js';

const tempDir = tempDirs();

describe('sqliteStore: two stores on one file', () => {
  it('share one log: positions gap-free, one hash chain, expected versions checked across connections', async () => {
    const file = join(tempDir(), 'plans.db');
    const a = sqliteStore({ file });
    const b = sqliteStore({ file });
    const writes = Array.from({ length: 40 }, (_, index) =>
      (index % 2 === 0 ? a : b).append(`task-${index % 5}`, reports(1 + (index % 3)), { expectedVersion: 'any' }),
    );
    await Promise.all(writes);
    await a.append('plan-1', reports(1), { expectedVersion: 'no_stream' });
    const refused = await b.append('plan-1', reports(1), { expectedVersion: 'no_stream' }).catch((error: unknown) => error);
    expect(isPlanlogError(refused, 'CONFLICT')).toBe(true);

    const events: StoredEvent[] = [];
    for await (const event of b.readAll()) events.push(event);
    expect(events.map((event) => event.position)).toEqual(events.map((_, index) => index + 1));
    let prev = GENESIS_HASH;
    for (const { hash, ...body } of events) {
      expect(hash).toBe(hashEvent(prev, body));
      prev = hash;
    }
    for (let stream = 0; stream < 5; stream++) {
      const versions = (await a.readStream(`task-${stream}`)).map((event) => event.version);
      expect(versions).toEqual(versions.map((_, index) => index + 1));
    }
    await a.close();
    await b.close();
  });
});
