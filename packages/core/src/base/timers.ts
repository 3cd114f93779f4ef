/**
 * Waiting as an input, beside `Clock`: what a subscription or a consumer waits on (a poll, a retry's
 * backoff, a lease renewal) is scheduled through these, so a test can run them by hand
 * (`manualTimers()` in `@planlog/core/testing`) instead of sleeping.
 */
export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** The runtime's own timers. */
export function systemTimers(): Timers {
  return {
    setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
    clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
  };
}
