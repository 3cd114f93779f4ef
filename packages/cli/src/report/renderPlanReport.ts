import type { PlanSummary } from '@planlog/core';
import type { Adjustment, PlanReport, RequestLine, TaskLine } from './collectPlanReport.js';
import { renderBlocks, type Block, type Inline, type ReportFormat } from './renderBlocks.js';
import { formatPercent, reportDates, type ReportDates } from './reportDates.js';

/** The four headings of the official summary, in the order a Báo cáo gives them. */
export const HEADINGS = [
  ['completedOnTime', 'Hoàn thành đúng hạn'],
  ['completedLate', 'Hoàn thành quá hạn'],
  ['inTerm', 'Chưa hoàn thành, còn trong hạn'],
  ['overdueUnfinished', 'Quá hạn chưa hoàn thành'],
] as const;

/** The four headings as a list, the in-term count saying how many of its tasks are ongoing. */
export function summaryItems(summary: PlanSummary, ongoingInTerm = 0): Inline[][] {
  return HEADINGS.map(([key, label]) => {
    const ongoing = key === 'inTerm' && ongoingInTerm > 0 ? ` (trong đó ${ongoingInTerm} nhiệm vụ thực hiện thường xuyên)` : '';
    return [`${label}: ${summary[key]}${ongoing}`];
  });
}

export function completionSentence(summary: PlanSummary): string {
  if (summary.completionRate === null) return 'Tỷ lệ hoàn thành: chưa có nhiệm vụ đến hạn.';
  const completed = summary.completedOnTime + summary.completedLate;
  return `Tỷ lệ hoàn thành trên số nhiệm vụ đã đến hạn: ${completed}/${summary.fallenDue} (${formatPercent(summary.completionRate)}).`;
}

function adjustmentText(adjustment: Adjustment, dates: ReportDates): string {
  const when = `ngày ${dates.date(adjustment.at)}`;
  if (adjustment.kind === 'extended') {
    const to = adjustment.dueAt ? `gia hạn đến hết ngày ${dates.dueDay(adjustment.dueAt)}` : 'chuyển sang thực hiện thường xuyên';
    return `${to} (${when}; lý do: ${adjustment.reason}).`;
  }
  if (adjustment.kind === 'reassigned') return `giao lại cho ${adjustment.lead.name} chủ trì (${when}; lý do: ${adjustment.reason}).`;
  return `báo cáo kết quả bị trả lại để hoàn thiện (${when}; lý do: ${adjustment.reason}).`;
}

function requestItem(request: RequestLine, dates: ReportDates): Inline[] {
  const names = (answers: RequestLine['answered']) => answers.map((answer) => `${answer.unit.name} (ngày ${dates.date(answer.at)})`).join(', ');
  const count = (label: string, n: number, list: string) => `${label} ${n}${n > 0 ? `: ${list}` : ''}`;
  const onTime = request.answered.filter((answer) => !answer.late);
  const late = request.answered.filter((answer) => answer.late);
  const parts = [
    count('đã báo cáo đúng hạn', onTime.length, names(onTime)),
    count('báo cáo muộn', late.length, names(late)),
    count('chưa báo cáo', request.missing.length, request.missing.map((unit) => unit.name).join(', ')),
  ];
  return [{ strong: request.subject }, ` (hạn: ${dates.before(request.dueAt)}): ${parts.join('; ')}.`];
}

/**
 * The numbered sections of one plan's report: 1. the 4-way statistics, 2. overdue work by lead
 * unit, 3. adjustments and returned reports, then the periodic and the ad-hoc report requests.
 */
