import { summarizeTasks } from '@planlog/core';
import type { ReportData } from './collectReport.js';
import { formatPercent } from './reportDates.js';
import type { Block } from './ReportDocument.js';
import { groupByUnit, joinVi, wording } from './wording.js';

const rate = (value: number | null) => (value === null ? '-' : formatPercent(value));

/**
 * The annex: Biểu 1, the 4-way statistics by lead unit with their total; Biểu 2, overdue work by
 * lead unit (unfinished, and finished late in the period); Biểu 3, who answered each report request
 * due in the period, on time or late, and who still owes it.
 */
export function annexTables(data: ReportData): Block[] {
  const words = wording(data.period.timeZone);
  const until = words.date(data.period.asOf.getTime());
  const total = summarizeTasks(data.tasks, data.period.asOf);
  const blocks: Block[] = [
    {
      kind: 'table',
      caption: `Biểu 1. Kết quả thực hiện nhiệm vụ theo đơn vị chủ trì (đến hết ngày ${until})`,
      columns: [
        { title: 'STT', width: 8, align: 'center' },
        { title: 'Đơn vị chủ trì', width: 28 },
        { title: 'Tổng số', width: 9, align: 'center' },
        { title: 'Hoàn thành đúng hạn', width: 11, align: 'center' },
        { title: 'Hoàn thành quá hạn', width: 11, align: 'center' },
        { title: 'Chưa hoàn thành, còn trong hạn', width: 11, align: 'center' },
        { title: 'Quá hạn chưa hoàn thành', width: 11, align: 'center' },
        { title: 'Tỷ lệ hoàn thành (*)', width: 11, align: 'center' },
      ],
      rows: [
        ...data.byUnit.map(({ unit, summary }, i) => [
          String(i + 1),
          unit.name,
          String(summary.total),
          String(summary.completedOnTime),
          String(summary.completedLate),
          String(summary.inTerm),
          String(summary.overdueUnfinished),
          rate(summary.completionRate),
        ]),
        ['', 'Tổng cộng', String(total.total), String(total.completedOnTime), String(total.completedLate), String(total.inTerm), String(total.overdueUnfinished), rate(total.completionRate)],
      ],
      totalRow: true,
      note: '(*) Tỷ lệ hoàn thành tính trên số nhiệm vụ đã đến hạn; "-": chưa có nhiệm vụ đến hạn.',
    },
  ];

  const overdue = data.tasks.filter((task) => task.heading === 'overdueUnfinished');
  const late = data.completedInPeriod.filter((task) => task.heading === 'completedLate');
  const rows: string[][] = [];
  for (const { name, items } of groupByUnit([...overdue, ...late], (task) => task.lead)) {
    for (const task of items) {
      const status = task.heading === 'overdueUnfinished' ? 'Quá hạn, chưa hoàn thành' : 'Hoàn thành quá hạn trong kỳ';
      rows.push([String(rows.length + 1), name, words.task(task), task.dueAt ? words.dueDay(task.dueAt) : '-', status]);
    }
  }
  blocks.push({
    kind: 'table',
    caption: `Biểu 2. Nhiệm vụ quá hạn theo đơn vị chủ trì (đến hết ngày ${until})`,
    columns: [
      { title: 'STT', width: 8, align: 'center' },
      { title: 'Đơn vị chủ trì', width: 22 },
      { title: 'Nhiệm vụ', width: 38 },
      { title: 'Thời hạn', width: 15, align: 'center' },
      { title: 'Tình trạng', width: 17 },
    ],
    rows: rows.length > 0 ? rows : [['', 'Không có nhiệm vụ quá hạn', '', '', '']],
  });

  const requestRows = data.requests.map((request, i) => {
    const owing = request.onTime.length + request.late.length + request.missing.length;
    return [
      String(i + 1),
      request.subject,
      words.before(request.dueAt).replace(/^trước (ngày )?/, ''),
      String(owing),
      String(request.onTime.length),
      request.late.length === 0 ? '0' : `${request.late.length}: ${request.late.map((answer) => answer.unit.name).join(', ')}`,
      request.missing.length === 0 ? '0' : `${request.missing.length}: ${request.missing.map((unit) => unit.name).join(', ')}`,
    ];
  });
  const notOwing = data.requests.filter((request) => request.notOwing.length > 0).map((request) => `${joinVi(request.notOwing.map((unit) => unit.name))} (${request.subject})`);
  blocks.push({
    kind: 'table',
    caption: `Biểu 3. Tình hình thực hiện yêu cầu báo cáo đến hạn trong kỳ`,
    columns: [
      { title: 'STT', width: 8, align: 'center' },
      { title: 'Yêu cầu báo cáo', width: 22 },
      { title: 'Hạn (trước ngày)', width: 15, align: 'center' },
      { title: 'Số đơn vị phải báo cáo', width: 10, align: 'center' },
      { title: 'Đúng hạn', width: 9, align: 'center' },
      { title: 'Muộn', width: 18 },
      { title: 'Chưa báo cáo', width: 18 },
    ],
    rows: requestRows.length > 0 ? requestRows : [['', 'Không có yêu cầu báo cáo đến hạn trong kỳ', '', '', '', '', '']],
    ...(notOwing.length > 0 ? { note: `Không tính các đơn vị không còn phải báo cáo (không còn nhiệm vụ đang thực hiện): ${notOwing.join('; ')}.` } : {}),
  });
  return blocks;
}
