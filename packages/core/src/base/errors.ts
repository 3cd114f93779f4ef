/** Stable refusal codes (design §3). */
export type ErrorCode = 'VALIDATION' | 'NOT_FOUND' | 'CONFLICT' | 'ILLEGAL_TRANSITION' | 'FORBIDDEN' | 'STORE';

/**
 * The brand every PlanlogError carries. `Symbol.for` gives the same symbol to every copy of
 * @planlog/core in a process (two versions installed side by side, the ESM and the CommonJS build,
 * a bundled copy), so `isPlanlogError` recognises an error thrown by any of them, where
 * `instanceof` knows only its own copy's class.
 */
const BRAND = Symbol.for('planlog.error');

const CODES: ReadonlySet<string> = new Set<ErrorCode>(['VALIDATION', 'NOT_FOUND', 'CONFLICT', 'ILLEGAL_TRANSITION', 'FORBIDDEN', 'STORE']);

/**
 * The one error type planlog throws. `code` is stable across versions; `field` names the input
 * field at fault (dotted path) when there is one.
 */
export class PlanlogError extends Error {
  readonly code: ErrorCode;
  readonly field?: string;
  readonly details?: Record<string, unknown>;

  static {
    // On the prototype, not on each instance: the brand is not among an error's own keys (JSON, logs, deep equality in tests).
    Object.defineProperty(this.prototype, BRAND, { value: true });
  }

  constructor(code: ErrorCode, message: string, options: { field?: string; details?: Record<string, unknown>; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'PlanlogError';
    this.code = code;
    if (options.field !== undefined) this.field = options.field;
    if (options.details !== undefined) this.details = options.details;
  }
}


/**
 * Whether `error` is a PlanlogError (of `code`, when given), from this copy of @planlog/core or any
 * other in the process: it carries the `Symbol.for('planlog.error')` brand and a known code.
 */
export function isPlanlogError(error: unknown, code?: ErrorCode): error is PlanlogError {
  if (typeof error !== 'object' || error === null || Reflect.get(error, BRAND) !== true) return false;
  const found = (error as { code?: unknown }).code;
  return typeof found === 'string' && CODES.has(found) && (code === undefined || found === code);
}
