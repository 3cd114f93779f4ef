import { context } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import {
  AggregationTemporality,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
  type DataPoint,
} from '@opentelemetry/sdk-metrics';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import type { Telemetry } from '@planlog/core';

/**
 * OpenTelemetry's SDK with its in-memory exporters, as an app would set it up (an async-hooks context
 * manager, so spans nest), and the `telemetry` option that hands its tracer and meter to planlog.
 */
export function otelHarness() {
  const contextManager = new AsyncLocalStorageContextManager().enable();
  context.setGlobalContextManager(contextManager);
  const spanExporter = new InMemorySpanExporter();
  const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spanExporter)] });
  const metricExporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
  // Exports only when flushed: the interval is never reached by a test.
  const reader = new PeriodicExportingMetricReader({ exporter: metricExporter, exportIntervalMillis: 3_600_000 });
  const meterProvider = new MeterProvider({ readers: [reader] });
  const telemetry: Telemetry = { tracer: tracerProvider.getTracer('planlog-test'), meter: meterProvider.getMeter('planlog-test') };

  return {
    telemetry,
    /** Finished spans, in the order they ended. */
    spans: (): ReadableSpan[] => spanExporter.getFinishedSpans(),
    named: (name: string): ReadableSpan[] => spanExporter.getFinishedSpans().filter((span) => span.name === name),
    /** The data points of a metric as collected now (cumulative). */
    async points(name: string): Promise<DataPoint<unknown>[]> {
      await reader.forceFlush();
      const latest = metricExporter.getMetrics().at(-1);
      const metric = latest?.scopeMetrics.flatMap((scope) => scope.metrics).find((candidate) => candidate.descriptor.name === name);
      return (metric?.dataPoints ?? []) as DataPoint<unknown>[];
    },
    reset(): void {
      spanExporter.reset();
    },
    async shutdown(): Promise<void> {
      await Promise.all([tracerProvider.shutdown(), meterProvider.shutdown()]);
      context.disable();
    },
  };
}
