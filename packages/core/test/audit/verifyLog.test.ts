import { describe, expect, it } from 'vitest';
import { memoryStore, PlanlogError, verifyLog, type EventStore, type StoredEvent } from '@planlog/core';
import { allEvents, issuedPlan, LEAD, STP } from '../fixtures.js';
import { generatedStore, rehash, tamperedStore } from './tamperedStore.js';

/** A small real log: positions 1 … 9 over a plan stream and one task stream. */
async function realLog() {
  const { store, engine, taskId } = await issuedPlan();
  await engine.acknowledgeTask({ actor: LEAD, taskId }); // 5
  await engine.reportTask({ actor: LEAD, taskId, text: 'Đã rà soát 40%', progress: 40 }); // 6
  await engine.reportTask({ actor: LEAD, taskId, text: 'Hoàn thành rà soát', final: true }); // 7
  await engine.returnReport({ actor: STP, taskId, reason: 'Thiếu số liệu' }); // 8
  await engine.reportTask({ actor: LEAD, taskId, text: 'Bổ sung số liệu', final: true }); // 9
  expect(await store.headPosition()).toBe(9);
  return store;
}

/** A store that reads the real log up to `position`, then throws `error` as a store would. */
function failingAt(store: EventStore, position: number, error: Error): EventStore {
  return {
    ...store,
    async *readRecords() {
      for await (const record of store.readRecords()) {
        if (record.position === position) throw error;
        yield record;
      }
    },
  };
}

