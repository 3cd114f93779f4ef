import { PlanlogError } from './errors.js';

/** Time as an input: every decision reads `now()` from a clock. */
export interface Clock {
  now(): Date;
}

/** A clock a test or simulation moves by hand. */
export interface ManualClock extends Clock {
  set(to: Date | string): void;
  advance(ms: number): void;
}

function toDate(value: Date | string, field: string): Date {
  const date = typeof value === 'string' ? new Date(value) : new Date(value.getTime());
  if (Number.isNaN(date.getTime())) throw new PlanlogError('VALIDATION', `${field}: not a valid date or ISO instant`, { field });
  return date;
}

/** The machine's own time. */
export function systemClock(): Clock {
  return { now: () => new Date() };
}

/** A clock that only moves when told: `set(instant)` or `advance(ms)`. */
export function manualClock(start: Date | string): ManualClock {
  let current = toDate(start, 'start');
  return {
    now: () => new Date(current.getTime()),
    set(to) {
      current = toDate(to, 'to');
    },
    advance(ms) {
      if (!Number.isFinite(ms)) throw new PlanlogError('VALIDATION', 'ms: must be a finite number', { field: 'ms' });
      current = new Date(current.getTime() + ms);
    },
  };
}
