import { fold } from './foldText.js';
import { readUnit, type UnitRead } from './parseUnits.js';
import type { ReportingRuleDraft } from './types.js';
import type { UnitDirectory } from './unitDirectory.js';

export type ReportingRead = {
  rules: (Omit<ReportingRuleDraft, 'to'> & { to?: UnitRead })[];
  /** The text asks for periodic reports ("định kỳ") but names no period. */
  periodless: boolean;
};

type Period = ReportingRuleDraft['period'];

/** Period words of a reporting regime, on folded text. */
const PERIODS: { regex: RegExp; period: Period }[] = [
  { regex: /(?<![\d/])(?:6|06|sau) thang(?! \d)(?: dau nam| cuoi nam)?/g, period: 'half' },
  { regex: /(?<![\d/])(?:9|09|chin) thang(?! \d)/g, period: 'nine-months' },
  { regex: /(?:hang|dinh ky|theo|bao cao) quy(?=[\s,;.]|$)(?! (?:dinh|che|pham|trinh|mo|hoach|tac|[ivx\d]))/g, period: 'quarter' },
  { regex: /(?:hang|dinh ky|theo|bao cao) thang(?=[\s,;.]|$)(?! \d)/g, period: 'month' },
  { regex: /hang nam|bao cao (?:tong ket )?nam(?! \d)|ca nam(?! \d)|theo nam(?! \d)|(?:gui )?bao cao (?:cong tac|ket qua|tong ket)[^;.]{0,60}? nam (?:19|20)\d\d/g, period: 'year' },
  { regex: /dot xuat|(?:hoac|va) (?:theo de nghi|theo yeu cau|khi co yeu cau)/g, period: 'ad-hoc' },
];

/** "trước ngày 25 tháng 5", "trước ngày 25/5", "ngày 15/12 hằng năm". */
const DUE = /(truoc|cham nhat|truoc ngay|vao) ?(?:ngay )?(\d{1,2})(?: thang |\/)(\d{1,2})(?!\d)/g;

/** "báo cáo … về X", "gửi X", "báo cáo X": whom the reports go to. */
const TO = /(?:bao cao|gui)(?:[^;.]{0,80}?) (?:ve|cho|len|toi|den) |(?:bao cao|gui(?: ve)?) (?=[a-z])/g;

function isReportingClause(folded: string): boolean {
  return /bao cao|b\/c/.test(folded) && /dinh ky|dot xuat|che do bao cao|hang nam|hang quy|hang thang|6 thang|9 thang|bao cao (?:cong tac|ket qua|tong ket)[^;.]{0,60}? nam (?:19|20)\d\d/.test(folded);
}

/**
 * The reporting regime a paragraph states: one rule per period named in a clause about reports,
 * each with the due date written after it and the unit the reports go to.
 */
export function readReporting(text: string, directory: UnitDirectory): ReportingRead {
  const rules: ReportingRead['rules'] = [];
  let sawPeriodic = false;
  for (const clause of text.split(/;|\.(?=\s|$)/u)) {
    const folded = fold(clause);
    if (!isReportingClause(folded)) continue;
    if (/dinh ky/.test(folded)) sawPeriodic = true;
    const found: { index: number; period: Period }[] = [];
    for (const { regex, period } of PERIODS) {
      for (const m of folded.matchAll(regex)) found.push({ index: m.index, period });
    }
    found.sort((a, b) => a.index - b.index);
    let to: UnitRead | undefined;
    for (const m of folded.matchAll(TO)) {
      to = readUnit(clause, m.index + m[0].length, directory);
      if (to) break;
    }
    const clauseRules = found.map(({ index, period }) => ({ index, rule: { period, ...(to ? { to } : {}) } as ReportingRead['rules'][number] }));
    const open = (entry: (typeof clauseRules)[number]) => entry.rule.period !== 'ad-hoc' && !entry.rule.due;
    for (const m of folded.matchAll(DUE)) {
      // The period named before the date, else the first named after it ("trước ngày 30/11 hằng năm").
      const owner = [...clauseRules].reverse().find((entry) => entry.index < m.index && open(entry)) ?? clauseRules.find((entry) => entry.index > m.index && open(entry));
      const day = Number(m[2]);
      const month = Number(m[3]);
      if (!owner || month < 1 || month > 12 || day < 1 || day > 31) continue;
      owner.rule.due = { month, day, before: m[1] !== 'vao' };
      // "trước ngày 01/6 và 15/11 hằng năm": two reports a year, the half-year's and the year's.
      const second = /^ va (?:ngay )?(\d{1,2})(?: thang |\/)(\d{1,2})(?!\d)/.exec(folded.slice(m.index + m[0].length));
      if (second && owner.rule.period === 'year' && !clauseRules.some((entry) => entry.rule.period === 'half')) {
        const [day2, month2] = [Number(second[1]), Number(second[2])];
        if (month2 >= 1 && month2 <= 12 && day2 >= 1 && day2 <= 31) {
          clauseRules.push({ index: owner.index, rule: { ...owner.rule, period: 'half' } });
          owner.rule.due = { month: month2, day: day2, before: m[1] !== 'vao' };
        }
      }
    }
    rules.push(...clauseRules.map((entry) => entry.rule));
  }
  const periodless = sawPeriodic && !rules.some((rule) => rule.period !== 'ad-hoc');
  return { rules, periodless };
}
