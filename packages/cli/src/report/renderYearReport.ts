import { DEFAULT_TIME_ZONE } from '@planlog/core';
import type { PlanReport } from './collectPlanReport.js';
import type { YearReport } from './collectYearReport.js';
import { renderBlocks, type Block, type ReportFormat } from './renderBlocks.js';
import { completionSentence, planSections, summaryItems } from './renderPlanReport.js';
import { reportDates } from './reportDates.js';

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII'];

/** "I. KẾ HOẠCH SỐ 112/KH-STP NGÀY 16/03/2026 CỦA SỞ TƯ PHÁP". */
function planHeading({ plan }: PlanReport, numeral: string): string {
  // The number keeps its case ("45/KH-SNgV"); the rest is capitals, as a Báo cáo sets its headings.
  const issued = plan.issuedOn ? ` NGÀY ${plan.issuedOn.split('-').reverse().join('/')}` : '';
  const number = plan.number ? `KẾ HOẠCH SỐ ${plan.number}${issued}` : 'KẾ HOẠCH (DỰ THẢO, CHƯA BAN HÀNH)';
  return `${numeral}. ${number}${plan.issuer ? ` CỦA ${plan.issuer.name.toUpperCase()}` : ''}`;
}

/**
 * The report on the plans of a year in Vietnamese, as Markdown or an HTML page: each plan's sections
 * as `renderPlanReport` gives them, under a numbered heading, then the total over every plan.
 */
export function renderYearReport(report: YearReport, format: ReportFormat = 'markdown'): string {
  const dates = reportDates(report.plans[0]?.plan.timeZone ?? DEFAULT_TIME_ZONE);
  const numeral = (i: number) => ROMAN[i] ?? String(i + 1);
  const blocks: Block[] = [
    { kind: 'heading', level: 1, text: 'BÁO CÁO' },
    { kind: 'heading', level: 2, text: `Kết quả thực hiện các kế hoạch năm ${report.year}` },
    { kind: 'paragraph', parts: [`Số liệu tính đến ${dates.until(report.asOf)}.`] },
  ];
  if (report.note) blocks.push({ kind: 'paragraph', parts: [report.note] });
  blocks.push({
    kind: 'paragraph',
    parts: ['Trên cơ sở theo dõi, đôn đốc việc thực hiện nhiệm vụ của các cơ quan, đơn vị, kết quả thực hiện các kế hoạch như sau:'],
  });
  report.plans.forEach((plan, i) => {
    blocks.push({ kind: 'heading', level: 2, text: planHeading(plan, numeral(i)) }, { kind: 'paragraph', parts: [{ strong: plan.plan.title }] }, ...planSections(plan));
  });
  blocks.push(
    { kind: 'heading', level: 2, text: `${numeral(report.plans.length)}. TỔNG HỢP CHUNG` },
    { kind: 'list', items: summaryItems(report.total) },
    { kind: 'paragraph', parts: [completionSentence(report.total)] },
    { kind: 'paragraph', parts: [`Trên đây là kết quả thực hiện các kế hoạch năm ${report.year}./.`] },
  );
  return renderBlocks(blocks, format, `Báo cáo kết quả thực hiện các kế hoạch năm ${report.year}`);
}
