import { isPlanlogError, type ErrorCode } from '../base/errors.js';

/**
 * The answer of `engine.can(command, input)`: whether the command would be accepted now, or the
 * refusal it would get (its `code`, `field` and message as `reason`). Nothing is appended either way.
 */
export type Verdict = { ok: true } | { ok: false; code: ErrorCode; field: string | null; reason: string };

/** A refusal as a verdict; anything that is not a PlanlogError is thrown again (a store that fails is no answer). */
export function refusalVerdict(error: unknown): Verdict {
  if (!isPlanlogError(error)) throw error;
  return { ok: false, code: error.code, field: error.field ?? null, reason: error.message };
}
