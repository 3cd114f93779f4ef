import { describe, expect, it } from 'vitest';
import { isPlanlogError, PlanlogError, type AppendResult, type NewEvent } from '@planlog/core';
import { groupCommit, type AppendGroup } from '../src/groupCommit.js';
import type { AppendCall, CallOutcome } from '../src/schema/appendToStream.js';

// The group commit of @planlog/postgres on its own (no database): what queues while a group is in
// flight goes together in the next one, bounded by maxGroupEvents; a statement that fails on one
// caller's data is retried call by call. The same behaviour against PostgreSQL: hostileInput.test.ts
// and the conformance suite.

const event = (commandId: string) => ({ commandId }) as NewEvent;
const call = (streamId: string, events = 1): AppendCall => [{ streamId, expectedVersion: 'any', events: Array.from({ length: events }, (_, i) => event(`${streamId}-${i}`)) }];
const landed = (calls: readonly AppendCall[]): CallOutcome[] =>
  calls.map((c) => ({ results: c.map((append): AppendResult => ({ streamId: append.streamId, version: append.events.length, position: null, events: [] })) }));

/** An appendGroup that records each group's streams and lands every call once `release` is called. */
function recording() {
  const groups: string[][] = [];
  const waiting: (() => void)[] = [];
  const append: AppendGroup = (calls) => {
    groups.push(calls.map((c) => c[0]!.streamId));
    return new Promise((resolve) => waiting.push(() => resolve(landed(calls))));
  };
  const release = async () => {
    while (waiting.length > 0) {
      waiting.shift()!();
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  return { groups, append, release };
}

describe('groupCommit (@planlog/postgres)', () => {
  it('sends the first call alone and what queued meanwhile together, bounded by maxGroupEvents', async () => {
    const db = recording();
    const appender = groupCommit(db.append, 5);
    const done = ['a', 'b', 'c', 'd'].map((stream) => appender.submit(call(stream, 2)));
    await db.release();
    await Promise.all(done);
    // a in flight; b, c queued (4 events: d would make 6 > 5); then d.
    expect(db.groups).toEqual([['a'], ['b', 'c'], ['d']]);
  });

  it("gives each caller its own outcome: a refused call fails alone, its group's others land", async () => {
    const conflict = new PlanlogError('CONFLICT', 'stream b moved');
    const appender = groupCommit(async (calls) => calls.map((c): CallOutcome => (c[0]!.streamId === 'b' ? { error: conflict } : landed([c])[0]!)), 100);
    const outcomes = await Promise.allSettled(['a', 'b', 'c'].map((stream) => appender.submit(call(stream))));
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((outcomes[1] as PromiseRejectedResult).reason).toBe(conflict);
  });

  it("retries a group whose statement failed on a caller's data call by call, so only that caller gets the error", async () => {
    const groups: string[][] = [];
    const appender = groupCommit(async (calls) => {
      groups.push(calls.map((c) => c[0]!.streamId));
      // SQLSTATE 22P05: text PostgreSQL cannot store, in the call to stream 'bad'.
      if (calls.some((c) => c[0]!.streamId === 'bad')) throw Object.assign(new Error('unsupported Unicode escape sequence'), { code: '22P05' });
      return landed(calls);
    }, 100);
    const first = appender.submit(call('first')); // in flight alone; the next three queue behind it
    const outcomes = await Promise.allSettled([first, ...['a', 'bad', 'c'].map((stream) => appender.submit(call(stream)))]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    const error = (outcomes[2] as PromiseRejectedResult).reason;
    expect(isPlanlogError(error, 'VALIDATION')).toBe(true);
    expect(groups).toEqual([['first'], ['a', 'bad', 'c'], ['a'], ['bad'], ['c']]);
  });

  it('a failure of the connection or server fails the whole group with STORE, and flush waits for what is queued', async () => {
    let calls = 0;
    const appender = groupCommit(async (group) => {
      calls += 1;
      if (calls === 2) throw Object.assign(new Error('Connection terminated unexpectedly'), { code: undefined });
      return landed(group);
    }, 100);
    const submitted = ['a', 'b', 'c'].map((stream) => appender.submit(call(stream)));
    const settled = Promise.allSettled(submitted);
    await appender.flush();
    const outcomes = await settled;
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'rejected']);
    expect((outcomes[1] as PromiseRejectedResult).reason).toMatchObject({ code: 'STORE' });
    expect((outcomes[1] as PromiseRejectedResult).reason).toBe((outcomes[2] as PromiseRejectedResult).reason);
  });
});
