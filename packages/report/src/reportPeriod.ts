import { DEFAULT_TIME_ZONE, PlanlogError, decree09Calendar, localMidnight, periodOpensAt, type ReportingPeriod } from '@planlog/core';

/** The period a Báo cáo covers: its data window (local dates, inclusive) and the instants that bound it. */
export type ReportPeriod = {
  /** '2026-Q3', '2026-H1', '2026-9M', '2026', or 'YYYY-MM-DD..YYYY-MM-DD' for an explicit range. */
  key: string;
  kind: 'quarter' | 'half' | 'nine-months' | 'year' | 'range';
  /** "Quý III/2026", "6 tháng đầu năm 2026", "9 tháng năm 2026", "Năm 2026", "từ ngày … đến ngày …". */
  label: string;
  /** First and last day of the data window (local, inclusive). */
  from: string;
  to: string;
  /** 00:00 local of `from`: events at or after it are in the period. */
  opensAt: Date;
  /** 00:00 local of the day after `to`: events before it are in the period. */
  closesAt: Date;
  /** The instant everything is counted as of: the last millisecond of the period. */
  asOf: Date;
  timeZone: string;
};

/** What a caller names: a period key ('2026-Q3', '2026-H1', '2026-9M', '2026') or an explicit range of local dates. */
export type PeriodInput = string | { from: string; to: string };

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function bounds(from: string, to: string, timeZone: string): Pick<ReportPeriod, 'opensAt' | 'closesAt' | 'asOf'> {
  const [y, m, d] = to.split('-').map(Number) as [number, number, number];
  const opensAt = periodOpensAt({ from } as ReportingPeriod, timeZone);
  const closesAt = localMidnight(y, m, d + 1, timeZone);
  return { opensAt, closesAt, asOf: new Date(closesAt.getTime() - 1) };
}

function checkDate(text: string, field: string): string {
  const match = DATE.exec(text);
  const valid = match && new Date(`${text}T00:00:00Z`).toISOString().slice(0, 10) === text && Number(match[1]) >= 1900 && Number(match[1]) <= 2200;
  if (!valid) throw new PlanlogError('VALIDATION', `${field}: "${text}" is not a date YYYY-MM-DD between 1900 and 2200`, { field });
  return text;
}

const ddmmyyyy = (date: string) => date.split('-').reverse().join('/');

/** A period of the Decree 09/2019 calendar (core's `decree09Calendar`), or an explicit range of local dates. */
export function reportPeriod(input: PeriodInput, timeZone: string = DEFAULT_TIME_ZONE): ReportPeriod {
  if (typeof input !== 'string') {
    const from = checkDate(input.from, 'from');
    const to = checkDate(input.to, 'to');
    if (to < from) throw new PlanlogError('VALIDATION', `to: ${to} is before from ${from}`, { field: 'to' });
    return { key: `${from}..${to}`, kind: 'range', label: `từ ngày ${ddmmyyyy(from)} đến ngày ${ddmmyyyy(to)}`, from, to, timeZone, ...bounds(from, to, timeZone) };
  }
  const match = /^(\d{4})(?:-(Q[1-4]|H[12]|9M))?$/.exec(input.trim());
  const year = match ? Number(match[1]) : NaN;
  if (!match || year < 1900 || year > 2200) {
    throw new PlanlogError('VALIDATION', `period: "${input}" is not a period (2026-Q3, 2026-H1, 2026-9M, 2026) between 1900 and 2200`, { field: 'period' });
  }
  const part = match[2];
  const kind = part === undefined ? 'year' : part.startsWith('Q') ? 'quarter' : part.startsWith('H') ? 'half' : 'nine-months';
  // The calendar keys its periods 2026-Q3, 2026-H1, 2026-9M and 2026-Y.
  const key = `${year}-${part ?? 'Y'}`;
  const period = decree09Calendar[kind](year).find((candidate) => candidate.key === key);
  if (!period) throw new PlanlogError('VALIDATION', `period: the reporting calendar has no period ${input}`, { field: 'period' });
  const label = kind === 'year' ? `năm ${year}` : period.label;
  return { key: part === undefined ? String(year) : key, kind, label, from: period.from, to: period.to, timeZone, ...bounds(period.from, period.to, timeZone) };
}

/**
 * The period compared with: the quarter before a quarter; for a first half the second half of the year
 * before (15/6 → 14/12), which ends where it opens; for 9 months or a year, the same period a year
 * earlier; for a range, as many days before.
 */
export function previousPeriod(period: ReportPeriod): ReportPeriod {
  const year = Number(period.key.slice(0, 4));
  if (period.kind === 'quarter') return quarter(year, Number(period.key.slice(6)) - 2, period.timeZone);
  if (period.kind === 'half') return secondHalf(year - 1, period.timeZone);
  if (period.kind === 'range') return daysBefore(period);
  return reportPeriod(period.kind === 'year' ? String(year - 1) : `${year - 1}-9M`, period.timeZone);
}

/** The period after, whose due work the report lists under its priorities: the next quarter, the rest of the year after a half or 9 months, the next year, as many days after a range. */
export function nextPeriod(period: ReportPeriod): ReportPeriod {
  const year = Number(period.key.slice(0, 4));
  if (period.kind === 'quarter') return quarter(year, Number(period.key.slice(6)), period.timeZone);
  if (period.kind === 'half') return secondHalf(year, period.timeZone);
  if (period.kind === 'nine-months') return quarter(year, 3, period.timeZone);
  if (period.kind === 'year') return reportPeriod(String(year + 1), period.timeZone);
  const days = Math.round((period.closesAt.getTime() - period.opensAt.getTime()) / DAY);
  return reportPeriod({ from: addDays(period.to, 1), to: addDays(period.to, days) }, period.timeZone);
}

const DAY = 86_400_000;
const addDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);

/** Quarter `index` (0-based, may run into the next or previous year). */
function quarter(year: number, index: number, timeZone: string): ReportPeriod {
  return reportPeriod(`${year + Math.floor(index / 4)}-Q${(((index % 4) + 4) % 4) + 1}`, timeZone);
}

/** 15/6 → 14/12 of `year`, the half after the calendar's first. */
function secondHalf(year: number, timeZone: string): ReportPeriod {
  return { ...reportPeriod({ from: `${year}-06-15`, to: `${year}-12-14` }, timeZone), key: `${year}-H2`, kind: 'half', label: `6 tháng cuối năm ${year}` };
}

function daysBefore(period: ReportPeriod): ReportPeriod {
  const days = Math.round((period.closesAt.getTime() - period.opensAt.getTime()) / DAY);
  return reportPeriod({ from: addDays(period.from, -days), to: addDays(period.from, -1) }, period.timeZone);
}
