import type { CatchUpResult } from './ProjectionRunner.js';
import { inSpan, STATUS_ERROR } from '../telemetry/inSpan.js';
import { instrumentsOf } from '../telemetry/instrumentsOf.js';
import type { Telemetry } from '../telemetry/Telemetry.js';

/**
 * One projection catch-up in a `planlog.projection.catch_up` span: the position reached, and the
 * projections that stopped at an event (status ERROR, with their messages).
 */
export function tracedCatchUp(telemetry: Telemetry, run: () => Promise<CatchUpResult>): Promise<CatchUpResult> {
  return inSpan(instrumentsOf(telemetry).tracer, 'planlog.projection.catch_up', {}, async (span) => {
    const result = await run();
    span.setAttributes({ 'planlog.position': result.position, 'planlog.projection.failed': result.failed.map((failure) => failure.projection) });
    if (result.failed.length > 0) {
      span.setStatus({
        code: STATUS_ERROR,
        message: result.failed.map((failure) => `${failure.projection} at ${failure.position}: ${failure.message}`).join('; '),
      });
    }
    return result;
  });
}
