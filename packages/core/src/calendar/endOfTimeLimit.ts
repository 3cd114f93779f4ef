import { localDate, localMidnight } from './localTime.js';
import { addDays } from './addDays.js';
import { workingDayFrom, type WorkingDayCalendar } from './workingDays.js';

/**
 * Civil Code 2015 (Law 91/2015/QH13), Art. 148(5): when the last day of a time limit is a weekend day
 * or a public holiday, the limit ends at the end of the next working day. `dueAt` is the first late
 * instant (local midnight after the last day, Art. 148(6)); the result is the same instant moved past
 * the next working day when the last day was a day off, else `dueAt` itself.
 */
export function endOfTimeLimit(dueAt: Date, timeZone: string, calendar: WorkingDayCalendar): Date {
  const lastDay = localDate(new Date(dueAt.getTime() - 1), timeZone);
  const working = workingDayFrom(calendar, lastDay);
  if (working === lastDay) return dueAt;
  const [y, m, d] = addDays(working, 1).split('-').map(Number) as [number, number, number];
  return localMidnight(y, m, d, timeZone);
}
