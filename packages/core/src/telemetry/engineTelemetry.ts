import type { Clock } from '../base/clock.js';
import type { CommandName } from '../schemas/commands.js';
import type { StoredEvent } from '../schemas/events.js';
import type { EventStore } from '../store/EventStore.js';
import { inSpan, outcomeOf } from './inSpan.js';
import { instrumentsOf } from './instrumentsOf.js';
import type { Telemetry, TelemetryAttributes } from './Telemetry.js';

/** What a command run reports to its span while it runs: how often it was decided again after a `CONFLICT`. */
export type CommandProbe = { retries: number };

/** The engine's instrumented steps; `createEngine` makes one only when it is given `telemetry`. */
export type EngineTelemetry = {
  /** A `planlog.command` span around one command, and its duration in `planlog.command.duration`. */
  command<R extends { position: number }>(name: CommandName, input: unknown, run: (probe: CommandProbe) => Promise<R>): Promise<R>;
  /** The store's `appendMany` in a `planlog.append` span, counting what it appended. */
  appendMany(store: EventStore): EventStore['appendMany'];
  /** A `planlog.tick` span around one tick. */
  tick(clock: Clock, run: () => Promise<StoredEvent[]>): Promise<StoredEvent[]>;
};

/** Ids longer than this are cut in span attributes (a refused command's input can be anything). */
const MAX_ID_LENGTH = 200;

/** The plan, task and command ids a command's input or result names, as span attributes. */
function idsOf(value: unknown): TelemetryAttributes {
  if (typeof value !== 'object' || value === null) return {};
  const attributes: TelemetryAttributes = {};
  for (const [key, name] of [
    ['planId', 'planlog.plan_id'],
    ['taskId', 'planlog.task_id'],
    ['commandId', 'planlog.command_id'],
  ] as const) {
    const id = (value as Record<string, unknown>)[key];
    if (typeof id === 'string') attributes[name] = id.slice(0, MAX_ID_LENGTH);
  }
  return attributes;
}

/** How many of each event type, for the counters. */
function countByType(events: readonly StoredEvent[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const event of events) counts.set(event.type, (counts.get(event.type) ?? 0) + 1);
  return counts;
}

export function engineTelemetry(telemetry: Telemetry): EngineTelemetry {
  const { tracer, meter } = instrumentsOf(telemetry);
  return {
    async command(name, input, run) {
      const started = performance.now();
      const probe: CommandProbe = { retries: 0 };
      let outcome = 'ok';
      try {
        return await inSpan(tracer, 'planlog.command', { 'planlog.command': name, ...idsOf(input) }, async (span) => {
          try {
            const result = await run(probe);
            span.setAttributes({ ...idsOf(result), 'planlog.position': result.position });
            return result;
          } finally {
            span.setAttribute('planlog.retries', probe.retries);
          }
        });
      } catch (error) {
        outcome = outcomeOf(error);
        throw error;
      } finally {
        meter?.commandDuration.record((performance.now() - started) / 1000, { 'planlog.command': name, 'planlog.outcome': outcome });
      }
    },

    appendMany(store) {
      return (appends, options) =>
        inSpan(
          tracer,
          'planlog.append',
          {
            'planlog.events': appends.reduce((sum, append) => sum + append.events.length, 0),
            'planlog.stream_ids': appends.map((append) => append.streamId),
          },
          async (span) => {
            const results = await store.appendMany(appends, options);
            const events = results.flatMap((result) => result.events);
            const last = events.reduce((position, event) => Math.max(position, event.position), 0);
            if (last > 0) span.setAttribute('planlog.position', last);
            for (const [type, count] of countByType(events)) {
              meter?.appendedEvents.add(count, { 'planlog.event.type': type });
              if (type === 'task.overdue' || type === 'report.overdue') meter?.overdueEvents.add(count, { 'planlog.event.type': type });
            }
            return results;
          },
        );
    },

    tick(clock, run) {
      return inSpan(tracer, 'planlog.tick', { 'planlog.tick.at': clock.now().toISOString() }, async (span) => {
        const appended = await run();
        span.setAttribute('planlog.events', appended.length);
        return appended;
      });
    },
  };
}
