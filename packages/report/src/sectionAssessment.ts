import type { PlanSummary } from '@planlog/core';
import type { ReportData, ReportTask } from './collectReport.js';
import { formatPercent } from './reportDates.js';
import type { Block } from './ReportDocument.js';
import { groupByUnit, HEADINGS, joinVi, wording, type Wording } from './wording.js';

const signed = (n: number) => (n > 0 ? `+${n}` : n < 0 ? `-${-n}` : '0');

/** The four headings as a table: the previous period's end, this period's end, the change. */
function comparisonTable(data: ReportData, words: Wording): Block {
  const now = data.summary;
  const before = data.previousSummary;
  const rate = (summary: PlanSummary) => (summary.completionRate === null ? '-' : formatPercent(summary.completionRate));
  const points = (a: number | null, b: number | null) => (a === null || b === null ? '-' : `${signed(Math.round((b - a) * 1000) / 10).replace('.', ',')} điểm %`);
  return {
    kind: 'table',
    caption: `Bảng 1. Kết quả thực hiện nhiệm vụ so với kỳ trước`,
    columns: [
      { title: 'Chỉ tiêu', width: 40 },
      { title: `${data.previous.label} (đến hết ngày ${words.date(data.previous.asOf.getTime())})`, width: 22, align: 'center' },
      { title: `${data.period.label} (đến hết ngày ${words.date(data.period.asOf.getTime())})`, width: 22, align: 'center' },
      { title: 'Tăng (+), giảm (-)', width: 16, align: 'center' },
    ],
    rows: [
      ['Tổng số nhiệm vụ', String(before.total), String(now.total), signed(now.total - before.total)],
      ...HEADINGS.map(([key, label]) => [label, String(before[key]), String(now[key]), signed(now[key] - before[key])]),
      ['Tỷ lệ hoàn thành trên số nhiệm vụ đã đến hạn', rate(before), rate(now), points(before.completionRate, now.completionRate)],
    ],
  };
}

function comparisonSentence(data: ReportData): string {
  const now = data.summary;
  const before = data.previousSummary;
  const previous = data.previous.label;
  if (before.total === 0) return `Kỳ trước (${previous}) chưa có nhiệm vụ của các kế hoạch này để so sánh.`;
  const done = (summary: PlanSummary) => summary.completedOnTime + summary.completedLate;
  const diff = done(now) - done(before);
  const parts = [diff === 0 ? `số nhiệm vụ hoàn thành không đổi (${done(now)})` : `số nhiệm vụ hoàn thành ${diff > 0 ? 'tăng' : 'giảm'} ${Math.abs(diff)} (từ ${done(before)} ${diff > 0 ? 'lên' : 'xuống'} ${done(now)})`];
  if (before.completionRate !== null && now.completionRate !== null) parts.push(`tỷ lệ hoàn thành từ ${formatPercent(before.completionRate)} ${now.completionRate >= before.completionRate ? 'lên' : 'xuống'} ${formatPercent(now.completionRate)}`);
  const overdue = now.overdueUnfinished - before.overdueUnfinished;
  parts.push(overdue === 0 ? `số nhiệm vụ quá hạn chưa hoàn thành không đổi (${now.overdueUnfinished})` : `số nhiệm vụ quá hạn chưa hoàn thành ${overdue > 0 ? 'tăng' : 'giảm'} ${Math.abs(overdue)}`);
  return `So với ${previous}: ${parts.join('; ')}.`;
}

function overall(summary: PlanSummary, words: Wording): string {
  const rate = words.rate(summary);
  if (rate === null) return 'Nhìn chung, các nhiệm vụ được triển khai theo kế hoạch; đến hết kỳ báo cáo chưa có nhiệm vụ đến hạn.';
  if (summary.completionRate === 1) return `Nhìn chung, các nhiệm vụ đã đến hạn đều được hoàn thành, ${rate}.`;
  if (summary.completionRate! >= 0.8) return `Nhìn chung, phần lớn các nhiệm vụ đã đến hạn được hoàn thành, ${rate}; còn ${summary.overdueUnfinished} nhiệm vụ quá hạn chưa hoàn thành.`;
  return `Nhìn chung, tiến độ thực hiện còn chậm: tỷ lệ hoàn thành các nhiệm vụ đã đến hạn mới ${rate}; còn ${summary.overdueUnfinished} nhiệm vụ quá hạn chưa hoàn thành.`;
}

const line = (text: string): Block => ({ kind: 'paragraph', parts: [text] });

/** Tasks named with their units: "Phòng X: II.3 (…; hạn 31/12/2026)". */
function byUnit(tasks: readonly ReportTask[], words: Wording): string[] {
  return groupByUnit(tasks, (task) => task.lead).map(({ name, items }) => `${name}: ${items.map((task) => `${words.task(task)}, ${words.term(task)}`).join('; ')}`);
}

