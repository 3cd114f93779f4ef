import type { TaskReport } from '@planlog/core';
import type { ReportData, TaskResult } from './collectReport.js';
import type { Block } from './ReportDocument.js';
import { shortenText, shortTitle } from './shortenText.js';
import { groupByUnit, joinVi, lowerFirst, wording, type Wording } from './wording.js';

/** How much of a unit's report text the results keep (at a sentence boundary). */
const REPORT_TEXT_MAX = 420;
const LETTERS = 'abcdefghiklmnopqrstuvxy';

function unitName(report: TaskReport, result: TaskResult): string {
  const task = result.task;
  if (task.lead?.id === report.by.unitId) return task.lead.name;
  return task.support.find((unit) => unit.id === report.by.unitId)?.name ?? report.by.unitId;
}

/** "Phòng X báo cáo: đã rà soát 12 văn bản (tiến độ 60%)". */
function reportSentence(report: TaskReport, result: TaskResult): string {
  const name = unitName(report, result);
  // A label the unit put before its text ("Báo cáo 6 tháng đầu năm 2026: …") is the report's name, not its content.
  let text = shortenText(report.text.replace(/^Báo cáo[^:;]{0,80}:\s*/u, ''), REPORT_TEXT_MAX);
  // A text that already starts with the unit's name ("Phòng X phối hợp: …") is quoted as it is.
  const attributed = text.startsWith(name) ? text : `${name} báo cáo: ${lowerFirst(text)}`;
  const progress = !report.final && report.progress !== null ? ` (tiến độ ${report.progress}%)` : '';
  text = `${attributed}${progress}`;
  return text;
}

function statusSentence(result: TaskResult, words: Wording): string {
  const { task } = result;
  if (result.completedAt !== null) return ` Nhiệm vụ đã hoàn thành${task.heading === 'completedLate' ? ' (quá hạn)' : ''}, báo cáo kết quả được chấp nhận ngày ${words.date(result.completedAt)}.`;
  if (task.state === 'submitted') return ' Báo cáo kết quả đang được xem xét.';
  if (task.reports.some((report) => report.status === 'returned' && result.reports.includes(report))) return ' Báo cáo kết quả đã bị trả lại để hoàn thiện.';
  if (task.heading === 'overdueUnfinished') return ` Nhiệm vụ đã quá ${words.term(task)}, chưa hoàn thành.`;
  return '';
}

/**
 * I. Kết quả thực hiện: for each plan (a field of work), its sections ("II.2") in the plan's order,
 * each task with the units' own reports of the period, attributed and shortened at a sentence
 * boundary; then the tasks nobody reported on.
 */
export function sectionResults(data: ReportData): Block[] {
  const words = wording(data.period.timeZone);
  const blocks: Block[] = [{ kind: 'heading', text: 'I. KẾT QUẢ THỰC HIỆN' }];
  data.results.forEach(({ plan, sections, silent }, i) => {
    blocks.push({ kind: 'subheading', text: `${i + 1}. Thực hiện ${words.plan(plan)} về ${lowerFirst(shortenText(plan.title, 300))}` });
    if (sections.length === 0 && silent.length === 0) blocks.push({ kind: 'paragraph', parts: ['Các nhiệm vụ của Kế hoạch đã hoàn thành trước kỳ báo cáo; trong kỳ không có báo cáo mới.'] });
    sections.forEach((section, j) => {
      if (sections.length > 1) blocks.push({ kind: 'minorheading', text: `${LETTERS[j] ?? j + 1}) Các nhiệm vụ tại mục ${section.key} của Kế hoạch` });
      for (const result of section.results) {
        const told = result.reports.map((report) => reportSentence(report, result)).join('; ');
        blocks.push({
          kind: 'paragraph',
          parts: ['- ', { italic: `${shortTitle(result.task.title, 100)} (${words.ref(result.task)})` }, `: ${told}.${statusSentence(result, words)}`],
        });
      }
    });
    if (silent.length > 0) {
      const byUnit = groupByUnit(silent, (task) => task.lead).map(({ name, items }) => `${items.map(words.ref).join(', ')} (${name})`);
      blocks.push({ kind: 'paragraph', parts: [`- Chưa nhận được báo cáo kết quả trong kỳ đối với ${silent.length} nhiệm vụ: ${joinVi(byUnit)}.`] });
    }
  });
  return blocks;
}
