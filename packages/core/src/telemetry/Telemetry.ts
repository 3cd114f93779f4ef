/**
 * What planlog needs of OpenTelemetry, typed by shape: a `Tracer` and a `Meter` from
 * `@opentelemetry/api` (an optional peer dependency) fit these types, and @planlog/core never
 * imports that package, so an app without it pays nothing and loads nothing.
 *
 * ```ts
 * import { metrics, trace } from '@opentelemetry/api';
 * createEngine({ store, telemetry: { tracer: trace.getTracer('@planlog/core'), meter: metrics.getMeter('@planlog/core') } });
 * ```
 */
export type Telemetry = {
  /** Spans: `planlog.command`, `planlog.append`, `planlog.tick`, `planlog.projection.catch_up`, `planlog.consumer.handle`. */
  tracer?: TelemetryTracer;
  /** Metrics: `planlog.command.duration`, `planlog.events.appended`, `planlog.events.overdue`, `planlog.consumer.lag`. */
  meter?: TelemetryMeter;
};

export type TelemetryAttributeValue = string | number | boolean | string[];
export type TelemetryAttributes = Record<string, TelemetryAttributeValue | undefined>;

/** The part of an OpenTelemetry `Span` planlog uses. */
export interface TelemetrySpan {
  setAttribute(key: string, value: TelemetryAttributeValue): unknown;
  setAttributes(attributes: TelemetryAttributes): unknown;
  /** `code`: OpenTelemetry's `SpanStatusCode` (2 is `ERROR`). */
  setStatus(status: { code: number; message?: string }): unknown;
  recordException(exception: Error | string): void;
  end(): void;
}

/** The part of an OpenTelemetry `Tracer` planlog uses: a span made active for the work it wraps (children nest under it). */
export interface TelemetryTracer {
  startActiveSpan<F extends (span: TelemetrySpan) => unknown>(name: string, options: { attributes?: TelemetryAttributes }, fn: F): ReturnType<F>;
}

type InstrumentOptions = { description?: string; unit?: string; advice?: { explicitBucketBoundaries?: number[] } };

/** The part of an OpenTelemetry `Meter` planlog uses. */
export interface TelemetryMeter {
  createHistogram(name: string, options?: InstrumentOptions): { record(value: number, attributes?: TelemetryAttributes): void };
  createCounter(name: string, options?: InstrumentOptions): { add(value: number, attributes?: TelemetryAttributes): void };
  createObservableGauge(
    name: string,
    options?: InstrumentOptions,
  ): { addCallback(callback: (result: { observe(value: number, attributes?: TelemetryAttributes): void }) => void): void };
}
