import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { manualClock } from '../base/clock.js';
import { createEngine, type Engine } from '../engine/createEngine.js';
import { isPlanlogError } from '../base/errors.js';
import type { StoredEvent } from '../schemas/events.js';
import type { EventStore } from '../store/EventStore.js';
import { subscribeToLog } from '../consumers/subscribeToLog.js';
import { countingStore } from './countingStore.js';
import { manualTimers, type ManualTimers } from './manualTimers.js';
import { issueSamplePlan, SAMPLE_LEAD } from './samplePlan.js';

export type SubscriptionsFixture = {
  /** An empty store, once per test; the suite closes it. */
  store(): Promise<EventStore> | EventStore;
  /**
   * Another store on the same database, as another process would open it (SQLite: the same file;
   * PostgreSQL: the same schema); left out where there is none (memory). The suite closes it.
   */
  sameDatabase?(store: EventStore): Promise<EventStore> | EventStore;
};

/**
 * `engine.subscribe` on a store: the past from a position, then live events, in global order, from
 * this engine, another engine, and another store on the same database; filtered by type; ended by
 * `break`, `return()` or a signal with nothing left held; hostile options refused.
 */
export function describeSubscriptions(name: string, fixture: SubscriptionsFixture): void {
  describe(`engine.subscribe: ${name}`, () => {
    let store: EventStore;
    let timers: ManualTimers;
    let others: EventStore[];
    beforeEach(async () => {
      store = await fixture.store();
      timers = manualTimers();
      others = [];
    });
    afterEach(async () => {
      for (const other of others) await other.close();
      await store.close();
    });

    /** The next `count` events of a subscription, firing its polls by hand when it waits. */
    async function take(iterator: AsyncIterator<StoredEvent>, count: number): Promise<StoredEvent[]> {
      const events: StoredEvent[] = [];
      for (let index = 0; index < count; index++) {
        const next = await timers.until(iterator.next());
        if (next.done) break;
        events.push(next.value);
      }
      return events;
    }

    async function report(engine: Engine, taskId: string, text: string) {
      return engine.reportTask({ actor: SAMPLE_LEAD, taskId, text, progress: 50 });
    }

    it('gives the past from fromPosition, then live events as they are appended, in global order', async () => {
      const { engine, taskId } = await issueSamplePlan(store); // positions 1 … 4
      const subscription = engine.subscribe({ fromPosition: 2, timers });
      const past = await take(subscription, 3);
      expect(past.map((event) => event.position)).toEqual([2, 3, 4]);
      const waiting = subscription.next();
      await engine.acknowledgeTask({ actor: SAMPLE_LEAD, taskId });
      await report(engine, taskId, 'Đã triển khai 30%');
      const first = await timers.until(waiting);
      const live = [first.value as StoredEvent, ...(await take(subscription, 1))];
      expect(live.map((event) => [event.position, event.type])).toEqual([
        [5, 'task.acknowledged'],
        [6, 'task.reported'],
      ]);
      expect((await store.readAll({ fromPosition: 5 })[Symbol.asyncIterator]().next()).value).toEqual(live[0]);
      await subscription.return();
    });

    it('starts at the beginning by default, and delivers every event once, in order, while appends race it', async () => {
      const { engine, taskId } = await issueSamplePlan(store);
      await engine.acknowledgeTask({ actor: SAMPLE_LEAD, taskId });
      const subscription = engine.subscribe({ timers });
      const reports = (async () => {
        for (let index = 1; index <= 12; index++) await report(engine, taskId, `Báo cáo ${index}`);
      })();
      const events = await take(subscription, 5 + 12);
      await reports;
      expect(events.map((event) => event.position)).toEqual(Array.from({ length: 17 }, (_, index) => index + 1));
      await subscription.return();
    });

    it('keeps only the types asked for, and passes the others over', async () => {
      const { engine, taskId } = await issueSamplePlan(store);
      const subscription = engine.subscribe({ types: ['task.reported', 'plan.issued'], timers });
      const waiting = take(subscription, 3);
      await engine.acknowledgeTask({ actor: SAMPLE_LEAD, taskId });
      await report(engine, taskId, 'Một');
      await report(engine, taskId, 'Hai');
      const events = await waiting;
      expect(events.map((event) => event.type)).toEqual(['plan.issued', 'task.reported', 'task.reported']);
      expect(events.map((event) => event.position)).toEqual([3, 6, 7]);
      await subscription.return();
    });

    it("delivers another engine's appends on the same store", async () => {
      const { engine, taskId } = await issueSamplePlan(store);
      const other = createEngine({ store, clock: manualClock('2026-04-20T02:00:00Z') });
      const subscription = engine.subscribe({ fromPosition: 5, timers });
      const waiting = subscription.next();
      await other.acknowledgeTask({ actor: SAMPLE_LEAD, taskId });
      expect((await timers.until(waiting)).value).toMatchObject({ position: 5, type: 'task.acknowledged' });
      await subscription.return();
    });

    // A store without a second connection (memory, SQLite ':memory:') has no other process to hear from.
    if (fixture.sameDatabase !== undefined) it('delivers appends made through another store on the same database (another process)', async () => {
      const { engine, taskId } = await issueSamplePlan(store);
      const second = await fixture.sameDatabase!(store);
      others.push(second);
      const elsewhere = createEngine({ store: second, clock: manualClock('2026-04-20T02:00:00Z') });
      const subscription = engine.subscribe({ fromPosition: 5, timers });
      const waiting = take(subscription, 2);
      await elsewhere.acknowledgeTask({ actor: SAMPLE_LEAD, taskId });
      await report(elsewhere, taskId, 'Từ tiến trình khác');
      expect((await waiting).map((event) => [event.position, event.type])).toEqual([
        [5, 'task.acknowledged'],
        [6, 'task.reported'],
      ]);
      await subscription.return();
    });

    it("is woken by the store's own appends, not by its poll (a day apart here)", async () => {
      const { engine, taskId } = await issueSamplePlan(store);
      const subscription = engine.subscribe({ fromPosition: 5, pollMs: 86_400_000 }); // the runtime's timers
      const waiting = subscription.next();
      await engine.acknowledgeTask({ actor: SAMPLE_LEAD, taskId });
      expect((await waiting).value).toMatchObject({ position: 5, type: 'task.acknowledged' });
      await subscription.return();
    });

    it('ends on break and holds nothing after: no watch, no read, no timer', async () => {
      await issueSamplePlan(store);
      const counted = countingStore(store);
      let seen = 0;
      for await (const event of subscribeToLog(counted, { timers })) {
        seen += 1;
        expect(counted.openWatches).toBe(counted.watchAppends ? 1 : 0);
        if (event.position === 3) break;
      }
      expect(seen).toBe(3);
      expect({ watches: counted.openWatches, reads: counted.openReads, timers: timers.pending() }).toEqual({ watches: 0, reads: 0, timers: 0 });
    });

    it('ends on return() while it waits for the next event: the waiting next() resolves done', async () => {
      await issueSamplePlan(store);
      const counted = countingStore(store);
      const subscription = subscribeToLog(counted, { fromPosition: 5, timers });
      const waiting = subscription.next();
      await timers.until(new Promise((resolve) => setImmediate(resolve)));
      expect(await subscription.return()).toEqual({ value: undefined, done: true });
      expect(await waiting).toEqual({ value: undefined, done: true });
      expect(await subscription.next()).toEqual({ value: undefined, done: true });
      expect({ watches: counted.openWatches, reads: counted.openReads, timers: timers.pending() }).toEqual({ watches: 0, reads: 0, timers: 0 });
    });

    it('ends when its signal aborts', async () => {
      const { engine } = await issueSamplePlan(store);
      const controller = new AbortController();
      const subscription = engine.subscribe({ fromPosition: 4, timers, signal: controller.signal });
      expect((await subscription.next()).value).toMatchObject({ position: 4 });
      const waiting = subscription.next();
      controller.abort();
      expect(await waiting).toEqual({ value: undefined, done: true });
      expect(timers.pending()).toBe(0);
      const already = new AbortController();
      already.abort();
      expect(await engine.subscribe({ signal: already.signal }).next()).toEqual({ value: undefined, done: true });
    });

    it('refuses hostile options with VALIDATION naming the field, before reading anything', async () => {
      const engine = createEngine({ store });
      const cases: [unknown, string][] = [
        [{ fromPosition: -1 }, 'fromPosition'],
        [{ fromPosition: 0 }, 'fromPosition'],
        [{ fromPosition: Number.NaN }, 'fromPosition'],
        [{ fromPosition: 1.5 }, 'fromPosition'],
        [{ fromPosition: '3' }, 'fromPosition'],
        [{ fromPosition: Number.POSITIVE_INFINITY }, 'fromPosition'],
        [{ types: 'task.added' }, 'types'],
        [{ types: [] }, 'types'],
        [{ types: { 0: 'task.added' } }, 'types'],
        [{ types: ['task.added', 'task.exploded'] }, 'types.1'],
        [{ types: [null] }, 'types.0'],
        [{ types: ['__proto__'] }, 'types.0'],
        [{ type: ['task.added'] }, 'type'],
        [{ pollMs: -5 }, 'pollMs'],
        [{ timers: {} }, 'timers'],
        [{ signal: 'stop' }, 'signal'],
        ['all', 'options'],
        [null, 'options'],
        [[1], 'options'],
      ];
      for (const [options, field] of cases) {
        let thrown: unknown;
        try {
          engine.subscribe(options as never);
        } catch (error) {
          thrown = error;
        }
        expect(isPlanlogError(thrown, 'VALIDATION') && thrown.field, JSON.stringify(options)).toBe(field);
      }
      expect(await store.headPosition()).toBe(0);
    });

    it('fails with STORE when the store closes under it, and holds nothing after', async () => {
      await issueSamplePlan(store);
      const counted = countingStore(store);
      const subscription = subscribeToLog(counted, { timers });
      expect((await subscription.next()).done).toBe(false);
      const waiting = subscription.next();
      await store.close();
      // Reading on: the events already read may come first; then STORE.
      let error: unknown;
      try {
        for (let next = await timers.until(waiting); !next.done; next = await timers.until(subscription.next()));
      } catch (caught) {
        error = caught;
      }
      expect(isPlanlogError(error, 'STORE')).toBe(true);
      expect({ watches: counted.openWatches, reads: counted.openReads, timers: timers.pending() }).toEqual({ watches: 0, reads: 0, timers: 0 });
    });

    it('serves overlapping next() calls in order', async () => {
      const { engine } = await issueSamplePlan(store);
      const subscription = engine.subscribe({ timers });
      const results = await Promise.all([subscription.next(), subscription.next(), subscription.next(), subscription.next()]);
      expect(results.map((result) => (result.value as StoredEvent).position)).toEqual([1, 2, 3, 4]);
      await subscription.return();
    });
  });
}
