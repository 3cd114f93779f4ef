import type { PlanSummary, PlanView } from '@planlog/core';
import type { ReportTask } from './collectReport.js';
import { formatPercent, reportDates, type ReportDates } from './reportDates.js';
import { shortTitle } from './shortenText.js';

/** The four headings of the official summary, in the order a Báo cáo gives them. */
export const HEADINGS = [
  ['completedOnTime', 'Hoàn thành đúng hạn'],
  ['completedLate', 'Hoàn thành quá hạn'],
  ['inTerm', 'Chưa hoàn thành, còn trong hạn'],
  ['overdueUnfinished', 'Quá hạn chưa hoàn thành'],
] as const;

/** The small phrases every section uses, in one time zone. */
export type Wording = ReportDates & {
  ref(task: ReportTask): string;
  /** "II.3 (Rà soát văn bản pháp luật)". */
  task(task: ReportTask): string;
  /** "hạn 30/09/2026", or "thực hiện thường xuyên". */
  term(task: ReportTask): string;
  /** "Kế hoạch số 45/KH-SNgV ngày 16/03/2026". */
  plan(plan: PlanView): string;
  /** "đạt 83,3% (5/6 nhiệm vụ)", or null when nothing has fallen due. */
  rate(summary: PlanSummary): string | null;
  share(n: number, of: number): string;
};

export function wording(timeZone: string): Wording {
  const dates = reportDates(timeZone);
  const ref = (task: ReportTask) => task.ref ?? task.taskId;
  return {
    ...dates,
    ref,
    task: (task) => `${ref(task)} (${shortTitle(task.title, 80)})`,
    term: (task) => (task.dueAt ? `hạn ${dates.dueDay(task.dueAt)}` : task.deadline?.kind === 'ongoing' ? 'thực hiện thường xuyên' : 'chưa có thời hạn'),
    plan: (plan) => (plan.number ? `Kế hoạch số ${plan.number}${plan.issuedOn ? ` ngày ${plan.issuedOn.split('-').reverse().join('/')}` : ''}` : `Kế hoạch “${shortTitle(plan.title, 60)}”`),
    rate: (summary) => (summary.completionRate === null ? null : `đạt ${formatPercent(summary.completionRate)} (${summary.completedOnTime + summary.completedLate}/${summary.fallenDue} nhiệm vụ)`),
    share: (n, of) => (of === 0 ? '' : ` (${formatPercent(n / of)})`),
  };
}

/** "A, B và C". */
export function joinVi(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} và ${items[items.length - 1]}`;
}

/** The first letter in lower case when the word is not an acronym ("Triển khai" → "triển khai", "UBND" kept). */
export function lowerFirst(text: string): string {
  return /^\p{Lu}\p{Ll}/u.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}

/** The period as a subject line writes it: "Quý III năm 2026", "6 tháng đầu năm 2026". */
export function periodPhrase(label: string): string {
  return label.replace(/^(Quý [IV]+|Tháng \d+)\/(\d{4})$/, '$1 năm $2').replace(/^năm/, 'năm');
}

/** Group items by a unit, in the order units first appear. */
export function groupByUnit<T>(items: readonly T[], unitOf: (item: T) => { id: string; name: string } | null): { name: string; items: T[] }[] {
  const groups = new Map<string, { name: string; items: T[] }>();
  for (const item of items) {
    const unit = unitOf(item) ?? { id: '', name: 'Chưa giao đơn vị chủ trì' };
    const group = groups.get(unit.id) ?? { name: unit.name, items: [] };
    group.items.push(item);
    groups.set(unit.id, group);
  }
  return [...groups.values()];
}
