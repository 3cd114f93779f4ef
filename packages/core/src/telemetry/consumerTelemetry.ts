import { PlanlogError } from '../base/errors.js';
import type { StoredEvent } from '../schemas/events.js';
import type { EventStore } from '../store/EventStore.js';
import { inSpan } from './inSpan.js';
import { instrumentsOf } from './instrumentsOf.js';
import type { Telemetry } from './Telemetry.js';

/** A durable consumer's instrumented steps; `startConsumer` makes one only when it is given `telemetry`. */
export type ConsumerTelemetry = {
  /** One call of the handler in a `planlog.consumer.handle` span; `lastAttempt`: a failure parks the event. */
  handle(event: StoredEvent, attempt: number, lastAttempt: boolean, call: () => unknown): Promise<unknown>;
  /** Measure the lag (events in the log after `checkpoint`) for the `planlog.consumer.lag` gauge. */
  measureLag(checkpoint: number): Promise<void>;
  /** This instance no longer runs the name (stopped, or the lease went elsewhere): its lag leaves the gauge. */
  forget(): void;
};

const hasFunctions = (value: unknown, names: readonly string[]) =>
  typeof value === 'object' && value !== null && names.every((name) => typeof (value as Record<string, unknown>)[name] === 'function');

/** The `telemetry` option of `startConsumer`, checked: VALIDATION unless it is `{ tracer?, meter? }` of the right shape. */
export function telemetryArgument(value: unknown): Telemetry {
  const refuse = (field: string, what: string) => new PlanlogError('VALIDATION', `${field}: must be ${what}`, { field });
  if (typeof value !== 'object' || value === null) throw refuse('telemetry', 'an object { tracer?, meter? }');
  const { tracer, meter } = value as Telemetry;
  if (tracer !== undefined && !hasFunctions(tracer, ['startActiveSpan'])) throw refuse('telemetry.tracer', 'an OpenTelemetry Tracer');
  if (meter !== undefined && !hasFunctions(meter, ['createHistogram', 'createCounter', 'createObservableGauge'])) {
    throw refuse('telemetry.meter', 'an OpenTelemetry Meter');
  }
  return { ...(tracer ? { tracer } : {}), ...(meter ? { meter } : {}) };
}

export function consumerTelemetry(telemetry: Telemetry, consumer: string, store: EventStore): ConsumerTelemetry {
  const { tracer, meter } = instrumentsOf(telemetry);
  const owner = {};
  return {
    handle(event, attempt, lastAttempt, call) {
      return inSpan(
        tracer,
        'planlog.consumer.handle',
        {
          'planlog.consumer': consumer,
          'planlog.consumer.attempt': attempt,
          'planlog.event.type': event.type,
          'planlog.event.id': event.id,
          'planlog.position': event.position,
        },
        async (span) => {
          try {
            return await call();
          } catch (error) {
            if (lastAttempt) span.setAttribute('planlog.consumer.parked', true);
            throw error;
          }
        },
        // Whatever the handler throws is a failure of the handler, PlanlogError or not.
        () => true,
      );
    },
    async measureLag(checkpoint) {
      if (meter === null) return;
      // Telemetry only: a store failing here fails the consumer's next read, which reports it.
      const head = await store.headPosition().catch(() => null);
      if (head !== null) meter.consumerLag.set(consumer, { owner, lag: Math.max(0, head - checkpoint) });
    },
    forget() {
      if (meter?.consumerLag.get(consumer)?.owner === owner) meter.consumerLag.delete(consumer);
    },
  };
}
