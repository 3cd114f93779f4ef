import { describe, expect, it } from 'vitest';
import { memoryStore, verifyLog, type StoredEvent } from '@planlog/core';
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
