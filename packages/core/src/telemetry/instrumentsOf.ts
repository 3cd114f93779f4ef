import type { Telemetry, TelemetryAttributes, TelemetryMeter, TelemetryTracer } from './Telemetry.js';

/** The metric instruments of one meter (made once per meter, shared by every engine and consumer given it). */
export type MeterInstruments = {
  commandDuration: { record(value: number, attributes?: TelemetryAttributes): void };
  appendedEvents: { add(value: number, attributes?: TelemetryAttributes): void };
  overdueEvents: { add(value: number, attributes?: TelemetryAttributes): void };
  /**
   * The last lag measured by each consumer name's running instance (`owner`: the instance); the
   * `planlog.consumer.lag` gauge reports them.
   */
  consumerLag: Map<string, { owner: object; lag: number }>;
};

export type Instruments = { tracer: TelemetryTracer | null; meter: MeterInstruments | null };

/** Boundaries in seconds for command durations (OpenTelemetry's advice for request durations). */
const DURATION_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 10];

const byMeter = new WeakMap<TelemetryMeter, MeterInstruments>();

function meterInstruments(meter: TelemetryMeter): MeterInstruments {
  const known = byMeter.get(meter);
  if (known) return known;
  const consumerLag: MeterInstruments['consumerLag'] = new Map();
  meter
    .createObservableGauge('planlog.consumer.lag', {
      description: 'Events in the log after the checkpoint of a durable consumer',
      unit: '{event}',
    })
    .addCallback((result) => {
      for (const [consumer, { lag }] of consumerLag) result.observe(lag, { 'planlog.consumer': consumer });
    });
  const made: MeterInstruments = {
    commandDuration: meter.createHistogram('planlog.command.duration', {
      description: 'Time from a command call to its result or refusal',
      unit: 's',
      advice: { explicitBucketBoundaries: DURATION_BUCKETS },
    }),
    appendedEvents: meter.createCounter('planlog.events.appended', { description: 'Events appended to the log', unit: '{event}' }),
    overdueEvents: meter.createCounter('planlog.events.overdue', {
      description: 'task.overdue and report.overdue events appended',
      unit: '{event}',
    }),
    consumerLag,
  };
  byMeter.set(meter, made);
  return made;
}

/** The tracer and the metric instruments of a `telemetry` option. */
export function instrumentsOf(telemetry: Telemetry): Instruments {
  return { tracer: telemetry.tracer ?? null, meter: telemetry.meter ? meterInstruments(telemetry.meter) : null };
}
