import { formatLocalTime, type PlanSummary } from '@planlog/core';
import type { Adjustment, PlanReport, RequestLine, TaskLine } from './collectPlanReport.js';

/** The four headings of the official summary, in the order a Báo cáo gives them. */
export const HEADINGS = [
  ['completedOnTime', 'Hoàn thành đúng hạn'],
  ['completedLate', 'Hoàn thành quá hạn'],
  ['inTerm', 'Chưa hoàn thành, còn trong hạn'],
  ['overdueUnfinished', 'Quá hạn chưa hoàn thành'],
] as const;

type Dates = { date(instant: string): string; dueDay(dueAt: string): string; time(instant: string): string; before(dueAt: string): string };

/** Dates the way Vietnamese documents write them, in the plan's time zone. */
function datesIn(timeZone: string): Dates {
  const parts = (instant: string | number) => formatLocalTime(new Date(instant), timeZone).split(/[- :]/);
  return {
    date: (instant) => {
      const [year, month, day] = parts(instant);
      return `${day}/${month}/${year}`;
    },
    // A due instant is the first late moment (01/07 00:00): the last day of term is the day before.
    dueDay: (dueAt) => {
      const [year, month, day] = parts(Date.parse(dueAt) - 1);
      return `${day}/${month}/${year}`;
    },
    time: (instant) => {
      const [year, month, day, hour, minute] = parts(instant);
      return `${hour}:${minute} ngày ${day}/${month}/${year}`;
    },
    // Due at local midnight reads "trước ngày 15/06/2026", as the plans write it.
    before: (dueAt) => {
      const [year, month, day, hour, minute] = parts(dueAt);
      return `trước ${hour === '00' && minute === '00' ? '' : `${hour}:${minute} `}ngày ${day}/${month}/${year}`;
    },
  };
}

const percent = (rate: number) => `${(rate * 100).toFixed(1).replace('.', ',')}%`;

function summaryLines(summary: PlanSummary, ongoingInTerm: number): string[] {
  const cancelled = summary.cancelled > 0 ? `, không kể ${summary.cancelled} nhiệm vụ đã hủy` : '';
  const completed = summary.completedOnTime + summary.completedLate;
  return [
    `Tổng số nhiệm vụ: ${summary.total}${cancelled}, trong đó:`,
    '',
    ...HEADINGS.map(([key, label]) => {
      const ongoing = key === 'inTerm' && ongoingInTerm > 0 ? ` (trong đó ${ongoingInTerm} nhiệm vụ thực hiện thường xuyên)` : '';
      return `- ${label}: ${summary[key]}${ongoing}`;
    }),
    '',
    summary.completionRate === null
      ? 'Tỷ lệ hoàn thành: chưa có nhiệm vụ đến hạn.'
      : `Tỷ lệ hoàn thành trên số nhiệm vụ đã đến hạn: ${completed}/${summary.fallenDue} (${percent(summary.completionRate)}).`,
  ];
}

function adjustmentText(adjustment: Adjustment, dates: Dates): string {
  const when = `ngày ${dates.date(adjustment.at)}`;
  if (adjustment.kind === 'extended') {
    const to = adjustment.dueAt ? `gia hạn đến hết ngày ${dates.dueDay(adjustment.dueAt)}` : 'chuyển sang thực hiện thường xuyên';
    return `${to} (${when}; lý do: ${adjustment.reason}).`;
  }
  if (adjustment.kind === 'reassigned') return `giao lại cho ${adjustment.lead.name} chủ trì (${when}; lý do: ${adjustment.reason}).`;
  return `báo cáo kết quả bị trả lại để hoàn thiện (${when}; lý do: ${adjustment.reason}).`;
}

function requestText(request: RequestLine, dates: Dates): string {
  const names = (answers: RequestLine['answered']) => answers.map((answer) => `${answer.unit.name} (ngày ${dates.date(answer.at)})`).join(', ');
  const count = (label: string, n: number, list: string) => `${label} ${n}${n > 0 ? `: ${list}` : ''}`;
  const onTime = request.answered.filter((answer) => !answer.late);
  const late = request.answered.filter((answer) => answer.late);
  const parts = [
    count('đã báo cáo đúng hạn', onTime.length, names(onTime)),
    count('báo cáo muộn', late.length, names(late)),
    count('chưa báo cáo', request.missing.length, request.missing.map((unit) => unit.name).join(', ')),
  ];
  return `- **${request.subject}** (hạn: ${dates.before(request.dueAt)}): ${parts.join('; ')}.`;
}

/** The summary report of one plan (Báo cáo kết quả thực hiện Kế hoạch), as Markdown in Vietnamese. */
export function renderPlanReport(report: PlanReport): string {
  const { plan } = report;
  const dates = datesIn(plan.timeZone);
  const taskText = (task: TaskLine) => `${task.ref} (${task.title}${task.dueAt ? `; hạn ${dates.dueDay(task.dueAt)}` : ''})`;
  const number = plan.number ? `số ${plan.number}${plan.issuedOn ? ` ngày ${plan.issuedOn.split('-').reverse().join('/')}` : ''}` : '(dự thảo, chưa ban hành)';
  // A date cut reads "đến hết ngày"; an instant or a position reads the exact local time.
  const until = /^\d{4}-\d{2}-\d{2}$/.test(report.asOf.input ?? '') ? `hết ngày ${dates.date(report.asOf.instant)}` : dates.time(report.asOf.instant);
  const lines = [
    '# BÁO CÁO',
    '',
    `## Kết quả thực hiện Kế hoạch ${number}${plan.issuer ? ` của ${plan.issuer.name}` : ''}`,
    '',
    `**${plan.title}**`,
    '',
    `Số liệu tính đến ${until} (nhật ký planlog đến vị trí ${report.asOf.position}).`,
    '',
    '### 1. Kết quả thực hiện nhiệm vụ',
    '',
    ...summaryLines(report.summary, report.ongoingInTerm),
    '',
    '### 2. Nhiệm vụ quá hạn theo đơn vị chủ trì',
    '',
  ];
  if (report.byUnit.length === 0) lines.push('Không có nhiệm vụ quá hạn.');
  for (const { unit, overdueUnfinished, completedLate } of report.byUnit) {
    const parts: string[] = [];
    if (overdueUnfinished.length > 0) parts.push(`quá hạn chưa hoàn thành ${overdueUnfinished.length}: ${overdueUnfinished.map(taskText).join('; ')}`);
    if (completedLate.length > 0) parts.push(`hoàn thành quá hạn ${completedLate.length}: ${completedLate.map(taskText).join('; ')}`);
    lines.push(`- **${unit.name}**: ${parts.join('; ')}.`);
  }
  lines.push('', '### 3. Điều chỉnh nhiệm vụ, báo cáo bị trả lại', '');
  if (report.adjustments.length === 0) lines.push('Không có.');
  for (const adjustment of report.adjustments) lines.push(`- **${adjustment.ref}**: ${adjustmentText(adjustment, dates)}`);
  let section = 4;
  for (const [periodic, title] of [[true, 'Báo cáo định kỳ'], [false, 'Báo cáo đột xuất']] as const) {
    const requests = report.requests.filter((request) => request.periodic === periodic);
    if (requests.length === 0) continue;
    lines.push('', `### ${section++}. ${title}`, '', ...requests.map((request) => requestText(request, dates)));
  }
  return `${lines.join('\n')}\n`;
}
