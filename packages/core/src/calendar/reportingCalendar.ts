import { localMidnight } from './localTime.js';
import { endOfTimeLimit } from './endOfTimeLimit.js';
import { addWorkingDays, vietnamWorkingDays, type WorkingDayCalendar } from './workingDays.js';
import { utcMs } from '../base/utcMs.js';
import type { ReportingRule } from '../schemas/primitives.js';

export type PeriodicKind = Exclude<ReportingRule['period'], 'ad-hoc'>;

/** One reporting period: its data window (local dates, inclusive) and a Vietnamese label. */
export type ReportingPeriod = { kind: PeriodicKind; key: string; label: string; from: string; to: string };

/**
 * The periods of one kind whose window closes in `year`. A calendar of one's own keys its halves
 * `YYYY-H1` and `YYYY-H2`: a rule picks its half by that key (`periodsOfRule`).
 */
export type ReportingCalendar = Record<PeriodicKind, (year: number) => ReportingPeriod[]>;

/**
 * Days from the data cut-off to the default due instant, for a rule that names no due date: 5, so
 * a period cut off at the end of the 14th is due at 00:00 of the 20th ("trước ngày 20"). The
 * regulations give a few days after the cut-off (see docs/concepts.md, "Reporting periods and dues").
 */
export const DEFAULT_REPORT_DUE_LAG_DAYS = 5;

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
 * The data windows (thời gian chốt số liệu) of Decree 09/2019/NĐ-CP, Art. 12: monthly from the 15th
 * of the previous month to the 14th; quarterly from the 15th of the month before the quarter to the
 * 14th of its last month; the first half from 15 December to 14 June; the year from 15 December to
 * 14 December. The decree has no second half and no 9 months; provincial rules that ask for them
 * cut them the same way: the second half ("6 tháng cuối năm") from 15 June to 14 December, 9 months
 * from 15 December to 14 September.
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
  half: (year) => [
    { kind: 'half', key: `${year}-H1`, label: `6 tháng đầu năm ${year}`, ...window(year, 1, 6) },
    { kind: 'half', key: `${year}-H2`, label: `6 tháng cuối năm ${year}`, ...window(year, 7, 12) },
  ],
  'nine-months': (year) => [{ kind: 'nine-months', key: `${year}-9M`, label: `9 tháng năm ${year}`, ...window(year, 1, 9) }],
  year: (year) => [{ kind: 'year', key: `${year}-Y`, label: `Năm ${year}`, ...window(year, 1, 12) }],
};

/** The periods a periodic rule asks reports for among those closing in `year` (a half-year rule: its own half, the first by default). */
export function periodsOfRule(calendar: ReportingCalendar, rule: Pick<ReportingRule, 'period' | 'half'>, year: number): ReportingPeriod[] {
  if (rule.period === 'ad-hoc') return [];
  const periods = calendar[rule.period](year);
  return rule.period === 'half' ? periods.filter((period) => period.key.endsWith(`-H${rule.half ?? 1}`)) : periods;
}

function dateParts(on: string): [number, number, number] {
  return on.split('-').map(Number) as [number, number, number];
}

/** The instant a period opens (00:00 local of its first day). */
export function periodOpensAt(period: ReportingPeriod, timeZone: string): Date {
  return localMidnight(...dateParts(period.from), timeZone);
}

/** The data cut-off of a period: the end of its window's last day (00:00 local of the day after). */
export function periodCutOffAt(period: ReportingPeriod, timeZone: string): Date {
  const [year, month, day] = dateParts(period.to);
  return localMidnight(year, month, day + 1, timeZone);
}

export type PeriodDueOptions = {
  /** Days from the cut-off to the due instant of a rule without a due date (default `DEFAULT_REPORT_DUE_LAG_DAYS`). */
  dueLagDays?: number;
  /** The working days that "N ngày làm việc" counts and that `moveOffDays` moves to (default `vietnamWorkingDays()`). */
  workingDays?: WorkingDayCalendar;
  /** Civil Code Art. 148(5): a due date whose last day is a day off moves to the end of the next working day (a plan's `workingDays`). */
  moveOffDays?: boolean;
};

let defaultWorkingDays: WorkingDayCalendar | undefined;

/** 00:00 local of `day` (clamped to the month's length) of a month counted from `year`/`month`, or of the day after. */
function dayOf(year: number, month: number, day: number, before: boolean, timeZone: string): Date {
  const length = new Date(utcMs(year, month, 0)).getUTCDate();
  return localMidnight(year, month, Math.min(day, length) + (before ? 0 : 1), timeZone);
}

/**
 * When a period's report is due, from the rule's due form (see `ReportingDueSchema`), else
 * `dueLagDays` after the cut-off; then, when asked, moved off a day off (Civil Code Art. 148(5)).
 * "trước ngày 25 tháng 5": 25 May 00:00 local (the 25th is late); without `before`, the end of the day.
 */
export function periodDueAt(period: ReportingPeriod, rule: Pick<ReportingRule, 'due'>, timeZone: string, options: PeriodDueOptions = {}): Date {
  const [year, month, day] = dateParts(period.to);
  const workingDays = options.workingDays ?? (defaultWorkingDays ??= vietnamWorkingDays());
  const due = rule.due;
  let at: Date;
  if (!due) {
    at = localMidnight(year, month, day + 1 + (options.dueLagDays ?? DEFAULT_REPORT_DUE_LAG_DAYS), timeZone);
  } else if ('daysAfterCutOff' in due) {
    const last = due.working ? dateParts(addWorkingDays(workingDays, period.to, due.daysAfterCutOff)) : ([year, month, day + due.daysAfterCutOff] as const);
    at = localMidnight(last[0], last[1], last[2] + 1, timeZone);
  } else if ('monthsAfterCutOff' in due) {
    const months = month - 1 + due.monthsAfterCutOff;
    at = dayOf(year + Math.floor(months / 12), (months % 12) + 1, due.day, due.before, timeZone);
  } else {
    at = dayOf(year + (due.nextYear ? 1 : 0), due.month, due.day, due.before, timeZone);
  }
  return options.moveOffDays ? endOfTimeLimit(at, timeZone, workingDays) : at;
}
