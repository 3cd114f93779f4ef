import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { manualClock, memoryStore, startConsumer, type ConsumerOptions, type EventStore } from '@planlog/core';
import { issueSamplePlan, manualTimers, SAMPLE_LEAD, type ManualTimers } from '@planlog/core/testing';
import { otelHarness } from './otelHarness.js';

let otel: ReturnType<typeof otelHarness>;
let store: EventStore;
let timers: ManualTimers;
let errors: unknown[];
beforeEach(() => {
  otel = otelHarness();
  store = memoryStore();
  timers = manualTimers();
  errors = [];
});
afterEach(async () => {
  await store.close();
  await otel.shutdown();
});

/** The sample plan issued (positions 1 … 4) and its task acknowledged (5). */
async function sampleLog() {
  const sample = await issueSamplePlan(store);
  await sample.engine.acknowledgeTask({ actor: SAMPLE_LEAD, taskId: sample.taskId });
  return sample;
}

function start(options: Partial<ConsumerOptions> & Pick<ConsumerOptions, 'handle'>) {
  return startConsumer({
    name: 'notify-units',
    store,
    timers,
    clock: manualClock('2026-05-01T02:00:00Z'),
    onError: (error) => errors.push(error),
    telemetry: otel.telemetry,
    ...options,
  });
}

describe('telemetry: planlog.consumer.handle', () => {
  it('traces every handler call with the event and the attempt; a failure is an error, the last one parks the event', async () => {
    await sampleLog();
    let broken = true;
    const consumer = start({
      maxAttempts: 2,
      backoffMs: 5,
      handle: (event) => {
        if (broken && event.type === 'task.acknowledged') throw new TypeError('no e-mail address for phong-xay-dung-phap-luat');
      },
    });
    await timers.until(consumer.caughtUp());
    const spans = otel.named('planlog.consumer.handle');
    expect(spans.map((span) => [span.attributes['planlog.position'], span.attributes['planlog.consumer.attempt']])).toEqual([[1, 1], [2, 1], [3, 1], [4, 1], [5, 1], [5, 2]]);
    expect(spans[0]!.attributes).toMatchObject({ 'planlog.consumer': 'notify-units', 'planlog.event.type': 'plan.drafted', 'planlog.outcome': 'ok' });
    expect(spans.slice(0, 4).map((span) => span.status.code)).toEqual([0, 0, 0, 0]);

    const [retried, parked] = spans.slice(4);
    for (const span of [retried!, parked!]) {
      expect(span.attributes).toMatchObject({ 'planlog.event.type': 'task.acknowledged', 'planlog.outcome': 'INTERNAL', 'error.type': 'INTERNAL' });
      expect(span.status).toEqual({ code: 2, message: 'no e-mail address for phong-xay-dung-phap-luat' });
      expect(span.events.map((event) => event.name)).toEqual(['exception']);
    }
    expect(retried!.attributes['planlog.consumer.parked']).toBeUndefined();
    expect(parked!.attributes['planlog.consumer.parked']).toBe(true);
    expect((await consumer.parked()).map((entry) => entry.position)).toEqual([5]);

    broken = false;
    otel.reset();
    await timers.until(consumer.replayParked(5));
    expect(otel.named('planlog.consumer.handle').map((span) => span.attributes)).toEqual([
      expect.objectContaining({ 'planlog.position': 5, 'planlog.consumer.attempt': 3, 'planlog.outcome': 'ok' }),
    ]);
    await timers.until(consumer.stop());
    expect(errors).toEqual([]);
  });

  it('refuses a telemetry option of the wrong shape with VALIDATION', () => {
    expect(() => start({ handle: () => undefined, telemetry: { tracer: {} as never } })).toThrow(expect.objectContaining({ code: 'VALIDATION', field: 'telemetry.tracer' }));
    expect(() => start({ handle: () => undefined, telemetry: 'otel' as never })).toThrow(expect.objectContaining({ code: 'VALIDATION', field: 'telemetry' }));
  });
});

describe('telemetry: planlog.consumer.lag', () => {
  it('reports the events after the checkpoint while the consumer runs the name', async () => {
    await sampleLog(); // 1 … 5
    let reached!: () => void;
    const atThree = new Promise<void>((resolve) => (reached = resolve));
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const consumer = start({
      batchSize: 2,
      handle: async (event) => {
        if (event.position !== 3) return;
        reached();
        await gate;
      },
    });
    await timers.until(atThree); // 1 and 2 checkpointed; the handler holds 3
    expect((await otel.points('planlog.consumer.lag')).map((point) => [point.attributes, point.value])).toEqual([[{ 'planlog.consumer': 'notify-units' }, 3]]);

    release();
    await timers.until(consumer.caughtUp());
    expect((await otel.points('planlog.consumer.lag')).map((point) => point.value)).toEqual([0]);
    await timers.until(consumer.stop());
  });

  it('observes nothing for a name once its instance stops (another instance may run it)', async () => {
    // A meter of OpenTelemetry's shape that shows what the gauge's callback observes when collected
    // (the SDK's cumulative exports repeat a series' last value after it is no longer observed).
    const callbacks: ((result: { observe(value: number, attributes?: Record<string, unknown>): void }) => void)[] = [];
    const instrument = { record: () => undefined, add: () => undefined };
    const meter = {
      createHistogram: () => instrument,
      createCounter: () => instrument,
      createObservableGauge: () => ({ addCallback: (callback: (typeof callbacks)[number]) => void callbacks.push(callback) }),
    };
    const observed = () => {
      const seen: [unknown, number][] = [];
      for (const callback of callbacks) callback({ observe: (value, attributes) => void seen.push([attributes, value]) });
      return seen;
    };
    await sampleLog();
    const consumer = start({ handle: () => undefined, telemetry: { meter } });
    await timers.until(consumer.caughtUp());
    expect(observed()).toEqual([[{ 'planlog.consumer': 'notify-units' }, 0]]);
    await timers.until(consumer.stop());
    expect(observed()).toEqual([]);
  });
});
