import { findEarlyDue, type ReportingDue } from '@planlog/core';
import { fold } from './foldText.js';
import { readUnit, type UnitRead } from './parseUnits.js';
import type { ReportingRuleDraft } from './types.js';
import type { UnitDirectory } from './unitDirectory.js';

export type ReportingRead = {
  rules: (Omit<ReportingRuleDraft, 'to'> & { to?: UnitRead })[];
  /** The text asks for periodic reports ("định kỳ") but names no period. */
  periodless: boolean;
  /** What a reader should check: a report due before its period's data window closes. */
  warnings: string[];
};

export type ReportingOptions = {
  /** The plan's year, for the check of dues against the data windows (default: a common and a leap year). */
  year?: number;
  /**
   * How "trước ngày 25 tháng 5" reads: `'exclusive'` (default) due at 00:00 of the 25th, the 25th
   * itself late; `'inclusive'` due at the end of the 25th, for offices that read it as "by the 25th".
   */
  beforeDate?: 'exclusive' | 'inclusive';
};

type Period = ReportingRuleDraft['period'];

/** Period words of a reporting regime, on folded text. */
const PERIODS: { regex: RegExp; period: Period }[] = [
  { regex: /(?<![\d/])(?:6|06|sau) thang(?! \d)(?: dau nam| (cuoi nam))?/g, period: 'half' },
  { regex: /(?<![\d/])(?:9|09|chin) thang(?! \d)/g, period: 'nine-months' },
  { regex: /(?:hang|dinh ky|theo|bao cao) quy(?=[\s,;.]|$)(?! (?:dinh|che|pham|trinh|mo|hoach|tac|(?:[ivx]+|\d)(?![a-z])))/g, period: 'quarter' },
  { regex: /(?:hang|dinh ky|theo|bao cao) thang(?=[\s,;.]|$)(?! \d)/g, period: 'month' },
  { regex: /hang nam|bao cao (?:tong ket )?nam(?! \d)|ca nam(?! \d)|theo nam(?! \d)|(?:gui )?bao cao (?:cong tac|ket qua|tong ket)[^;.]{0,60}? nam (?:19|20)\d\d/g, period: 'year' },
  { regex: /dot xuat|(?:hoac|va) (?:theo de nghi|theo yeu cau|khi co yeu cau)/g, period: 'ad-hoc' },
];

/**
 * Due dates, on folded text: a fixed date "trước ngày 25 tháng 5", "ngày 05 tháng 01 năm sau"; a day
 * of a month after the cut-off "trước ngày 20 hằng tháng", "trước ngày 18 của tháng cuối quý",
 * "ngày 05 tháng đầu quý sau"; days after the cut-off "chậm nhất 02 ngày làm việc sau ngày chốt số liệu".
 */
const DUES: { regex: RegExp; read: (m: RegExpExecArray, before: boolean) => ReportingDue | undefined; periodInside?: boolean }[] = [
  {
    regex: /(truoc|cham nhat|vao|va|,) ?(?:ngay )?(\d{1,2})(?: thang |\/)(\d{1,2})(?!\d)(?:(?: nam |\/)(?:19|20)\d\d(?!\d))?( (?:cua )?nam sau| nam ke tiep)?/g,
    read: (m, before) => {
      const day = Number(m[2]);
      const month = Number(m[3]);
      if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
      return { month, day, before, ...(m[4] ? { nextYear: true } : {}) };
    },
  },
  {
    regex: /(truoc|cham nhat|vao|va|,) ?ngay (\d{1,2}) (?:cua )?(hang thang|thang cuoi (?:quy|ky(?: bao cao)?)|thang (?:dau quy|dau ky|tiep theo|sau)(?: (?:quy|ky) sau)?)/g,
    periodInside: true,
    read: (m, before) => {
      const day = Number(m[2]);
      if (day < 1 || day > 31) return undefined;
      return { day, before, monthsAfterCutOff: /^thang cuoi|^hang thang/.test(m[3]!) ? 0 : 1 };
    },
  },
  {
    regex: /(truoc|cham nhat|trong(?: vong)?|sau)? ?(\d{1,3}) ngay (lam viec )?(?:sau|ke tu) (?:ngay |thoi diem |khi )?(?:ket thuc )?(?:chot|khoa) so lieu/g,
    read: (m) => ({ daysAfterCutOff: Number(m[2]), ...(m[3] ? { working: true } : {}) }),
  },
];

/** "báo cáo … về X", "gửi X", "báo cáo X": whom the reports go to. */
const TO = /(?:bao cao|gui)(?:[^;.]{0,80}?) (?:ve|cho|len|toi|den) |(?:bao cao|gui(?: ve)?) (?=[a-z])/g;

function isReportingClause(folded: string): boolean {
  return (
    /bao cao|b\/c/.test(folded) &&
    /dinh ky|dot xuat|che do bao cao|hang nam|hang quy|hang thang|6 thang|9 thang|bao cao (?:tong ket )?nam(?! \d)|bao cao quy(?! [ivx\d])|bao cao (?:cong tac|ket qua|tong ket)[^;.]{0,60}? nam (?:19|20)\d\d/.test(folded)
  );
}

type Entry = { index: number; rule: ReportingRead['rules'][number] };
/** `continued`: written after another due with "và" or a comma, so it keeps that one's reading of "trước". */
type DueRead = { index: number; end: number; due: ReportingDue; periodInside: boolean; continued: boolean };

