import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { manualClock } from '../base/clock.js';
import { startConsumer, type Consumer, type ConsumerOptions } from '../consumers/startConsumer.js';
import { isPlanlogError } from '../base/errors.js';
import type { StoredEvent } from '../schemas/events.js';
import type { EventStore } from '../store/EventStore.js';
import { countingStore } from './countingStore.js';
import { manualTimers, type ManualTimers } from './manualTimers.js';
import { issueSamplePlan, SAMPLE_LEAD } from './samplePlan.js';

export type ConsumersFixture = {
  /** An empty store with the consumer capability, once per test; the suite closes it. */
  store(): Promise<EventStore> | EventStore;
};

/**
 * `startConsumer` on a store: order, at least once, retries with backoff, parking and replay,
 * `fromPosition`, `types`, `stop`, one instance per name, hostile options. Every wait goes through
 * manual timers (`until`): nothing sleeps.
 */
export function describeConsumers(name: string, fixture: ConsumersFixture): void {
  describe(`startConsumer: ${name}`, () => {
    let store: EventStore;
    let timers: ManualTimers;
    let running: Consumer[];
    let errors: unknown[];
    beforeEach(async () => {
      store = await fixture.store();
      timers = manualTimers();
      running = [];
      errors = [];
    });
    afterEach(async () => {
      for (const consumer of running) await timers.until(consumer.stop());
      await store.close();
    });

    const clock = manualClock('2026-05-01T02:00:00Z');
    function start(options: Partial<ConsumerOptions> & Pick<ConsumerOptions, 'handle'>): Consumer {
      const consumer = startConsumer({ name: 'notify-units', store, timers, clock, onError: (error) => errors.push(error), ...options });
      running.push(consumer);
      return consumer;
    }
    const positions = (events: readonly StoredEvent[]) => events.map((event) => event.position);
    const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, index) => from + index);

    async function sampleLog(reports = 4) {
      const sample = await issueSamplePlan(store); // 1 … 4
      await sample.engine.acknowledgeTask({ actor: SAMPLE_LEAD, taskId: sample.taskId }); // 5
      for (let index = 1; index <= reports; index++) {
        await sample.engine.reportTask({ actor: SAMPLE_LEAD, taskId: sample.taskId, text: `Báo cáo ${index}`, progress: index * 10 });
      }
      return sample;
    }

    it('handles every event once, in global order, the past then live ones, and saves the checkpoint', async () => {
      const { engine, taskId } = await sampleLog(); // 1 … 9
      const handled: StoredEvent[] = [];
      const consumer = start({ handle: (event) => void handled.push(event), batchSize: 4 });
      expect(await timers.until(consumer.caughtUp())).toBe(9);
      expect(positions(handled)).toEqual(range(1, 9));
      await engine.reportTask({ actor: SAMPLE_LEAD, taskId, text: 'Trực tiếp', progress: 90 });
      expect(await timers.until(consumer.caughtUp())).toBe(10);
      expect(positions(handled)).toEqual(range(1, 10));
      expect(handled.at(-1)).toMatchObject({ type: 'task.reported', data: { text: 'Trực tiếp' } });
      expect(await consumer.position()).toBe(10);
      expect(errors).toEqual([]);
    });

    it('goes on from its checkpoint after a stop: a name never handles an event twice when nothing failed', async () => {
      const { engine, taskId } = await sampleLog(2); // 1 … 7
      const first: number[] = [];
      const consumer = start({ handle: (event) => void first.push(event.position) });
      await timers.until(consumer.caughtUp());
      await timers.until(consumer.stop());
      await engine.reportTask({ actor: SAMPLE_LEAD, taskId, text: 'Sau khi dừng', progress: 70 });
      const second: number[] = [];
      const again = start({ handle: (event) => void second.push(event.position), fromPosition: 1 }); // ignored: the name has a checkpoint
      await timers.until(again.caughtUp());
      expect(first).toEqual(range(1, 7));
      expect(second).toEqual([8]);
    });

    it('starts a new name at fromPosition', async () => {
      await sampleLog(); // 1 … 9
      const handled: number[] = [];
      const consumer = start({ name: 'from-six', fromPosition: 6, handle: (event) => void handled.push(event.position) });
      await timers.until(consumer.caughtUp());
      expect(handled).toEqual(range(6, 9));
    });

    it('hands the handler only the types asked for, and moves the checkpoint past the others', async () => {
      await sampleLog(3); // 1 … 8: reports at 6, 7, 8
      const handled: StoredEvent[] = [];
      const consumer = start({ types: ['task.reported', 'task.acknowledged'], handle: (event) => void handled.push(event) });
      expect(await timers.until(consumer.caughtUp())).toBe(8);
      expect(handled.map((event) => [event.position, event.type])).toEqual([
        [5, 'task.acknowledged'],
        [6, 'task.reported'],
        [7, 'task.reported'],
        [8, 'task.reported'],
      ]);
    });

    it('calls a failing handler again after a doubling backoff, then goes on in order', async () => {
      await sampleLog(2);
      const calls: [number, number][] = [];
      let failures = 2;
      const consumer = start({
        backoffMs: 7,
        maxBackoffMs: 20,
        handle: (event, { attempt }) => {
          calls.push([event.position, attempt]);
          if (event.position === 3 && failures-- > 0) throw new Error('SMTP unreachable');
        },
      });
      await timers.until(consumer.caughtUp());
      expect(calls).toEqual([[1, 1], [2, 1], [3, 1], [3, 2], [3, 3], [4, 1], [5, 1], [6, 1], [7, 1]]);
      expect(timers.requested.filter((ms) => ms < 100)).toEqual([7, 14]);
      expect(await consumer.parked()).toEqual([]);
    });

    it('parks an event after maxAttempts failures, with its error, and goes on: never skipped silently', async () => {
      await sampleLog(2); // 1 … 7
      const handled: number[] = [];
      const consumer = start({
        maxAttempts: 3,
        backoffMs: 5,
        handle: (event) => {
          if (event.type === 'task.acknowledged') throw new TypeError('no e-mail address for phong-xay-dung-phap-luat');
          handled.push(event.position);
        },
      });
      expect(await timers.until(consumer.caughtUp())).toBe(7);
      expect(handled).toEqual([1, 2, 3, 4, 6, 7]);
      const parked = await consumer.parked();
      expect(parked).toEqual([
        {
          consumer: 'notify-units',
          position: 5,
          eventId: expect.any(String),
          type: 'task.acknowledged',
          streamId: expect.stringMatching(/^task-/),
          error: 'TypeError: no e-mail address for phong-xay-dung-phap-luat',
          attempts: 3,
          parkedAt: '2026-05-01T02:00:00.000Z',
        },
      ]);
      const acknowledged = (await store.readStream(parked[0]!.streamId)).find((event) => event.type === 'task.acknowledged');
      expect(parked[0]!.eventId).toBe(acknowledged!.id);
      expect(timers.requested.filter((ms) => ms < 100)).toEqual([5, 10]);
    });

    it('replays a parked event: kept with the new error while it fails, off the list once it succeeds', async () => {
      await sampleLog(1);
      let broken = true;
      const handled: [number, number][] = [];
      const consumer = start({
        maxAttempts: 2,
        backoffMs: 1,
        handle: (event, { attempt }) => {
          if (event.position === 2 && broken) throw new Error(`still down (attempt ${attempt})`);
          handled.push([event.position, attempt]);
        },
      });
      await timers.until(consumer.caughtUp());
      expect((await consumer.parked()).map((entry) => [entry.position, entry.attempts])).toEqual([[2, 2]]);
      await expect(timers.until(consumer.replayParked(2))).rejects.toThrow('still down (attempt 3)');
      expect(await consumer.parked()).toMatchObject([{ position: 2, attempts: 3, error: 'Error: still down (attempt 3)' }]);
      broken = false;
      await timers.until(consumer.replayParked(2));
      expect(await consumer.parked()).toEqual([]);
      expect(handled.filter(([position]) => position === 2)).toEqual([[2, 4]]);
      await expect(timers.until(consumer.replayParked(2))).rejects.toMatchObject({ code: 'NOT_FOUND', field: 'position' });
      await expect(consumer.replayParked(-1)).rejects.toMatchObject({ code: 'VALIDATION', field: 'position' });
    });

    it('keeps a hostile error text storable: NUL and lone surrogates replaced, at most 2,000 characters', async () => {
      await issueSamplePlan(store);
      const consumer = start({ maxAttempts: 1, handle: () => Promise.reject(new Error(`bad\u0000byte \uD800 ${'x'.repeat(5_000)}`)) });
      await timers.until(consumer.caughtUp());
      const parked = await consumer.parked();
      expect(parked).toHaveLength(4);
      expect(parked[0]!.error.startsWith('Error: bad\uFFFDbyte \uFFFD x')).toBe(true);
      expect(parked[0]!.error.length).toBe(2_000);
    });

    it('is delivered at least once: a batch whose checkpoint was not saved is handled again, none skipped', async () => {
      await sampleLog(2); // 1 … 7
      // A store whose first checkpoint save fails, as a crash between handling and saving would.
      let failSave = true;
      const consumers = store.consumers!;
      const flaky: EventStore = Object.create(store, {
        consumers: {
          value: {
            ...consumers,
            checkpoint: consumers.checkpoint.bind(consumers),
            parked: consumers.parked.bind(consumers),
            claim: async (claim: Parameters<typeof consumers.claim>[0]) => {
              const lease = await consumers.claim(claim);
              if (lease === null) return null;
              return Object.assign(Object.create(lease), {
                position: lease.position,
                commit: async (...args: Parameters<typeof lease.commit>) => {
                  if (failSave) {
                    failSave = false;
                    throw new Error('disk I/O error');
                  }
                  return lease.commit(...args);
                },
                renew: lease.renew.bind(lease),
                unpark: lease.unpark.bind(lease),
                release: lease.release.bind(lease),
              });
            },
          },
        },
      });
      const handled: number[] = [];
      const consumer = startConsumer({ name: 'flaky', store: flaky, timers, clock, batchSize: 5, onError: (error) => errors.push(error), handle: (event) => void handled.push(event.position) });
      running.push(consumer);
      await timers.until(consumer.caughtUp());
      expect(handled).toEqual([1, 2, 3, 4, 5, 1, 2, 3, 4, 5, 6, 7]);
      expect(errors.map(String)).toEqual(['Error: disk I/O error']);
    });

    it('stop() waits for the event in hand, saves what was handled, and leaves no timer or watch behind', async () => {
      await sampleLog(2);
      const counted = countingStore(store);
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      const handled: number[] = [];
      const consumer = startConsumer({
        name: 'slow',
        store: counted,
        timers,
        clock,
        handle: async (event) => {
          if (event.position === 3) await held;
          handled.push(event.position);
        },
      });
      while (handled.length < 2) await timers.until(new Promise((resolve) => setImmediate(resolve)));
      let stopped = false;
      const stopping = consumer.stop().then(() => (stopped = true));
      await timers.until(new Promise((resolve) => setImmediate(resolve)));
      expect(stopped).toBe(false);
      release();
      await timers.until(stopping);
      expect(handled).toEqual([1, 2, 3]);
      expect(await consumer.position()).toBe(3);
      expect(consumer.holding).toBe(false);
      expect({ timers: timers.pending(), watches: counted.openWatches, reads: counted.openReads }).toEqual({ timers: 0, watches: 0, reads: 0 });
      await expect(consumer.replayParked(1)).rejects.toMatchObject({ code: 'CONFLICT' });
      // The lease was given back: another instance takes the name at once and goes on from 4.
      const next: number[] = [];
      const other = start({ name: 'slow', handle: (event) => void next.push(event.position) });
      await timers.until(other.caughtUp());
      expect(next).toEqual([4, 5, 6, 7]);
    });

    it('runs a name on one instance at a time: the other waits, then takes over from the checkpoint', async () => {
      const { engine, taskId } = await sampleLog(2); // 1 … 7
      const log: string[] = [];
      let active = 0;
      const handler = (who: string) => async (event: StoredEvent) => {
        active += 1;
        if (active > 1) log.push('OVERLAP');
        await Promise.resolve();
        log.push(`${who}:${event.position}`);
        active -= 1;
      };
      const a = start({ name: 'single', handle: handler('a') });
      await timers.until(a.caughtUp());
      const b = start({ name: 'single', handle: handler('b') });
      await engine.reportTask({ actor: SAMPLE_LEAD, taskId, text: 'Tám', progress: 80 });
      await timers.until(a.caughtUp());
      for (let turn = 0; turn < 20; turn++) await timers.until(new Promise((resolve) => setImmediate(resolve)));
      expect([a.holding, b.holding]).toEqual([true, false]);
      await timers.until(a.stop());
      await engine.reportTask({ actor: SAMPLE_LEAD, taskId, text: 'Chín', progress: 90 });
      await timers.until(b.caughtUp());
      expect(b.holding).toBe(true);
      expect(log).toEqual([...range(1, 8).map((position) => `a:${position}`), 'b:9']);
    });

    it('refuses hostile options with VALIDATION naming the field, starting nothing', async () => {
      const handle = () => undefined;
      const cases: [Record<string, unknown>, string][] = [
        [{ name: '' }, 'name'],
        [{ name: '   ' }, 'name'],
        [{ name: 42 }, 'name'],
        [{ name: 'x'.repeat(201) }, 'name'],
        [{ name: 'bad\u0000name' }, 'name'],
        [{ store: null }, 'store'],
        [{ store: {} }, 'store'],
        [{ store: { readAll: () => [] } }, 'store'],
        [{ handle: 'send' }, 'handle'],
        [{ fromPosition: -3 }, 'fromPosition'],
        [{ fromPosition: Number.NaN }, 'fromPosition'],
        [{ batchSize: 0 }, 'batchSize'],
        [{ batchSize: 1e9 }, 'batchSize'],
        [{ batchSize: 2.5 }, 'batchSize'],
        [{ types: 'task.added' }, 'types'],
        [{ types: ['task.nope'] }, 'types.0'],
        [{ maxAttempts: 0 }, 'maxAttempts'],
        [{ backoffMs: -1 }, 'backoffMs'],
        [{ leaseMs: Number.POSITIVE_INFINITY }, 'leaseMs'],
        [{ pollMs: 0 }, 'pollMs'],
        [{ clock: {} }, 'clock'],
        [{ timers: { setTimeout: 1 } }, 'timers'],
        [{ onError: 'log' }, 'onError'],
        [{ batch: 10 }, 'batch'],
      ];
      for (const [override, field] of cases) {
        let thrown: unknown;
        try {
          startConsumer({ name: 'hostile', store, handle, timers, ...override } as never);
        } catch (error) {
          thrown = error;
        }
        expect(isPlanlogError(thrown, 'VALIDATION') && thrown.field, JSON.stringify(override)).toBe(field);
      }
      expect(await store.consumers!.checkpoint('hostile')).toBeNull();
      expect(timers.pending()).toBe(0);
    });
  });
}