describe('verifyLog', () => {
  it('finds an intact log intact', async () => {
    const store = await realLog();
    const events = await allEvents(store);
    expect(await verifyLog(store)).toEqual({ ok: true, checked: 9, headHash: events.at(-1)!.hash });
  });

  it('finds an empty log intact', async () => {
    expect(await verifyLog(memoryStore())).toMatchObject({ ok: true, checked: 0 });
  });

  it('names the event with one byte of its data changed', async () => {
    const store = tamperedStore(await realLog(), (events) => {
      const event = events[5] as StoredEvent<'task.reported'>;
      expect(event.data.text).toBe('Đã rà soát 40%');
      event.data.text = 'Đã rà soát 90%';
      return events;
    });
    expect(await verifyLog(store)).toMatchObject({ ok: false, checked: 5, firstBad: { position: 6, reason: 'hash mismatch' } });
  });

  it('names the position of a deleted event', async () => {
    const store = tamperedStore(await realLog(), (events) => events.filter((event) => event.position !== 4));
    expect(await verifyLog(store)).toMatchObject({ ok: false, checked: 3, firstBad: { position: 4, reason: 'position gap' } });
  });

  it('names the first of two swapped events', async () => {
    const store = tamperedStore(await realLog(), (events) => {
      [events[6], events[7]] = [events[7]!, events[6]!];
      return events;
    });
    expect(await verifyLog(store)).toMatchObject({ ok: false, checked: 6, firstBad: { position: 7, reason: 'position out of order' } });
  });

  it('finds a deleted event even when the positions were renumbered', async () => {
    const store = tamperedStore(await realLog(), (events) =>
      events.filter((event) => event.position !== 6).map((event, index) => ({ ...event, position: index + 1 })),
    );
    expect(await verifyLog(store)).toMatchObject({ ok: false, firstBad: { position: 6 } });
  });

  it('finds a swap even when the positions and every hash were rewritten', async () => {
    const store = tamperedStore(await realLog(), (events) => {
      [events[6], events[7]] = [events[7]!, events[6]!];
      return rehash(events.map((event, index) => ({ ...event, position: index + 1 })));
    });
    // The chain alone cannot see a rewritten tail (that is what headHash is for); stream versions can.
    expect(await verifyLog(store)).toMatchObject({ ok: false, checked: 6, firstBad: { position: 7, reason: 'version gap' } });
  });

  it('names an event that is not valid, even with its hash rewritten', async () => {
    const store = tamperedStore(await realLog(), (events) => {
      (events[5] as StoredEvent<'task.reported'>).data.progress = 140;
      return rehash(events, 5);
    });
    const result = await verifyLog(store);
    expect(result).toMatchObject({ ok: false, checked: 5, firstBad: { position: 6 } });
    expect(result.firstBad!.reason).toMatch(/^invalid event: data\.progress: /);
  });

  it('notices a log that ends before its head position', async () => {
    const store = tamperedStore(await realLog(), (events) => events.slice(0, -1));
    expect(await verifyLog(store)).toMatchObject({ ok: false, checked: 8, firstBad: { position: 9, reason: 'missing events' } });
  });

  it('names an event the store cannot read instead of throwing', async () => {
    const store = await realLog();
    const events = await allEvents(store);
    const malformed = new PlanlogError('STORE', 'plans.db: the event at position 6 holds malformed JSON', { details: { file: 'plans.db', position: 6 } });
    expect(await verifyLog(failingAt(store, 6, malformed))).toEqual({
      ok: false,
      checked: 5,
      headHash: events[4]!.hash,
      firstBad: { position: 6, reason: 'unreadable event: holds malformed JSON' },
    });
  });

  it('still throws when reading fails for a reason that is not an event (a closed store, a lost connection)', async () => {
    const closed = new PlanlogError('STORE', 'plans.db: the store is closed', { details: { file: 'plans.db' } });
    await expect(verifyLog(failingAt(await realLog(), 3, closed))).rejects.toBe(closed);
    const lost = new Error('Connection terminated unexpectedly');
    await expect(verifyLog(failingAt(await realLog(), 3, lost))).rejects.toBe(lost);
  });

  it('expect: an anchor still in the log, unchanged, is ok', async () => {
    const store = await realLog();
    const events = await allEvents(store);
    expect(await verifyLog(store, { expect: { position: 7, hash: events[6]!.hash } })).toEqual({ ok: true, checked: 9, headHash: events[8]!.hash });
    expect(await verifyLog(store, { expect: { position: 9, hash: events[8]!.hash.toUpperCase() } })).toMatchObject({ ok: true });
  });

  it('expect: a log that lost its newest events, its chain intact, is short of the anchor', async () => {
    const store = await realLog();
    const anchor = { position: 9, hash: (await allEvents(store))[8]!.hash };
    // Head position and rows both end at 7: only the anchor knows there were 9.
    const truncated = { ...tamperedStore(store, (events) => events.slice(0, 7)), headPosition: async () => 7 };
    expect(await verifyLog(truncated)).toMatchObject({ ok: true, checked: 7 });
    expect(await verifyLog(truncated, { expect: anchor })).toMatchObject({ ok: false, checked: 7, firstBad: { position: 8, reason: 'missing events' } });
  });

  it('expect: a tail rewritten with fresh hashes does not hold the anchored hash', async () => {
    const store = await realLog();
    const events = await allEvents(store);
    const rewritten = tamperedStore(store, (copies) => {
      (copies[7] as StoredEvent<'task.report_returned'>).data.reason = 'Đạt yêu cầu';
      return rehash(copies, 7);
    });
    expect(await verifyLog(rewritten)).toMatchObject({ ok: true, checked: 9 });
    // The anchor noted at 9 no longer holds; one noted before the rewrite (at 7) still does.
    expect(await verifyLog(rewritten, { expect: { position: 9, hash: events[8]!.hash } })).toMatchObject({ ok: false, checked: 9, firstBad: { position: 9, reason: 'anchor mismatch' } });
    expect(await verifyLog(rewritten, { expect: { position: 7, hash: events[6]!.hash } })).toMatchObject({ ok: true, checked: 9 });
  });

  it('reports progress', async () => {
    const store = await realLog();
    const seen: unknown[] = [];
    await verifyLog(store, { progressEvery: 4, onProgress: (progress) => seen.push(progress) });
    expect(seen).toEqual([
      { checked: 4, total: 9 },
      { checked: 8, total: 9 },
      { checked: 9, total: 9 },
    ]);
  });

  it('streams a 200 000-event log, checking each event as it is read', async () => {
    let produced = 0;
    const lags: number[] = [];
    const store = generatedStore(200_000, { onYield: (position) => (produced = position) });
    const result = await verifyLog(store, { progressEvery: 20_000, onProgress: ({ checked }) => lags.push(produced - checked) });
    expect(result).toMatchObject({ ok: true, checked: 200_000 });
    // Each progress report came while the generator had produced only the events checked so far:
    // verifyLog pulls one event, checks it and lets it go, rather than collecting the log first.
    expect(lags).toEqual(Array(lags.length).fill(0));
    expect(lags).toHaveLength(11);
  });
});
