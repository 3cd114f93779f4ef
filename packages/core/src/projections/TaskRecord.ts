import type { TaskView } from '../state/views.js';
import type { Deadline, UnitRef } from '../schemas/primitives.js';
import type { Row } from './Projection.js';

/** A task as the task register holds it: what `queries.tasks`, `overdueTasks` and `dueWithin` return. */
export type TaskRecord = {
  taskId: string;
  planId: string;
  ref: string | null;
  title: string;
  state: TaskView['state'];
  lead: UnitRef | null;
  support: UnitRef[];
  deadline: Deadline | null;
  /** The first instant at which the task is late (ISO), or null (no deadline, or ongoing). */
  dueAt: string | null;
  overdue: boolean;
  outcome: TaskView['outcome'];
  /** The last progress reported (0..100), or null. */
  progress: number | null;
  lastReportAt: string | null;
  lastReportText: string | null;
  updatedAt: string | null;
  /** The task stream's version the row reflects. */
  version: number;
};

/** A `task_register` row as a record. */
export function toTaskRecord(row: Row): TaskRecord {
  const leadId = row.lead_id as string | null;
  return {
    taskId: row.task_id as string,
    planId: row.plan_id as string,
    ref: row.ref as string | null,
    title: row.title as string,
    state: row.state as TaskView['state'],
    lead: leadId === null ? null : { id: leadId, name: row.lead_name as string },
    support: (row.support as UnitRef[] | null) ?? [],
    deadline: (row.deadline as Deadline | null) ?? null,
    dueAt: row.due_at as string | null,
    overdue: row.overdue === true,
    outcome: row.outcome as TaskView['outcome'],
    progress: row.progress as number | null,
    lastReportAt: row.last_report_at as string | null,
    lastReportText: row.last_report_text as string | null,
    updatedAt: row.updated_at as string | null,
    version: row.version as number,
  };
}