export function planSections(report: PlanReport): Block[] {
  const dates = reportDates(report.plan.timeZone);
  const taskText = (task: TaskLine) => `${task.ref} (${task.title}${task.dueAt ? `; hạn ${dates.dueDay(task.dueAt)}` : ''})`;
  const cancelled = report.summary.cancelled > 0 ? `, không kể ${report.summary.cancelled} nhiệm vụ đã hủy` : '';
  const blocks: Block[] = [
    { kind: 'heading', level: 3, text: '1. Kết quả thực hiện nhiệm vụ' },
    { kind: 'paragraph', parts: [`Tổng số nhiệm vụ: ${report.summary.total}${cancelled}, trong đó:`] },
    { kind: 'list', items: summaryItems(report.summary, report.ongoingInTerm) },
    { kind: 'paragraph', parts: [completionSentence(report.summary)] },
    { kind: 'heading', level: 3, text: '2. Nhiệm vụ quá hạn theo đơn vị chủ trì' },
  ];
  if (report.byUnit.length === 0) blocks.push({ kind: 'paragraph', parts: ['Không có nhiệm vụ quá hạn.'] });
  else {
    blocks.push({
      kind: 'list',
      items: report.byUnit.map(({ unit, overdueUnfinished, completedLate }) => {
        const parts: string[] = [];
        if (overdueUnfinished.length > 0) parts.push(`quá hạn chưa hoàn thành ${overdueUnfinished.length}: ${overdueUnfinished.map(taskText).join('; ')}`);
        if (completedLate.length > 0) parts.push(`hoàn thành quá hạn ${completedLate.length}: ${completedLate.map(taskText).join('; ')}`);
        return [{ strong: unit.name }, `: ${parts.join('; ')}.`];
      }),
    });
  }
  blocks.push({ kind: 'heading', level: 3, text: '3. Điều chỉnh nhiệm vụ, báo cáo bị trả lại' });
  if (report.adjustments.length === 0) blocks.push({ kind: 'paragraph', parts: ['Không có.'] });
  else blocks.push({ kind: 'list', items: report.adjustments.map((adjustment) => [{ strong: adjustment.ref }, `: ${adjustmentText(adjustment, dates)}`]) });
  let section = 4;
  for (const [periodic, title] of [[true, 'Báo cáo định kỳ'], [false, 'Báo cáo đột xuất']] as const) {
    const requests = report.requests.filter((request) => request.periodic === periodic);
    if (requests.length === 0) continue;
    blocks.push({ kind: 'heading', level: 3, text: `${section++}. ${title}` }, { kind: 'list', items: requests.map((request) => requestItem(request, dates)) });
  }
  return blocks;
}

/** The summary report of one plan (Báo cáo kết quả thực hiện Kế hoạch) in Vietnamese, as Markdown or an HTML page. */
export function renderPlanReport(report: PlanReport, format: ReportFormat = 'markdown'): string {
  const { plan } = report;
  const dates = reportDates(plan.timeZone);
  const number = plan.number ? `số ${plan.number}${plan.issuedOn ? ` ngày ${plan.issuedOn.split('-').reverse().join('/')}` : ''}` : '(dự thảo, chưa ban hành)';
  const subject = `Kết quả thực hiện Kế hoạch ${number}${plan.issuer ? ` của ${plan.issuer.name}` : ''}`;
  // A date cut reads "đến hết ngày"; an instant or a position reads the exact local time.
  const until = /^\d{4}-\d{2}-\d{2}$/.test(report.asOf.input ?? '') ? `hết ngày ${dates.date(report.asOf.instant)}` : dates.time(report.asOf.instant);
  const blocks: Block[] = [
    { kind: 'heading', level: 1, text: 'BÁO CÁO' },
    { kind: 'heading', level: 2, text: subject },
    { kind: 'paragraph', parts: [{ strong: plan.title }] },
    { kind: 'paragraph', parts: [`Số liệu tính đến ${until} (nhật ký planlog đến vị trí ${report.asOf.position}).`] },
    ...planSections(report),
  ];
  return renderBlocks(blocks, format, `Báo cáo ${subject.charAt(0).toLowerCase()}${subject.slice(1)}`);
}