/**
 * Which rule each due date belongs to. A period named inside the due ("trước ngày 20 hằng tháng")
 * takes it; dues listed together ("trước ngày 05 tháng 7 và ngày 05 tháng 01 năm sau") go in order to
 * as many periods without a due before them ("6 tháng và hằng năm"); a lone due to the nearest. A due
 * with no such period before it belongs to the period named after it ("trước ngày 30/11 hằng năm");
 * two dues of one year ("trước ngày 01/6 và 15/11 hằng năm") are the half-year's and the year's.
 */
function assignDues(entries: Entry[], dues: DueRead[], folded: string): void {
  const lists: DueRead[][] = [];
  for (const due of dues) {
    const last = lists.at(-1)?.at(-1);
    if (last && due.continued && !due.periodInside && /^\s*$/.test(folded.slice(last.end, due.index))) {
      const first = lists.at(-1)![0]!.due;
      if ('before' in due.due && 'before' in first) due.due = { ...due.due, before: first.before };
      lists.at(-1)!.push(due);
    } else lists.push([due]);
  }
  for (const list of lists) {
    const first = list[0]!;
    if (first.periodInside) {
      const inside = entries.find((entry) => entry.index >= first.index && entry.index < first.end && entry.rule.period !== 'ad-hoc' && !entry.rule.due);
      const owner = inside ?? [...entries].reverse().find((entry) => entry.index < first.index && entry.rule.period !== 'ad-hoc' && !entry.rule.due);
      if (owner) owner.rule.due = first.due;
      continue;
    }
    const open = (entry: Entry) => entry.rule.period !== 'ad-hoc' && !entry.rule.due;
    const before = entries.filter((entry) => entry.index < first.index && open(entry));
    const owners = before.length > 0 ? before.slice(-list.length) : entries.filter((entry) => entry.index >= first.end && open(entry)).slice(0, list.length);
    const year = owners[0];
    if (list.length === 2 && owners.length === 1 && year!.rule.period === 'year' && !entries.some((entry) => entry.rule.period === 'half')) {
      entries.push({ index: year!.index, rule: { ...year!.rule, period: 'half', due: list[0]!.due } });
    }
    owners.forEach((owner, i) => (owner.rule.due = list[i + (list.length - owners.length)]!.due));
  }
}

/**
 * The reporting regime a paragraph states: one rule per period named in a clause about reports,
 * each with the due date written with it and the unit the reports go to. A due date before the
 * period's data window closes is kept as written, marked `allowEarlyDue`, with a warning.
 */
export function readReporting(text: string, directory: UnitDirectory, options: ReportingOptions = {}): ReportingRead {
  const rules: ReportingRead['rules'] = [];
  const warnings: string[] = [];
  let sawPeriodic = false;
  for (const clause of text.split(/;|\.(?=\s|$)/u)) {
    const folded = fold(clause);
    if (!isReportingClause(folded)) continue;
    if (/dinh ky/.test(folded)) sawPeriodic = true;
    const entries: Entry[] = [];
    let to: UnitRead | undefined;
    for (const m of folded.matchAll(TO)) {
      to = readUnit(clause, m.index + m[0].length, directory);
      if (to) break;
    }
    for (const { regex, period } of PERIODS) {
      for (const m of folded.matchAll(regex)) {
        entries.push({ index: m.index, rule: { period, ...(period === 'half' && m[1] ? { half: 2 as const } : {}), ...(to ? { to } : {}) } });
      }
    }
    entries.sort((a, b) => a.index - b.index);
    const dues: DueRead[] = [];
    for (const { regex, read, periodInside } of DUES) {
      for (const m of folded.matchAll(regex)) {
        // Only "trước" is before the day; "chậm nhất ngày 25", "vào ngày 25" include it.
        const due = read(m, m[1] === 'truoc' && options.beforeDate !== 'inclusive');
        const start = m.index + (m[0].length - m[0].trimStart().length);
        if (due && !dues.some((other) => start < other.end && other.index < m.index + m[0].length)) {
          dues.push({ index: start, end: m.index + m[0].length, due, periodInside: periodInside ?? false, continued: m[1] === 'va' || m[1] === ',' });
        }
      }
    }
    dues.sort((a, b) => a.index - b.index);
    assignDues(entries, dues, folded);
    for (const { rule } of entries) {
      if (rule.period === 'ad-hoc' || !rule.due) continue;
      const years = options.year === undefined ? [2023, 2024] : [options.year, options.year + 1];
      const early = findEarlyDue(rule, { years });
      if (early) {
        rule.allowEarlyDue = true;
        warnings.push(
          `the report of "${early.period.label}" is due before its data window closes on ${early.period.to.slice(8)}/${early.period.to.slice(5, 7)} (kept as written, allowEarlyDue: true; check the text)`,
        );
      }
    }
    rules.push(...entries.map((entry) => entry.rule));
  }
  // A clause that names no addressee ("báo cáo quý gửi trước ngày 12 …") sends its periodic reports
  // where the paragraph's other clauses send theirs, when they all name the same unit.
  const addressees = new Map(rules.flatMap((rule) => (rule.to ? [[rule.to.unit.id, rule.to] as const] : [])));
  if (addressees.size === 1) {
    const [to] = addressees.values();
    for (const rule of rules) if (rule.period !== 'ad-hoc' && !rule.to) rule.to = to!;
  }
  const periodless = sawPeriodic && !rules.some((rule) => rule.period !== 'ad-hoc');
  return { rules, periodless, warnings };
}
