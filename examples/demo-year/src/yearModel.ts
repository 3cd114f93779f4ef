import type { TaskView, UnitRef } from '@planlog/core';
import type { ImportedPlan } from './importSeeds.js';
import { calendar } from './calendar.js';

// The assumptions of the demo's model of the year, kept apart from the loop that plays it.

// The simulated span: from 1 March 2026 (before the first plan is issued) to the end of 15 January
// 2027, so the year's final reports, late ones included, can be reviewed.
export const START = { year: 2026, month: 3, day: 1 };
export const cal = calendar(START);
export const LAST_DAY = cal.day(2027, 1, 15);
/** The instant the simulated year ends (16/01/2027 00:00 local): its summary is taken then. */
export const SIMULATION_END = cal.at(LAST_DAY + 1);
/** Hour of the working day at which units and the plan owner act (local time). */
export const OFFICE_HOUR = 9;

// Periodic reports follow the calendar of Decree 09/2019/NĐ-CP (Art. 12): data cut off on the 14th
// of the period's last month. The plans name the periods (or the issuer does, see issuerDecisions.ts)
// but no dates, so the model sends each report around the 14th; when the engine has opened a periodic
// obligation for the period (`report.requested` with requestId "periodic-<key>"), the report answers it.
const PERIODIC = {
  quarter: [
    { month: 3, key: '2026-Q1', label: 'Quý I/2026' },
    { month: 6, key: '2026-Q2', label: 'Quý II/2026' },
    { month: 9, key: '2026-Q3', label: 'Quý III/2026' },
    { month: 12, key: '2026-Q4', label: 'Quý IV/2026' },
  ],
  half: [{ month: 6, key: '2026-H1', label: '6 tháng đầu năm 2026' }],
  'nine-months': [{ month: 9, key: '2026-9M', label: '9 tháng năm 2026' }],
  year: [{ month: 12, key: '2026-Y', label: 'năm 2026' }],
} as const;
const CUT_OFF_DAY = 14;

export const OPEN_STATES: ReadonlySet<TaskView['state']> = new Set(['assigned', 'acknowledged', 'in_progress']);

export const PROGRESS_TEXTS = [
  'Đã quán triệt, triển khai đến cán bộ, công chức; đang tiếp tục thực hiện',
  'Đã lồng ghép vào hoạt động chuyên môn của đơn vị; kết quả bước đầu tích cực',
  'Đã tổ chức tuyên truyền, phổ biến; tiếp tục theo dõi, đôn đốc',
  'Thực hiện đúng tiến độ; chưa phát sinh khó khăn, vướng mắc',
];
export const RETURN_REASONS = [
  'Báo cáo chưa nêu rõ kết quả cụ thể và số liệu minh chứng',
  'Đề nghị bổ sung đánh giá khó khăn, vướng mắc và đề xuất, kiến nghị',
  'Chưa đúng đề cương hướng dẫn; đề nghị hoàn thiện và gửi lại',
];

export type Period = { day: number; key: string; label: string };

/** The plan's periodic reports of 2026: one per period of each rule, on the cut-off day. */
export function periodicDates(plan: Pick<ImportedPlan, 'reporting'>): Period[] {
  const periods: Period[] = [];
  for (const rule of plan.reporting) {
    if (rule.period === 'ad-hoc' || rule.period === 'month') continue;
    for (const { month, key, label } of PERIODIC[rule.period]) periods.push({ day: cal.day(2026, month, CUT_OFF_DAY), key, label });
  }
  return periods.sort((a, b) => a.day - b.day);
}

/** The units section III of the state-secrets plan assigns: those an ad-hoc request goes to. */
export function unitsOfSectionIII(plan: Pick<ImportedPlan, 'tasks'>): UnitRef[] {
  const units = new Map<string, UnitRef>();
  for (const task of plan.tasks) if (task.ref.startsWith('III.')) units.set(task.lead.id, task.lead);
  return [...units.values()];
}
