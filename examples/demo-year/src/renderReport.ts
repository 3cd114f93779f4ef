import type { PlanSummary } from '@planlog/core';
import { formatDate, formatDueDay, formatIsoDate, formatPercent } from './calendar.js';
import type { Adjustment, PlanReport, RequestLine, TaskLine, YearReport } from './collectReport.js';

/** Text with bold runs, the only inline markup the report uses. */
type Inline = string | { strong: string };
type Block =
  | { kind: 'heading'; level: 1 | 2 | 3; text: string }
  | { kind: 'paragraph'; parts: Inline[] }
  | { kind: 'list'; items: Inline[][] };

/** The four headings of the official summary, in the order a Báo cáo gives them. */
export const HEADINGS = [
  ['completedOnTime', 'Hoàn thành đúng hạn'],
  ['completedLate', 'Hoàn thành quá hạn'],
  ['inTerm', 'Chưa hoàn thành, còn trong hạn'],
  ['overdueUnfinished', 'Quá hạn chưa hoàn thành'],
] as const;

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII'];

/** The report as Markdown. */
export function renderMarkdown(report: YearReport): string {
  const inline = (parts: Inline[]) => parts.map((part) => (typeof part === 'string' ? escapeMarkdown(part) : `**${escapeMarkdown(part.strong)}**`)).join('');
  return (
    blocksOf(report)
      .map((block) => {
        if (block.kind === 'heading') return `${'#'.repeat(block.level)} ${escapeMarkdown(block.text)}`;
        if (block.kind === 'paragraph') return inline(block.parts);
        return block.items.map((item) => `- ${inline(item)}`).join('\n');
      })
      .join('\n\n') + '\n'
  );
}

