import { PlanlogError } from './errors.js';
import { FIRST_YEAR, LAST_YEAR } from './yearRange.js';

/** Time as an input: every decision reads `now()` from a clock. */
export interface Clock {
  now(): Date;
}

/** A clock a test or simulation moves by hand. */
export interface ManualClock extends Clock {
  set(to: Date | string): void;
  advance(ms: number): void;
}

/** The instants a manual clock may show: the years 1900–2200 of the commands it times (design §3.2). */
const EARLIEST = Date.UTC(FIRST_YEAR, 0, 1);
const LATEST = Date.UTC(LAST_YEAR + 1, 0, 1) - 1;

function checkRange(ms: number, field: string): Date {
  if (!(ms >= EARLIEST && ms <= LATEST)) {
    throw new PlanlogError('VALIDATION', `${field}: the clock must stay within the years ${FIRST_YEAR}–${LAST_YEAR}`, { field });
  }
  return new Date(ms);
}

function toDate(value: Date | string, field: string): Date {
  const ms = typeof value === 'string' ? Date.parse(value) : value instanceof Date ? value.getTime() : Number.NaN;
  if (Number.isNaN(ms)) throw new PlanlogError('VALIDATION', `${field}: not a valid Date or ISO instant`, { field });
  return checkRange(ms, field);
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
      if (typeof ms !== 'number' || !Number.isFinite(ms)) throw new PlanlogError('VALIDATION', 'ms: must be a finite number', { field: 'ms' });
      current = checkRange(current.getTime() + ms, 'ms');
    },
  };
}
