import { formatLocalTime } from '@planlog/core';

/** Dates the way Vietnamese documents write them, in one time zone. */
export type ReportDates = {
  /** "16/03/2026". */
  date(instant: string | number): string;
  /** A due instant as the last day of term: 01/07 00:00 is the first late moment, so "30/06/2026". */
  dueDay(dueAt: string): string;
  /** "trước ngày 15/06/2026" when due at local midnight, as the plans write it; "trước 17:00 ngày …" otherwise. */
  before(dueAt: string): string;
};

export function reportDates(timeZone: string): ReportDates {
  const parts = (instant: string | number) => formatLocalTime(new Date(instant), timeZone).split(/[- :]/);
  const atMidnight = (instant: string | number) => parts(instant).slice(3).join(':') === '00:00';
  const date = (instant: string | number) => {
    const [year, month, day] = parts(instant);
    return `${day}/${month}/${year}`;
  };
  const time = (instant: string | number) => {
    const [year, month, day, hour, minute] = parts(instant);
    return `${hour}:${minute} ngày ${day}/${month}/${year}`;
  };
  const dueDay = (dueAt: string) => date(Date.parse(dueAt) - 1);
  return {
    date,
    dueDay,
    before: (dueAt) => `trước ${atMidnight(dueAt) ? 'ngày ' + date(dueAt) : time(dueAt)}`,
  };
}

/** "83,3%": one decimal, a comma as vi-VN writes it. */
export const formatPercent = (rate: number) => `${(rate * 100).toFixed(1).replace('.', ',')}%`;

/**
 * The date line's date as Decree 30/2020 (Appendix I) writes it: "ngày 05 tháng 02 năm 2026" (a
 * zero before days below 10 and before months 1 and 2).
 */
export function formatDocumentDate(date: string): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const dd = day < 10 ? `0${day}` : String(day);
  const mm = month < 3 ? `0${month}` : String(month);
  return `ngày ${dd} tháng ${mm} năm ${year}`;
}
