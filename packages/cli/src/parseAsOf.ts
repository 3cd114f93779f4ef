import { PlanlogError, localMidnight } from '@planlog/core';

/** What `--as-of` names: a global position, or an instant (with how it was read, for the user). */
export type AsOf = { position: number } | { instant: Date; meaning: string };

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i;

function bad(value: string): PlanlogError {
  return new PlanlogError(
    'VALIDATION',
    `--as-of: cannot read "${value}": give a date (2026-06-30, the end of that day in the plan's time zone), an ISO instant with its offset (2026-06-30T17:00:00+07:00) or a log position (1234)`,
    { field: 'asOf' },
  );
}

/**
 * Read `--as-of`: `2026-06-30` is the end of that local day in `timeZone` (every event recorded before
 * the next midnight there), `2026-06-30T12:00:00+07:00` an instant, `1234` a global position.
 */
export function parseAsOf(value: string, timeZone: string): AsOf {
  const text = value.trim();
  if (/^\d+$/.test(text)) return { position: Number(text) };
  const date = DATE.exec(text);
  if (date) {
    const [year, month, day] = [Number(date[1]), Number(date[2]), Number(date[3])];
    const check = new Date(Date.UTC(year, month - 1, day));
    if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) throw bad(value);
    const nextMidnight = localMidnight(year, month, day + 1, timeZone);
    return { instant: new Date(nextMidnight.getTime() - 1), meaning: `end of ${text} (${timeZone})` };
  }
  if (INSTANT.test(text)) {
    const instant = new Date(text);
    if (!Number.isNaN(instant.getTime())) return { instant, meaning: instant.toISOString() };
  }
  throw bad(value);
}
