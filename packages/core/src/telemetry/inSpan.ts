import { isPlanlogError } from '../base/errors.js';
import type { TelemetryAttributes, TelemetrySpan, TelemetryTracer } from './Telemetry.js';

/** OpenTelemetry's `SpanStatusCode.ERROR`. */
export const STATUS_ERROR = 2;

/** How an operation ended: 'ok', the `PlanlogError` code, or 'INTERNAL' for any other error. */
export function outcomeOf(error?: unknown): string {
  if (error === undefined) return 'ok';
  return isPlanlogError(error) ? error.code : 'INTERNAL';
}

/** A refusal the caller caused (bad input, an unknown id, a rule): the span keeps its status unset, as for an HTTP 4xx. */
function isRefusal(error: unknown): boolean {
  return isPlanlogError(error) && error.code !== 'STORE';
}

const noSpan: TelemetrySpan = {
  setAttribute: () => undefined,
  setAttributes: () => undefined,
  setStatus: () => undefined,
  recordException: () => undefined,
  end: () => undefined,
};

/**
 * Runs `work` in an active span named `name` (or without a span when there is no tracer). The span
 * gets `planlog.outcome` ('ok' or the error's code); an error also sets `error.type`, and one that
 * is not a refusal (`STORE`, or not a PlanlogError; or as `isFailure` says) is recorded on the span
 * with status ERROR. The error is rethrown as it was.
 */
export function inSpan<T>(
  tracer: TelemetryTracer | null,
  name: string,
  attributes: TelemetryAttributes,
  work: (span: TelemetrySpan) => Promise<T>,
  /** Which errors set status ERROR (default: all but refusals). */
  isFailure: (error: unknown) => boolean = (error) => !isRefusal(error),
): Promise<T> {
  if (tracer === null) return work(noSpan);
  return tracer.startActiveSpan(name, { attributes }, async (span) => {
    try {
      const result = await work(span);
      span.setAttribute('planlog.outcome', 'ok');
      return result;
    } catch (error) {
      const outcome = outcomeOf(error);
      span.setAttributes({ 'planlog.outcome': outcome, 'error.type': outcome });
      if (isFailure(error)) {
        span.recordException(error instanceof Error ? error : String(error));
        span.setStatus({ code: STATUS_ERROR, message: error instanceof Error ? error.message : String(error) });
      }
      throw error;
    } finally {
      span.end();
    }
  });
}
