import { join } from 'node:path';
import { manualClock, startConsumer } from '@planlog/core';
import { describeConsumers, manualTimers, writeSampleLog } from '@planlog/core/testing';
import { describe, expect, it } from 'vitest';
import { sqliteStore } from '@planlog/sqlite';
import { tempDirs } from './tempDir.js';

const tempDir = tempDirs();

describeConsumers('sqliteStore (file)', { store: () => sqliteStore({ file: join(tempDir(), 'plans.db') }) });
describeConsumers("sqliteStore (':memory:')", { store: () => sqliteStore({ file: ':memory:' }) });

describe('startConsumer on SQLite: the lease row', () => {
  it('calls no handler once its lease has run out unrenewed (a stalled process): it takes the name again and goes on from its checkpoint', async () => {
    const store = sqliteStore({ file: join(tempDir(), 'plans.db') });
    await writeSampleLog(store); // 1 … 9
    const clock = manualClock('2026-05-01T02:00:00Z');
    const timers = manualTimers();
    const errors: unknown[] = [];
    const handled: number[] = [];
    let stalled = false;
    const consumer = startConsumer({
      name: 'stalls',
      store,
      clock,
      timers,
      leaseMs: 3_000,
      onError: (error) => errors.push(error),
      handle: (event) => {
        handled.push(event.position);
        if (event.position === 2 && !stalled) {
          stalled = true;
          clock.advance(10_000); // the handler took longer than the lease, and nothing renewed it meanwhile
        }
      },
    });
    await timers.until(consumer.caughtUp());
    await timers.until(consumer.stop());
    await store.close();
    expect(handled).toEqual([1, 2, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(errors).toMatchObject([{ code: 'CONFLICT', message: expect.stringContaining('lease ran out') }]);
  });

  it('lets another process take a name whose lease ran out, and refuses the old holder every write after', async () => {
    const file = join(tempDir(), 'plans.db');
    const store = sqliteStore({ file });
    const other = sqliteStore({ file });
    await writeSampleLog(store);
    const now = new Date('2026-05-01T02:00:00Z');
    const first = await store.consumers.claim({ name: 'n', owner: 'a', fromPosition: 1, now, leaseMs: 1_000 });
    expect(first?.position).toBe(0);
    expect(await other.consumers.claim({ name: 'n', owner: 'b', fromPosition: 1, now: new Date(now.getTime() + 999), leaseMs: 1_000 })).toBeNull();
    const second = await other.consumers.claim({ name: 'n', owner: 'b', fromPosition: 1, now: new Date(now.getTime() + 1_000), leaseMs: 1_000 });
    expect(second?.position).toBe(0);
    await expect(first!.commit(5, [], now)).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(first!.renew(now)).rejects.toMatchObject({ code: 'CONFLICT' });
    await first!.release(); // gives back nothing: the name is b's
    await second!.commit(4, [], new Date(now.getTime() + 1_500));
    expect(await store.consumers.checkpoint('n')).toBe(4);
    expect(await store.consumers.claim({ name: 'n', owner: 'c', fromPosition: 1, now: new Date(now.getTime() + 1_600), leaseMs: 1_000 })).toBeNull();
    await other.close();
    await store.close();
  });
});
