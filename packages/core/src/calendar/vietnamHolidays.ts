import { addDays } from './addDays.js';
import { lunarNewYear, lunarToSolar } from './lunarCalendar.js';

/** One public holiday (ngày nghỉ lễ, tết) on a solar date, named as the law names it. */
export type Holiday = { on: string; name: string };

const dayOfWeek = (on: string): number => new Date(`${on}T00:00:00Z`).getUTCDay();

/** Saturday or Sunday: the weekly rest days of state agencies (Decision 188/1999/QĐ-TTg, the 40-hour week). */
export function isWeekend(on: string): boolean {
  const day = dayOfWeek(on);
  return day === 0 || day === 6;
}

/**
 * The day next to 2 September that the Prime Minister gives with National Day when no year's
 * announcement says otherwise: 1/9 when 2/9 is a Tuesday, Friday or Saturday, else 3/9, as the
 * announcements for 2021–2025 chose (each time the day that makes the longer run of days off).
 */
function nationalDayNeighbour(year: number): string {
  const weekday = dayOfWeek(`${year}-09-02`);
  return [2, 5, 6].includes(weekday) ? `${year}-09-01` : `${year}-09-03`;
}

/**
 * The public holidays of a solar year by the Labour Code 2019 (Law 45/2019/QH14), Art. 112(1): New
 * Year's Day (1/1); Tết, five days (by default the last day of the old lunar year and the first four
 * of the new one: the Prime Minister fixes them each year, Art. 112(3)); Hùng Kings' Commemoration
 * (10/3 lunar); Victory Day (30/4); International Labour Day (1/5); National Day, two days (2/9 and the
 * day before or after it, also fixed each year). Tết and Giỗ Tổ come from the computed lunar calendar.
 * Without the weekend rule and without any year's announcement: see `vietnamWorkingDays`.
 */
export function statutoryHolidays(year: number): Holiday[] {
  const tet = lunarNewYear(year);
  const holidays: Holiday[] = [
    { on: `${year}-01-01`, name: 'Tết Dương lịch' },
    { on: addDays(tet, -1), name: 'Tết Âm lịch (ngày cuối năm)' },
    ...[0, 1, 2, 3].map((days) => ({ on: addDays(tet, days), name: `Tết Âm lịch (mùng ${days + 1})` })),
    { on: lunarToSolar(year, 3, 10)!, name: 'Giỗ Tổ Hùng Vương (10/3 âm lịch)' },
    { on: `${year}-04-30`, name: 'Ngày Chiến thắng' },
    { on: `${year}-05-01`, name: 'Ngày Quốc tế lao động' },
    { on: `${year}-09-02`, name: 'Quốc khánh' },
    { on: nationalDayNeighbour(year), name: 'Quốc khánh (ngày liền kề)' },
  ];
  // Tết falls between 21 January and 20 February, so every day above lies in `year`.
  return holidays.sort((a, b) => a.on.localeCompare(b.on));
}

/**
 * The statutory holidays with the weekend rule of Art. 111(3): a holiday on a Saturday or Sunday
 * gives a compensatory day off (nghỉ bù) on the next working day. Ordered by date.
 */
export function vietnamHolidays(year: number): Holiday[] {
  const holidays = statutoryHolidays(year);
  const off = new Set(holidays.map((holiday) => holiday.on));
  const result = [...holidays];
  for (const holiday of holidays) {
    if (!isWeekend(holiday.on)) continue;
    let day = addDays(holiday.on, 1);
    while (isWeekend(day) || off.has(day)) day = addDays(day, 1);
    off.add(day);
    result.push({ on: day, name: `Nghỉ bù ${holiday.name}` });
  }
  return result.sort((a, b) => a.on.localeCompare(b.on));
}
