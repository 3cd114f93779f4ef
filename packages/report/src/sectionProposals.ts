import { finishedTaskStates } from '@planlog/core';
import type { ReportData, ReportTask } from './collectReport.js';
import type { Block } from './ReportDocument.js';
import { groupByUnit, joinVi, periodPhrase, wording } from './wording.js';

/** IV. Kiến nghị, đề xuất: what the overdue, returned and extended work asks of the units. */
export function sectionProposals(data: ReportData): Block[] {
  const words = wording(data.period.timeZone);
  const blocks: Block[] = [{ kind: 'heading', text: 'IV. KIẾN NGHỊ, ĐỀ XUẤT' }];
  const line = (text: string) => blocks.push({ kind: 'paragraph', parts: [text] });
  const taskOf = (taskId: string) => data.tasks.find((task) => task.taskId === taskId)!;
  const proposals: string[] = [];

  const overdue = data.tasks.filter((task) => task.heading === 'overdueUnfinished');
  for (const { name, items } of groupByUnit(overdue, (task) => task.lead)) {
    proposals.push(`- Đề nghị ${name} khẩn trương hoàn thành ${items.length > 1 ? 'các nhiệm vụ' : 'nhiệm vụ'} ${joinVi(items.map(words.ref))} đã quá hạn và báo cáo kết quả trong ${data.next.label}.`);
  }
  const returned = data.changes.filter((change) => change.kind === 'returned');
  for (const change of returned) {
    const task = taskOf(change.taskId);
    if (task.state === 'completed') continue; // completed after the return: nothing left to ask
    proposals.push(`- Đề nghị ${task.lead?.name ?? 'đơn vị chủ trì'} hoàn thiện báo cáo kết quả nhiệm vụ ${words.ref(task)} theo ý kiến ngày ${words.date(change.at)} (${change.reason.replace(/[.;]+$/, '')}) và gửi lại.`);
  }
  const extended = data.changes.filter((change) => change.kind === 'extended');
  const extendedTasks = new Map<string, { task: ReportTask; reason: string }>();
  for (const change of extended) extendedTasks.set(change.taskId, { task: taskOf(change.taskId), reason: change.kind === 'extended' ? change.reason : '' });
  for (const { task, reason } of extendedTasks.values()) {
    if (finishedTaskStates.has(task.state)) continue; // completed or cancelled: nothing left to ask
    proposals.push(`- Nhiệm vụ ${words.ref(task)} đã được gia hạn (${words.term(task)}; lý do: ${reason.replace(/[.;]+$/, '')}); đề nghị ${task.lead?.name ?? 'đơn vị chủ trì'} bảo đảm hoàn thành trong thời hạn mới.`);
  }
  const missing = groupByUnit(
    data.requests.flatMap((request) => request.missing.map((unit) => ({ unit, subject: request.subject }))),
    (entry) => entry.unit,
  );
  for (const { name, items } of missing) proposals.push(`- Đề nghị ${name} gửi ${joinVi(items.map((item) => item.subject.charAt(0).toLowerCase() + item.subject.slice(1)))} còn thiếu.`);
  if (proposals.length === 0) line('Không có kiến nghị, đề xuất trong kỳ.');
  else for (const proposal of proposals) line(proposal);

  return blocks;
}

/** The closing sentences: what the report was, and to whom it is reported. */
export function closingSentences(data: ReportData): string[] {
  const bodies = data.particulars.recipients.filter((line) => !/^(Lưu|Như trên)\b/.test(line));
  return [
    `Trên đây là báo cáo kết quả thực hiện ${data.plans.length > 1 ? 'các kế hoạch' : 'kế hoạch'} ${periodPhrase(data.period.label)} của ${data.sender.name}.`,
    bodies.length > 0 ? `${data.sender.name} kính báo cáo ${joinVi(bodies)} xem xét, chỉ đạo./.` : 'Kính báo cáo./.',
  ];
}
