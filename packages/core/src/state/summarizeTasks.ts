import type { TaskView } from './views.js';
import { chasedTaskStates } from '../machines/taskMachine.js';

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
  /** Tasks completed, or unfinished with their due instant at or before `asOf` (see hasFallenDue). */
  fallenDue: number;
  /** completed / fallenDue, or null when nothing has fallen due yet. */
  completionRate: number | null;
};

export type Heading = 'completedOnTime' | 'completedLate' | 'inTerm' | 'overdueUnfinished' | 'cancelled';
type Countable = Pick<TaskView, 'state' | 'outcome' | 'overdue' | 'dueAt'>;

/**
 * The heading a task counts under. Without `asOf` only the log's overdue flag decides (what
 * projections use); with `asOf`, unfinished work whose due instant has passed counts as overdue even
 * before the next tick has flagged it.
 */
export function headingOf(task: Countable, asOf?: Date): Heading {
  if (task.state === 'cancelled') return 'cancelled';
  if (task.state === 'completed') return task.outcome === 'late' ? 'completedLate' : 'completedOnTime';
  if (task.overdue) return 'overdueUnfinished';
  if (asOf && chasedTaskStates.has(task.state) && task.dueAt !== null && Date.parse(task.dueAt) <= asOf.getTime()) return 'overdueUnfinished';
  return 'inTerm';
}

/** Completed tasks and unfinished ones whose due instant has passed (as of `asOf`, else by the overdue flag). */
export function hasFallenDue(task: Countable, asOf?: Date): boolean {
  const heading = headingOf(task, asOf);
  if (heading === 'cancelled') return false;
  if (heading !== 'inTerm') return true;
  return asOf !== undefined && task.dueAt !== null && Date.parse(task.dueAt) <= asOf.getTime();
}

/** The 4-way statistics of a set of tasks as of an instant. */
export function summarizeTasks(tasks: readonly Countable[], asOf: Date): PlanSummary {
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
  for (const task of tasks) {
    const heading = headingOf(task, asOf);
    summary[heading]++;
    if (heading !== 'cancelled') summary.total++;
    if (hasFallenDue(task, asOf)) summary.fallenDue++;
  }
  const completed = summary.completedOnTime + summary.completedLate;
  summary.completionRate = summary.fallenDue === 0 ? null : completed / summary.fallenDue;
  return summary;
}
