/** Milliseconds in 400 Gregorian years: the calendar repeats itself every 400 years. */
const FOUR_CENTURIES_MS = 146_097 * 86_400_000;

/**
 * `Date.UTC` for every year: `Date.UTC` reads the years 0–99 as 1900–1999 (its two-digit rule), so
 * `0026-05-25` would fall in 1926. Those years are taken 400 years later and moved back.
 */
export function utcMs(year: number, monthIndex: number, day = 1, hours = 0, minutes = 0, seconds = 0): number {
  if (year >= 0 && year < 100) return Date.UTC(year + 400, monthIndex, day, hours, minutes, seconds) - FOUR_CENTURIES_MS;
  return Date.UTC(year, monthIndex, day, hours, minutes, seconds);
}
