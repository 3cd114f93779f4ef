import { addDays } from './addDays.js';
import { isWeekend, vietnamHolidays, type Holiday } from './vietnamHolidays.js';

/** Which local dates (YYYY-MM-DD) are working days. */
export type WorkingDayCalendar = { isWorkingDay(on: string): boolean };

/**
 * What the government announces for a year beyond the law's own days (thông báo nghỉ lễ, tết of the
 * Ministry of Home Affairs, after the Prime Minister's decision): `daysOff`, working days given off
 * (a bridge day swapped for a Saturday, the days of Tết when they differ from the default);
 * `workDays`, days worked although the computed calendar has them off (the Saturday worked in
 * exchange, a computed day the announcement does not give).
 */
export type AnnouncedDays = { daysOff?: readonly string[]; workDays?: readonly string[] };

export type VietnamWorkingDaysOptions = {
  /** The announcements, by year: `{ 2025: { daysOff: ['2025-01-27'], workDays: ['2025-02-08'] } }`. */
  announced?: Readonly<Record<number, AnnouncedDays>>;
  /** The holidays of a year (default `vietnamHolidays`: the Labour Code's days and the weekend rule). */
  holidays?: (year: number) => readonly Holiday[];
};

/**
 * Vietnam's working days for state agencies: Monday to Friday, except the public holidays of the
 * Labour Code 2019 (Art. 112, with the compensatory day of Art. 111(3)) and the days each year's
 * announcement gives off; a day announced as worked is a working day whatever it is.
 */
export function vietnamWorkingDays(options: VietnamWorkingDaysOptions = {}): WorkingDayCalendar {
  const holidaysOf = options.holidays ?? vietnamHolidays;
  const years = new Map<number, { off: Set<string>; work: Set<string> }>();
  function year(on: string): { off: Set<string>; work: Set<string> } {
    const y = Number(on.slice(0, 4));
    let entry = years.get(y);
    if (!entry) {
      const announced = options.announced?.[y] ?? {};
      entry = { off: new Set([...holidaysOf(y).map((holiday) => holiday.on), ...(announced.daysOff ?? [])]), work: new Set(announced.workDays ?? []) };
      years.set(y, entry);
    }
    return entry;
  }
  return {
    isWorkingDay(on) {
      const { off, work } = year(on);
      return work.has(on) || (!isWeekend(on) && !off.has(on));
    },
  };
}

/** The first working day on or after `on`. */
export function workingDayFrom(calendar: WorkingDayCalendar, on: string): string {
  let day = on;
  // A year has at most a few weeks of days off in a row; the bound only guards a calendar with none.
  for (let i = 0; i < 366 && !calendar.isWorkingDay(day); i++) day = addDays(day, 1);
  return day;
}

/** The `count`-th working day after `on` ("02 ngày làm việc sau ngày chốt số liệu": count 2). */
export function addWorkingDays(calendar: WorkingDayCalendar, on: string, count: number): string {
  let day = on;
  for (let i = 0; i < count; i++) day = workingDayFrom(calendar, addDays(day, 1));
  return day;
}
