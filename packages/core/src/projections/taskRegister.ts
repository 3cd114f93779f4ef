import type { Projection } from './Projection.js';

/**
 * One row per task: where it stands, who leads it, when it is due, its last report.
 * Version 2 added the deadline as given (`deadline`), so a query answers with the task's whole record.
 */
export const taskRegister: Projection = {
  name: 'task_register',
  version: 2,
  tables: [
    {
      name: 'task_register',
      key: ['task_id'],
      columns: {
        task_id: 'text',
        plan_id: 'text',
        ref: 'text',
        title: 'text',
        state: 'text',
        lead_id: 'text',
        lead_name: 'text',
        support: 'json',
        deadline: 'json',
        due_at: 'text',
        overdue: 'boolean',
        outcome: 'text',
        progress: 'real',
        last_report_at: 'text',
        last_report_text: 'text',
        updated_at: 'text',
        version: 'integer',
      },
      // The orders of queries.tasks (by plan, or by lead then plan) and of overdueTasks / dueWithin.
      indexes: [
        ['plan_id', 'task_id'],
        ['lead_id', 'plan_id', 'task_id'],
        ['due_at', 'task_id'],
      ],
    },
  ],
  apply({ task }) {
    if (!task) return [];
    const { after } = task;
    const last = after.reports.at(-1) ?? null;
    return [
      {
        op: 'upsert',
        table: 'task_register',
        row: {
          task_id: after.taskId,
          plan_id: after.planId,
          ref: after.ref,
          title: after.title,
          state: after.state,
          lead_id: after.lead?.id ?? null,
          lead_name: after.lead?.name ?? null,
          support: after.support,
          deadline: after.deadline,
          due_at: after.dueAt,
          overdue: after.overdue,
          outcome: after.outcome,
          progress: after.progress,
          last_report_at: last?.at ?? null,
          last_report_text: last?.text ?? null,
          updated_at: after.updatedAt,
          version: after.version,
        },
      },
    ];
  },
};
