import type { TaskView } from './engine/views.js';

/**
 * The official 4-way statistics of a plan's tasks (as in a Báo cáo): completed on time (hoàn thành
 * đúng hạn), completed late (hoàn thành quá hạn), unfinished within term (chưa hoàn thành, còn trong
 * hạn), overdue unfinished (quá hạn chưa hoàn thành). Cancelled tasks are no longer the plan's work:
 * they are counted beside, and the four headings add up to `total`.
 */
export type PlanSummary = {
  total: number;
  completedOnTime: number;
  completedLate: number;
  inTerm: number;
  overdueUnfinished: number;
  cancelled: number;
  /** Tasks completed, or unfinished with their due instant at or before `asOf`. */
  fallenDue: number;
  /** completed / fallenDue, or null when nothing has fallen due yet. */
  completionRate: number | null;
};

/** A task counts as overdue unfinished once its due instant has passed (the log's flag may lag a tick). */
export function summarizeTasks(tasks: readonly Pick<TaskView, 'state' | 'outcome' | 'overdue' | 'dueAt'>[], asOf: Date): PlanSummary {
  const summary: PlanSummary = {
    total: 0,
    completedOnTime: 0,
    completedLate: 0,
    inTerm: 0,
    overdueUnfinished: 0,
    cancelled: 0,
    fallenDue: 0,
    completionRate: null,
  };
  const now = asOf.getTime();
  for (const task of tasks) {
    if (task.state === 'cancelled') {
      summary.cancelled++;
      continue;
    }
    summary.total++;
    if (task.state === 'completed') {
      if (task.outcome === 'late') summary.completedLate++;
      else summary.completedOnTime++;
      summary.fallenDue++;
    } else if (task.overdue || (task.dueAt !== null && Date.parse(task.dueAt) <= now)) {
      summary.overdueUnfinished++;
      summary.fallenDue++;
    } else {
      summary.inTerm++;
    }
  }
  const completed = summary.completedOnTime + summary.completedLate;
  summary.completionRate = summary.fallenDue === 0 ? null : completed / summary.fallenDue;
  return summary;
}