/** The report as a standalone HTML page; every text is escaped. */
export function renderHtml(report: YearReport): string {
  const inline = (parts: Inline[]) => parts.map((part) => (typeof part === 'string' ? escapeHtml(part) : `<strong>${escapeHtml(part.strong)}</strong>`)).join('');
  const body = blocksOf(report)
    .map((block) => {
      if (block.kind === 'heading') return `<h${block.level}>${escapeHtml(block.text)}</h${block.level}>`;
      if (block.kind === 'paragraph') return `<p>${inline(block.parts)}</p>`;
      return `<ul>\n${block.items.map((item) => `  <li>${inline(item)}</li>`).join('\n')}\n</ul>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<title>${escapeHtml(`Báo cáo kết quả thực hiện các kế hoạch năm ${report.year}`)}</title>
<style>body{font-family:"Times New Roman",serif;max-width:50em;margin:2em auto;line-height:1.5}h1,h2{text-align:center}</style>
</head>
<body>
${body}
</body>
</html>
`;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!);
}

/** Keep text literal in Markdown: backslash the characters that would start markup. */
function escapeMarkdown(text: string): string {
  return text.replace(/([\\`*_[\]<>#|])/g, '\\$1');
}

function blocksOf(report: YearReport): Block[] {
  const blocks: Block[] = [
    { kind: 'heading', level: 1, text: 'BÁO CÁO' },
    { kind: 'heading', level: 2, text: `Kết quả thực hiện các kế hoạch năm ${report.year}` },
    { kind: 'paragraph', parts: [`Số liệu tính đến hết ngày ${formatDate(new Date(Date.parse(report.asOf) - 1))}.`] },
  ];
  if (report.note) blocks.push({ kind: 'paragraph', parts: [report.note] });
  blocks.push({
    kind: 'paragraph',
    parts: ['Trên cơ sở theo dõi, đôn đốc việc thực hiện nhiệm vụ của các cơ quan, đơn vị, kết quả thực hiện các kế hoạch như sau:'],
  });
  report.plans.forEach((plan, i) => blocks.push(...planBlocks(plan, ROMAN[i] ?? String(i + 1))));
  blocks.push(
    { kind: 'heading', level: 2, text: `${ROMAN[report.plans.length] ?? report.plans.length + 1}. TỔNG HỢP CHUNG` },
    { kind: 'list', items: summaryItems(report.total) },
    { kind: 'paragraph', parts: [completionSentence(report.total)] },
    { kind: 'paragraph', parts: [`Trên đây là kết quả thực hiện các kế hoạch năm ${report.year}./.`] },
  );
  return blocks;
}

function planBlocks(plan: PlanReport, numeral: string): Block[] {
  const issued = plan.issuedOn ? ` ngày ${formatIsoDate(plan.issuedOn)}` : '';
  const blocks: Block[] = [
    { kind: 'heading', level: 2, text: `${numeral}. KẾ HOẠCH SỐ ${plan.number}${issued.toUpperCase()} CỦA ${plan.issuer.name.toUpperCase()}` },
    { kind: 'paragraph', parts: [{ strong: plan.title }] },
    { kind: 'heading', level: 3, text: '1. Kết quả thực hiện nhiệm vụ' },
    { kind: 'paragraph', parts: [totalSentence(plan.summary)] },
    { kind: 'list', items: summaryItems(plan.summary, plan.ongoingInTerm) },
    { kind: 'paragraph', parts: [completionSentence(plan.summary)] },
    { kind: 'heading', level: 3, text: '2. Nhiệm vụ quá hạn theo đơn vị chủ trì' },
  ];
  if (plan.byUnit.length === 0) blocks.push({ kind: 'paragraph', parts: ['Không có nhiệm vụ quá hạn.'] });
  else {
    blocks.push({
      kind: 'list',
      items: plan.byUnit.map(({ unit, overdueUnfinished, completedLate }) => {
        const parts: string[] = [];
        if (overdueUnfinished.length > 0) parts.push(`quá hạn chưa hoàn thành ${overdueUnfinished.length}: ${overdueUnfinished.map(taskText).join('; ')}`);
        if (completedLate.length > 0) parts.push(`hoàn thành quá hạn ${completedLate.length}: ${completedLate.map(taskText).join('; ')}`);
        return [{ strong: unit.name }, `: ${parts.join('; ')}.`];
      }),
    });
  }
  blocks.push({ kind: 'heading', level: 3, text: '3. Điều chỉnh nhiệm vụ, báo cáo bị trả lại' });
  if (plan.adjustments.length === 0) blocks.push({ kind: 'paragraph', parts: ['Không có.'] });
  else blocks.push({ kind: 'list', items: plan.adjustments.map((adjustment) => [{ strong: adjustment.ref }, `: ${adjustmentText(adjustment)}`]) });
  const periodic = plan.requests.filter((request) => request.periodic);
  const adHoc = plan.requests.filter((request) => !request.periodic);
  let section = 4;
  if (periodic.length > 0) blocks.push({ kind: 'heading', level: 3, text: `${section++}. Báo cáo định kỳ` }, requestList(periodic));
  if (adHoc.length > 0) blocks.push({ kind: 'heading', level: 3, text: `${section++}. Báo cáo đột xuất` }, requestList(adHoc));
  return blocks;
}

function requestList(requests: readonly RequestLine[]): Block {
  return {
    kind: 'list',
    items: requests.map((request) => {
      const onTime = request.answered.filter((answer) => !answer.late);
      const late = request.answered.filter((answer) => answer.late);
      const names = (answers: typeof onTime) => answers.map((answer) => `${answer.unit.name} (ngày ${formatDate(answer.at)})`).join(', ');
      const parts = [
        `đã báo cáo đúng hạn ${onTime.length}${onTime.length ? `: ${names(onTime)}` : ''}`,
        `báo cáo muộn ${late.length}${late.length ? `: ${names(late)}` : ''}`,
        `chưa báo cáo ${request.missing.length}${request.missing.length ? `: ${request.missing.map((unit) => unit.name).join(', ')}` : ''}`,
      ];
      return [{ strong: request.subject }, ` (hạn: trước ngày ${formatDate(request.dueAt)}): ${parts.join('; ')}.`];
    }),
  };
}

function adjustmentText(adjustment: Adjustment): string {
  const when = `ngày ${formatDate(adjustment.at)}`;
  if (adjustment.kind === 'extended') {
    const to = adjustment.dueAt ? `gia hạn đến hết ngày ${formatDueDay(adjustment.dueAt)}` : 'chuyển sang thực hiện thường xuyên';
    return `${to} (${when}; lý do: ${adjustment.reason}).`;
  }
  if (adjustment.kind === 'reassigned') return `giao lại cho ${adjustment.lead.name} chủ trì (${when}; lý do: ${adjustment.reason}).`;
  return `báo cáo kết quả bị trả lại để hoàn thiện (${when}; lý do: ${adjustment.reason}).`;
}

function taskText(task: TaskLine): string {
  return `${task.ref} (${task.title}${task.dueAt ? `; hạn ${formatDueDay(task.dueAt)}` : ''})`;
}

function totalSentence(summary: PlanSummary): string {
  const cancelled = summary.cancelled > 0 ? `, không kể ${summary.cancelled} nhiệm vụ đã hủy` : '';
  return `Tổng số nhiệm vụ: ${summary.total}${cancelled}, trong đó:`;
}

function summaryItems(summary: PlanSummary, ongoingInTerm = 0): Inline[][] {
  return HEADINGS.map(([key, label]) => {
    const extra = key === 'inTerm' && ongoingInTerm > 0 ? ` (trong đó ${ongoingInTerm} nhiệm vụ thực hiện thường xuyên)` : '';
    return [`${label}: ${summary[key]}${extra}`];
  });
}

function completionSentence(summary: PlanSummary): string {
  if (summary.completionRate === null) return 'Tỷ lệ hoàn thành: chưa có nhiệm vụ đến hạn.';
  const completed = summary.completedOnTime + summary.completedLate;
  return `Tỷ lệ hoàn thành trên số nhiệm vụ đã đến hạn: ${completed}/${summary.fallenDue} (${formatPercent(summary.completionRate)}).`;
}
