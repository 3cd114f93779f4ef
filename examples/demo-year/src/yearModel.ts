import { chasedTaskStates, decree09Calendar, DEFAULT_TIME_ZONE, periodDueAt, periodsOfRule, type UnitRef } from '@planlog/core';
import type { ImportedPlan } from './importSamples.js';
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

// Periodic reports follow the calendar of Decree 09/2019/NĐ-CP (Art. 12), as the engine does: a
// period's report is due on the plan's own date when its rule names one ("báo cáo 6 tháng trước ngày
// 25 tháng 5"), otherwise at the end of the cut-off day (the 14th of the period's last month). The
// model plans each report for the last day before it is due; when the engine has opened a periodic
// obligation for the period (`report.requested` with requestId "periodic-<key>"), the report answers it.
const YEAR = 2026;

/** The states of work a lead unit still does and reports on: the task machine's `chased` states (assigned, acknowledged, in progress). */
export const OPEN_STATES: ReadonlySet<string> = chasedTaskStates;

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

/** The plan's periodic reports of 2026: one per period of each rule, on the last day before it is due. */
export function periodicDates(plan: Pick<ImportedPlan, 'reporting'>): Period[] {
  const periods = new Map<string, Period>();
  for (const rule of plan.reporting) {
    if (rule.period === 'ad-hoc' || rule.period === 'month') continue;
    for (const period of periodsOfRule(decree09Calendar, rule, YEAR)) {
      const day = cal.dayOf(periodDueAt(period, rule, DEFAULT_TIME_ZONE)) - 1;
      // Two rules of one period (to two units): the unit reports once, by the earlier date.
      const known = periods.get(period.key);
      if (!known || day < known.day) periods.set(period.key, { day, key: period.key, label: period.label });
    }
  }
  return [...periods.values()].sort((a, b) => a.day - b.day);
}

/** The units a section of the plan assigns ("II." gives those of section II): those an ad-hoc request goes to. */
export function unitsOfSection(plan: Pick<ImportedPlan, 'tasks'>, section: string): UnitRef[] {
  const units = new Map<string, UnitRef>();
  for (const task of plan.tasks) if (task.ref.startsWith(section)) units.set(task.lead.id, task.lead);
  return [...units.values()];
}
