import type { Deadline } from '@planlog/core';
import { fold } from './foldText.js';

export type DeadlineRead =
  | { deadline: Deadline; index: number; length: number }
  | { problem: string; index: number; length: number };

export type DeadlineOptions = {
  /** Year for a date written without one ("trước ngày 25 tháng 5"). */
  year?: number;
  /**
   * How "trước ngày 25 tháng 5" reads: `'exclusive'` (default) due at 00:00 of the 25th, the 25th
   * itself late (`before: true`); `'inclusive'` due at the end of the 25th ("by the 25th").
   */
  beforeDate?: 'exclusive' | 'inclusive';
};

const ROMAN: Record<string, 1 | 2 | 3 | 4> = { i: 1, ii: 2, iii: 3, iv: 4, '1': 1, '2': 2, '3': 3, '4': 4 };

function validDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const pad = (n: number) => String(n).padStart(2, '0');
const YEAR = '((?:19|20)\\d\\d)';
const SEP = '\\s*(?:/|-|\\.|\\s+nam\\s+)\\s*';

type Pattern = { regex: RegExp; read: (m: RegExpExecArray, options: DeadlineOptions) => Deadline | string };

function dateOf(day: number, month: number, year: number | undefined, before: boolean, options: DeadlineOptions): Deadline | string {
  const y = year ?? options.year;
  if (y === undefined) return `the year of ${day}/${month} is not given`;
  if (!validDate(y, month, day)) return `${day}/${month}/${y} is not a date`;
  return { kind: 'date', on: `${y}-${pad(month)}-${pad(day)}`, ...(before ? { before: true } : {}) };
}

/**
 * Deadline forms of Vietnamese plans, matched on folded text (lower case, no diacritics), most
 * specific first: a day before a month, a month before a year.
 */
const patterns: Pattern[] = [
  {
    // trước ngày 30/6/2026, ngày 30-6-2026, trước 30/6, chậm nhất ngày 25 tháng 5 năm 2026
    regex: new RegExp(`(truoc|cham nhat|han chot|den|xong truoc|hoan thanh truoc)?\\s*(?:(?:la\\s+)?ngay\\s+)?(?<![\\d/])(\\d{1,2})\\s*(?:/|-|\\.|\\s+thang\\s+)\\s*(\\d{1,2})(?:${SEP}${YEAR})?(?!\\d)`),
    read: (m, options) => {
      const before = (m[1] === 'truoc' || m[1] === 'xong truoc' || m[1] === 'hoan thanh truoc') && options.beforeDate !== 'inclusive';
      return dateOf(Number(m[2]), Number(m[3]), m[4] ? Number(m[4]) : undefined, before, options);
    },
  },
  {
    // 6 tháng đầu năm 2026, 6 tháng cuối năm
    regex: new RegExp(`(?:6|sau)\\s+thang\\s+(dau|cuoi)\\s+nam(?:\\s+${YEAR})?`),
    read: (m, options) => {
      const year = m[2] ? Number(m[2]) : options.year;
      if (year === undefined) return 'the year of the half is not given';
      return { kind: 'half', year, half: m[1] === 'dau' ? 1 : 2 };
    },
  },
  {
    // Quý II/2026, quý 2 năm 2026, Quý IV
    regex: new RegExp(`qu[yi]\\s+(iv|iii|ii|i|[1-4])(?![a-z0-9])(?:${SEP}${YEAR})?`),
    read: (m, options) => {
      const year = m[2] ? Number(m[2]) : options.year;
      if (year === undefined) return 'the year of the quarter is not given';
      return { kind: 'quarter', year, quarter: ROMAN[m[1]!]! };
    },
  },
  {
    // tháng 6/2026, tháng 06 năm 2026, tháng 6
    regex: new RegExp(`thang\\s+(\\d{1,2})(?:${SEP}${YEAR})?(?!\\d)`),
    read: (m, options) => {
      const month = Number(m[1]);
      const year = m[2] ? Number(m[2]) : options.year;
      if (month < 1 || month > 12) return `month ${month} does not exist`;
      if (year === undefined) return `the year of month ${month} is not given`;
      return { kind: 'month', year, month };
    },
  },
  {
    // năm 2026, trong năm 2026
    regex: new RegExp(`nam\\s+${YEAR}(?!\\d)`),
    read: (m) => ({ kind: 'year', year: Number(m[1]) }),
  },
  {
    // thường xuyên, liên tục, hằng ngày
    regex: /thuong xuyen|lien tuc|hang ngay/,
    read: () => ({ kind: 'ongoing' }),
  },
];

