/** Stable refusal codes (design §3). */
export type ErrorCode = 'VALIDATION' | 'NOT_FOUND' | 'CONFLICT' | 'ILLEGAL_TRANSITION' | 'FORBIDDEN' | 'STORE';

/**
 * The one error type planlog throws. `code` is stable across versions; `field` names the input
 * field at fault (dotted path) when there is one.
 */
export class PlanlogError extends Error {
  readonly code: ErrorCode;
  readonly field?: string;
  readonly details?: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, options: { field?: string; details?: Record<string, unknown>; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'PlanlogError';
    this.code = code;
    if (options.field !== undefined) this.field = options.field;
    if (options.details !== undefined) this.details = options.details;
  }
}

export function isPlanlogError(error: unknown, code?: ErrorCode): error is PlanlogError {
  return error instanceof PlanlogError && (code === undefined || error.code === code);
}
