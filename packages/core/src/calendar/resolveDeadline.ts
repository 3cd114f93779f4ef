import type { Deadline } from '../schemas/primitives.js';
import { DEFAULT_TIME_ZONE, localMidnight } from './localTime.js';

/**
 * The due instant of a deadline: the first instant at which work is late, in the plan's time zone.
 * "Quý II/2026" → 2026-07-01 00:00 local (2026-06-30T17:00:00Z); "trước ngày 25/5" (before) → 25 May
 * 00:00 local; a plain date → the end of that day. Ongoing work ("thường xuyên") has none: `null`.
 */
export function resolveDeadline(deadline: Deadline, timeZone: string = DEFAULT_TIME_ZONE): Date | null {
  switch (deadline.kind) {
    case 'date': {
      const [year, month, day] = deadline.on.split('-').map(Number) as [number, number, number];
      return localMidnight(year, month, deadline.before ? day : day + 1, timeZone);
    }
    case 'month':
      return localMidnight(deadline.year, deadline.month + 1, 1, timeZone);
    case 'quarter':
      return localMidnight(deadline.year, deadline.quarter * 3 + 1, 1, timeZone);
    case 'half':
      return localMidnight(deadline.year, deadline.half * 6 + 1, 1, timeZone);
    case 'year':
      return localMidnight(deadline.year + 1, 1, 1, timeZone);
    case 'ongoing':
      return null;
  }
}

/** `resolveDeadline` as an ISO string, or null for ongoing work. */
export function dueAtOf(deadline: Deadline, timeZone: string = DEFAULT_TIME_ZONE): string | null {
  return resolveDeadline(deadline, timeZone)?.toISOString() ?? null;
}

