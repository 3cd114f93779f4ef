import { localMidnight } from './resolveDeadline.js';
import { utcMs } from './utcMs.js';
import type { ReportingRule } from './schemas/primitives.js';

export type PeriodicKind = Exclude<ReportingRule['period'], 'ad-hoc'>;

/** One reporting period: its data window (local dates, inclusive) and a Vietnamese label. */
export type ReportingPeriod = { kind: PeriodicKind; key: string; label: string; from: string; to: string };

/** The periods of one kind whose window closes in `year`. */
export type ReportingCalendar = Record<PeriodicKind, (year: number) => ReportingPeriod[]>;

const ROMAN = ['I', 'II', 'III', 'IV'];

function ymd(year: number, month: number, day: number): string {
  const date = new Date(utcMs(year, month - 1, day));
  return date.toISOString().slice(0, 10);
}

/** A window from the 15th of the month before `fromMonth` to the 14th of `toMonth` (months may run back into last year). */
function window(year: number, fromMonth: number, toMonth: number): Pick<ReportingPeriod, 'from' | 'to'> {
  return { from: ymd(year, fromMonth - 1, 15), to: ymd(year, toMonth, 14) };
}

/**
 * The reporting periods of Decree 09/2019/NĐ-CP (Art. 12): monthly from the 15th of the previous
 * month to the 14th; quarterly from the 15th of the month before the quarter to the 14th of its last
 * month; 6-month from 15 December to 14 June; 9-month from 15 December to 14 September; annual from
 * 15 December to 14 December.
 */
export const decree09Calendar: ReportingCalendar = {
  month: (year) =>
    Array.from({ length: 12 }, (_, i) => ({ kind: 'month', key: `${year}-M${i + 1}`, label: `Tháng ${i + 1}/${year}`, ...window(year, i + 1, i + 1) })),
  quarter: (year) =>
    Array.from({ length: 4 }, (_, i) => ({
      kind: 'quarter',
      key: `${year}-Q${i + 1}`,
      label: `Quý ${ROMAN[i]}/${year}`,
      ...window(year, 3 * i + 1, 3 * i + 3),
    })),
  half: (year) => [{ kind: 'half', key: `${year}-H1`, label: `6 tháng đầu năm ${year}`, ...window(year, 1, 6) }],
  'nine-months': (year) => [{ kind: 'nine-months', key: `${year}-9M`, label: `9 tháng năm ${year}`, ...window(year, 1, 9) }],
  year: (year) => [{ kind: 'year', key: `${year}-Y`, label: `Năm ${year}`, ...window(year, 1, 12) }],
};

/** The instant a period opens (00:00 local of its first day). */
export function periodOpensAt(period: ReportingPeriod, timeZone: string): Date {
  const [year, month, day] = period.from.split('-').map(Number) as [number, number, number];
  return localMidnight(year, month, day, timeZone);
}

/**
 * When a period's report is due: the plan's own due date when its rule has one ("trước ngày 25
 * tháng 5": 25 May 00:00 local; without `before`, the end of that day), in the year the period
 * closes; otherwise the end of the period's last day.
 */
export function periodDueAt(period: ReportingPeriod, rule: Pick<ReportingRule, 'due'>, timeZone: string): Date {
  const year = Number(period.to.slice(0, 4));
  if (rule.due) return localMidnight(year, rule.due.month, rule.due.before ? rule.due.day : rule.due.day + 1, timeZone);
  const [, month, day] = period.to.split('-').map(Number) as [number, number, number];
  return localMidnight(year, month, day + 1, timeZone);
}
