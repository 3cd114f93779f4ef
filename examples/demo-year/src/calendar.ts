import { DEFAULT_TIME_ZONE, localMidnight } from '@planlog/core';

const DAY_MS = 86_400_000;

/** Days of the simulation counted from a local date; Asia/Ho_Chi_Minh has no daylight saving. */
export type Calendar = {
  /** The instant of `hour`:00 local time on day `day`. */
  at(day: number, hour?: number): Date;
  /** The day an instant falls on (local). */
  dayOf(instant: string | Date): number;
  /** The day of a local date (month 1-based). */
  day(year: number, month: number, dayOfMonth: number): number;
};

export function calendar(start: { year: number; month: number; day: number }, timeZone = DEFAULT_TIME_ZONE): Calendar {
  const origin = localMidnight(start.year, start.month, start.day, timeZone).getTime();
  return {
    at: (day, hour = 0) => new Date(origin + day * DAY_MS + hour * 3_600_000),
    dayOf: (instant) => Math.floor((new Date(instant).getTime() - origin) / DAY_MS),
    day: (year, month, dayOfMonth) => Math.round((localMidnight(year, month, dayOfMonth, timeZone).getTime() - origin) / DAY_MS),
  };
}