/**
 * The first deadline written in `text`, or why the one written cannot be used; `undefined` when
 * there is none. Positions are indices in `text` (NFC).
 */
export function findDeadline(text: string, options: DeadlineOptions = {}): DeadlineRead | undefined {
  const folded = fold(text.normalize('NFC'));
  let first: { m: RegExpExecArray; pattern: Pattern } | undefined;
  for (const pattern of patterns) {
    const m = pattern.regex.exec(folded);
    if (m && (!first || m.index < first.m.index)) first = { m, pattern };
  }
  if (!first) return undefined;
  const { m, pattern } = first;
  const end = m.index + m[0].length;
  const after = folded.slice(end);
  // "năm 2025 và các năm tiếp theo", "từ năm 2025 trở đi": work that starts then and goes on.
  const onward = ONWARD.exec(after);
  if (onward) return { deadline: { kind: 'ongoing' }, index: m.index, length: end + onward[0].length - m.index };
  // "năm 2026 - 2027", "2025 - 2035": due at the end of the range.
  const yearRange = /^\s*[-–]\s*((?:19|20)\d\d)(?!\d)/.exec(after);
  if (yearRange && /(?:^|\D)(?:19|20)\d\d$/.test(m[0])) {
    return { deadline: { kind: 'year', year: Number(yearRange[1]) }, index: m.index, length: end + yearRange[0].length - m.index };
  }
  // "từ ngày 15/11 đến ngày 15/12": due at the end; "từ 01/7/2025" alone is a start, not a due date.
  if (/(?:^|\s)tu\s*$/.test(folded.slice(Math.max(0, m.index - 4), m.index)) || /^tu\s/.test(m[0])) {
    const to = /^\s*(?:den|[-–])\s*/.exec(after);
    const rest = to ? findDeadline(text.slice(end + to[0].length), options) : undefined;
    if (rest && rest.index === 0) return { ...rest, index: m.index, length: end + to![0].length + rest.length - m.index };
    return { deadline: { kind: 'ongoing' }, index: m.index, length: m[0].length };
  }
  const read = pattern.read(m, options);
  const span = { index: m.index, length: m[0].length };
  if (typeof read !== 'string' && read.kind === 'ongoing') {
    const report = reportDate(folded, end, options);
    if (report) return { deadline: { kind: 'ongoing', reportBy: report.reportBy }, index: m.index, length: report.end - m.index };
  }
  return typeof read === 'string' ? { problem: read, ...span } : { deadline: read, ...span };
}

/**
 * A report date written after ongoing work ("thường xuyên; báo cáo trước ngày 15/12/2026"): a task can
 * be ongoing and still owe a dated report. Only a date right after "báo cáo" in the same sentence.
 */
function reportDate(folded: string, from: number, options: DeadlineOptions): { reportBy: { on: string; before?: boolean }; end: number } | undefined {
  const rest = folded.slice(from);
  const lead = /^[^.]{0,40}?\bbao cao(?: ket qua)?[^.;]{0,20}?(?=truoc|cham nhat|han chot|ngay|\d)/.exec(rest);
  if (!lead) return undefined;
  const date = patterns[0]!.regex.exec(rest.slice(lead[0].length));
  if (!date || date.index !== 0) return undefined;
  const read = patterns[0]!.read(date, options);
  if (typeof read === 'string' || read.kind !== 'date') return undefined;
  return { reportBy: { on: read.on, ...(read.before ? { before: true } : {}) }, end: from + lead[0].length + date[0].length };
}

const ONWARD = /^\s*(?:(?:va|den) (?:cac|nhung) nam tiep theo|tro di|tro ve sau)/;

/**
 * The deadline a value stands for when the whole value is a deadline (a "Thời gian thực hiện:" label,
 * a table cell): like `findDeadline`, and also a bare year ("2026") or year range ("2025 - 2035").
 */
export function readDeadlineValue(value: string, options: DeadlineOptions = {}): DeadlineRead | undefined {
  const folded = fold(value.normalize('NFC')).trim();
  const bare = /^(?:nam\s+)?((?:19|20)\d\d)(?:\s*[-–]\s*((?:19|20)\d\d))?\s*[.;]?$/.exec(folded);
  if (bare) return { deadline: { kind: 'year', year: Number(bare[2] ?? bare[1]) }, index: 0, length: value.length };
  return findDeadline(value, options);
}

/** The deadline `text` states, or `undefined` (see `findDeadline` for why). */
export function parseDeadline(text: string, options: DeadlineOptions = {}): Deadline | undefined {
  const read = findDeadline(text, options);
  return read && 'deadline' in read ? read.deadline : undefined;
}