/** II. Đánh giá chung: the four headings with rates, the comparison with the previous period, what went well and what lagged. */
export function sectionAssessment(data: ReportData): Block[] {
  const words = wording(data.period.timeZone);
  const { summary } = data;
  const cancelled = summary.cancelled > 0 ? ` (không kể ${summary.cancelled} nhiệm vụ đã hủy)` : '';
  const blocks: Block[] = [
    { kind: 'heading', text: 'II. ĐÁNH GIÁ CHUNG' },
    { kind: 'subheading', text: '1. Kết quả thực hiện nhiệm vụ' },
    line(`Tính đến hết ngày ${words.date(data.period.asOf.getTime())}, ${data.plans.length} kế hoạch có tổng số ${summary.total} nhiệm vụ${cancelled}, trong đó:`),
  ];
  for (const [key, label] of HEADINGS) {
    const ongoing = key === 'inTerm' && data.ongoingInTerm > 0 ? `, trong đó ${data.ongoingInTerm} nhiệm vụ thực hiện thường xuyên` : '';
    blocks.push(line(`- ${label}: ${summary[key]} nhiệm vụ${words.share(summary[key], summary.total)}${ongoing};`));
  }
  const rate = words.rate(summary);
  blocks.push(line(rate === null ? 'Chưa có nhiệm vụ đến hạn để tính tỷ lệ hoàn thành.' : `Tỷ lệ hoàn thành trên số nhiệm vụ đã đến hạn ${rate}.`));
  blocks.push(line(comparisonSentence(data)), comparisonTable(data, words));

  const count = (kind: string) => data.changes.filter((change) => change.kind === kind).length;
  const reports = data.tasks.flatMap((task) => task.reports).filter((report) => Date.parse(report.at) >= data.period.opensAt.getTime()).length;
  const late = data.completedInPeriod.filter((task) => task.heading === 'completedLate').length;
  const inPeriod = [
    `${data.completedInPeriod.length} nhiệm vụ được công nhận hoàn thành (${data.completedInPeriod.length - late} đúng hạn, ${late} quá hạn)`,
    `các đơn vị gửi ${reports} báo cáo`,
    `${count('returned')} báo cáo kết quả bị trả lại để hoàn thiện`,
    `${count('extended')} nhiệm vụ được gia hạn`,
  ];
  if (count('reassigned') > 0) inPeriod.push(`${count('reassigned')} nhiệm vụ được giao lại đơn vị chủ trì`);
  blocks.push(line(`Trong kỳ báo cáo: ${inPeriod.join('; ')}.`));

  blocks.push({ kind: 'subheading', text: '2. Ưu điểm' }, line(overall(summary, words)));
  const onTime = data.completedInPeriod.filter((task) => task.heading === 'completedOnTime');
  if (onTime.length > 0) blocks.push(line(`- Hoàn thành đúng hạn trong kỳ: ${byUnit(onTime, words).join('; ')}.`));
  const punctual = new Map<string, string>();
  const behind = new Set<string>();
  for (const request of data.requests) {
    for (const answer of request.onTime) punctual.set(answer.unit.id, answer.unit.name);
    for (const unit of [...request.late.map((answer) => answer.unit), ...request.missing]) behind.add(unit.id);
  }
  const diligent = [...punctual].filter(([id]) => !behind.has(id)).map(([, name]) => name);
  if (diligent.length > 0) blocks.push(line(`- Các đơn vị gửi báo cáo đúng hạn theo yêu cầu: ${joinVi(diligent)}.`));
  if (onTime.length === 0 && diligent.length === 0) blocks.push(line('- Các đơn vị duy trì triển khai các nhiệm vụ thường xuyên và báo cáo tiến độ theo kế hoạch.'));

  blocks.push({ kind: 'subheading', text: '3. Tồn tại, hạn chế' });
  const lagging: string[] = [];
  const overdue = data.tasks.filter((task) => task.heading === 'overdueUnfinished');
  if (overdue.length > 0) lagging.push(`- Còn ${overdue.length} nhiệm vụ quá hạn chưa hoàn thành: ${byUnit(overdue, words).join('; ')}.`);
  const completedLate = data.completedInPeriod.filter((task) => task.heading === 'completedLate');
  if (completedLate.length > 0) lagging.push(`- ${completedLate.length} nhiệm vụ hoàn thành nhưng quá hạn: ${byUnit(completedLate, words).join('; ')}.`);
  const returned = data.changes.filter((change) => change.kind === 'returned');
  if (returned.length > 0) {
    const tasks = returned.map((change) => data.tasks.find((task) => task.taskId === change.taskId)!);
    lagging.push(`- ${returned.length} báo cáo kết quả chưa đạt yêu cầu, bị trả lại để hoàn thiện: ${byUnit(tasks, words).join('; ')}.`);
  }
  for (const request of data.requests) {
    const lateNames = request.late.map((answer) => `${answer.unit.name} (ngày ${words.date(answer.at)})`);
    const parts = [];
    if (lateNames.length > 0) parts.push(`gửi muộn: ${joinVi(lateNames)}`);
    if (request.missing.length > 0) parts.push(`chưa gửi: ${joinVi(request.missing.map((unit) => unit.name))}`);
    if (parts.length > 0) lagging.push(`- ${request.subject} (hạn ${words.before(request.dueAt)}): ${parts.join('; ')}.`);
  }
  blocks.push(...(lagging.length > 0 ? lagging.map(line) : [line('Không có nhiệm vụ quá hạn; các báo cáo được gửi đúng hạn.')]));
  return blocks;
}
