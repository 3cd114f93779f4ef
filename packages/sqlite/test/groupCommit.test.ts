import { isPlanlogError, type AppendResult } from '@planlog/core';
import { GENESIS_HASH, hashEvent } from '@planlog/core/store';
import { sqliteStore, type CommitInfo } from '@planlog/sqlite';
import { createRequire, syncBuiltinESMExports } from 'node:module';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { reports } from './events.js';
import { tempDirs } from './tempDir.js';

const tempDir = tempDirs();

describe('sqliteStore group commit', () => {
  it('commits 100 concurrent appenders in one transaction, each with its own result; one conflict fails alone', async () => {
    const commits: CommitInfo[] = [];
    const store = sqliteStore({ file: join(tempDir(), 'plans.db'), onCommit: (info) => commits.push(info) });
    await store.append('task-7', reports(1), { expectedVersion: 'no_stream' });
    commits.length = 0;

    const outcomes = await Promise.allSettled(
      Array.from({ length: 100 }, (_, index) =>
        index === 42
          ? store.append('task-7', reports(1), { expectedVersion: 'no_stream' }) // deliberately stale: task-7 is at 1
          : store.append(`task-${index}`, reports(2), { expectedVersion: index === 7 ? 1 : 'no_stream' }),
      ),
    );

    expect(commits).toEqual([{ appends: 100, events: 99 * 2 }]);
    const failed = outcomes.flatMap((outcome, index) => (outcome.status === 'rejected' ? [[index, outcome.reason] as const] : []));
    expect(failed).toHaveLength(1);
    expect(failed[0]![0]).toBe(42);
    expect(isPlanlogError(failed[0]![1], 'CONFLICT')).toBe(true);

    const results = outcomes.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : [])) as AppendResult[];
    expect(results.every((result) => result.events.length === 2)).toBe(true);
    expect(results.find((result) => result.streamId === 'task-7')!.version).toBe(3);
    const positions = results.flatMap((result) => result.events.map((event) => event.position)).sort((a, b) => a - b);
    expect(positions).toEqual(Array.from({ length: 198 }, (_, index) => index + 2));
    expect(await store.headPosition()).toBe(199);
    let prev = GENESIS_HASH;
    for await (const { hash, ...body } of store.readAll()) {
      expect(hash).toBe(hashEvent(prev, body));
      prev = hash;
    }
    await store.close();
  });

  it('keeps an appendMany whole inside the group: its conflict rolls back only its own requests', async () => {
    const commits: CommitInfo[] = [];
    const store = sqliteStore({ file: ':memory:', onCommit: (info) => commits.push(info) });
    const [good, bad] = await Promise.allSettled([
      store.append('task-1', reports(1), { expectedVersion: 'no_stream' }),
      store.appendMany([
        { streamId: 'task-2', events: reports(1), expectedVersion: 'no_stream' },
        { streamId: 'task-1', events: reports(1), expectedVersion: 'no_stream' }, // task-1 was just written above
      ]),
    ]);
    expect(good.status).toBe('fulfilled');
    expect(bad.status === 'rejected' && isPlanlogError(bad.reason, 'CONFLICT')).toBe(true);
    expect(commits).toHaveLength(1);
    expect(await store.streamVersion('task-2')).toBe(0);
    expect(await store.headPosition()).toBe(1);
    await store.close();
  });

  it('refuses the second of two appenders in one group that reuse a command id', async () => {
    const store = sqliteStore({ file: ':memory:' });
    const [commandId] = [reports(1)[0]!.commandId];
    const outcomes = await Promise.allSettled([
      store.append('task-1', reports(1, commandId), { expectedVersion: 'any' }),
      store.append('task-2', reports(1, commandId), { expectedVersion: 'any' }),
    ]);
    expect(outcomes[0]!.status).toBe('fulfilled');
    expect(outcomes[1]!.status === 'rejected' && isPlanlogError(outcomes[1].reason, 'CONFLICT')).toBe(true);
    await store.close();
  });

  it('uses one transaction per sequential append', async () => {
    let transactions = 0;
    const store = sqliteStore({ file: ':memory:', onCommit: () => transactions++ });
    for (let index = 0; index < 5; index++) await store.append('task-1', reports(1), { expectedVersion: index });
    expect(transactions).toBe(5);
    await store.close();
  });

  describe('under fake timers', () => {
    afterEach(() => {
      vi.useRealTimers();
    });

    // Regression: the flush was scheduled with the global setImmediate, which vi.useFakeTimers()
    // replaces, so every append in a user's fake-timer test hung.
    it('still commits when the global timers are faked', async () => {
      vi.useFakeTimers();
      const store = sqliteStore({ file: ':memory:' });
      const result = await store.append('task-1', reports(1), { expectedVersion: 'no_stream' });
      expect(result.version).toBe(1);
      await store.close();
    }, 5_000);

    // Regression: the flush looked up the timers module's setImmediate at each call (in the CommonJS
    // build, `(0, import_node_timers.setImmediate)(…)`), and sinon's fake timers (`sinon.useFakeTimers()`)
    // replace that property too, so every append under them hung.
    it("still commits when a fake clock replaces the timers module's setImmediate after load", async () => {
      const timers = createRequire(import.meta.url)('node:timers') as { setImmediate: unknown };
      const real = timers.setImmediate;
      timers.setImmediate = () => ({}); // a fake clock's: it runs the callback only when the test ticks
      syncBuiltinESMExports(); // as the CommonJS build sees the module: its property, read at the call
      try {
        const store = sqliteStore({ file: ':memory:' });
        const result = await store.append('task-1', reports(1), { expectedVersion: 'no_stream' });
        expect(result.version).toBe(1);
        await store.close();
      } finally {
        timers.setImmediate = real;
        syncBuiltinESMExports();
      }
    }, 5_000);
  });
});
