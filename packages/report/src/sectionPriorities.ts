import type { ReportData } from './collectReport.js';
import type { Block } from './ReportDocument.js';
import { groupByUnit, wording } from './wording.js';

/** III. Nhiệm vụ trọng tâm kỳ tới: the overdue work to finish, what falls due in the next period, the ongoing work. */
export function sectionPriorities(data: ReportData): Block[] {
  const words = wording(data.period.timeZone);
  const blocks: Block[] = [{ kind: 'heading', text: `III. NHIỆM VỤ TRỌNG TÂM ${data.next.label.toUpperCase()}` }];
  const line = (text: string) => blocks.push({ kind: 'paragraph', parts: [text] });
  const overdue = data.tasks.filter((task) => task.heading === 'overdueUnfinished');
  if (overdue.length > 0) {
    line(`- Tập trung hoàn thành ${overdue.length} nhiệm vụ đã quá hạn: ${groupByUnit(overdue, (task) => task.lead).map(({ name, items }) => `${items.map(words.ref).join(', ')} (${name})`).join('; ')}.`);
  }
  const last = words.date(data.next.asOf.getTime());
  if (data.dueNext.length === 0) line(`- Không có nhiệm vụ đến hạn trong ${data.next.label} (đến hết ngày ${last}).`);
  else {
    line(`- Hoàn thành ${data.dueNext.length} nhiệm vụ đến hạn trong ${data.next.label} (đến hết ngày ${last}):`);
    for (const task of data.dueNext) line(`+ ${words.task(task)}: ${task.lead?.name ?? 'chưa giao đơn vị chủ trì'} chủ trì, ${words.term(task)};`);
  }
  const ongoing = data.tasks.filter((task) => task.heading === 'inTerm' && task.deadline?.kind === 'ongoing').length;
  if (ongoing > 0) line(`- Tiếp tục thực hiện ${ongoing} nhiệm vụ thường xuyên; các đơn vị báo cáo kết quả theo định kỳ.`);
  const submitted = data.tasks.filter((task) => task.state === 'submitted');
  if (submitted.length > 0) line(`- Xem xét, đánh giá ${submitted.length} báo cáo kết quả đang chờ: ${submitted.map(words.ref).join(', ')}.`);
  return blocks;
}
