import { dateOfJulianDay, julianDay } from './lunarCalendar.js';

/** The date (YYYY-MM-DD) `days` after `on` (may be negative). */
export function addDays(on: string, days: number): string {
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  return dateOfJulianDay(julianDay(y, m, d) + days);
}
