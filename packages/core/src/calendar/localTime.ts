import { utcMs as utcOf } from '../base/utcMs.js';

/** The agencies' own time zone, used unless a plan says otherwise. */
export const DEFAULT_TIME_ZONE = 'Asia/Ho_Chi_Minh';

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();

/** Minutes east of UTC of `timeZone` at the instant `utcMs`. */
function offsetMinutes(utcMs: number, timeZone: string): number {
  let format = offsetFormatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    offsetFormatters.set(timeZone, format);
  }
  const parts: Record<string, number> = {};
  for (const part of format.formatToParts(new Date(utcMs))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const asUtc = utcOf(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
  return Math.round((asUtc - Math.floor(utcMs / 1000) * 1000) / 60_000);
}

/** The instant of local midnight starting day `day` of month `month` (1-based, may overflow) in `timeZone`. */
export function localMidnight(year: number, month: number, day: number, timeZone: string): Date {
  const wall = utcOf(year, month - 1, day);
  let utc = wall - offsetMinutes(wall, timeZone) * 60_000;
  // A second pass settles the offset when a zone changes it near that midnight.
  utc = wall - offsetMinutes(utc, timeZone) * 60_000;
  return new Date(utc);
}

/** The local calendar date (YYYY-MM-DD) of an instant in a time zone. */
export function localDate(instant: Date | string, timeZone: string = DEFAULT_TIME_ZONE): string {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);
}
