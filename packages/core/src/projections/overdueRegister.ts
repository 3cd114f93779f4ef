import type { Projection } from './Projection.js';

/** The tasks flagged overdue right now (đôn đốc list): a row appears with `task.overdue` and goes when the flag clears. */
export const overdueRegister: Projection = {
  name: 'overdue_register',
  version: 1,
  tables: [
    {
      name: 'overdue_register',
      key: ['task_id'],
      columns: {
        task_id: 'text',
        plan_id: 'text',
        ref: 'text',
        title: 'text',
        lead_id: 'text',
        lead_name: 'text',
        due_at: 'text',
        overdue_since: 'text',
        state: 'text',
      },
    },
  ],
  apply({ event, task }) {
    if (!task) return [];
    const { before, after } = task;
    if (!after.overdue) return before?.overdue ? [{ op: 'delete', table: 'overdue_register', key: { task_id: after.taskId } }] : [];
    const row = {
      task_id: after.taskId,
      plan_id: after.planId,
      ref: after.ref,
      title: after.title,
      lead_id: after.lead?.id ?? null,
      lead_name: after.lead?.name ?? null,
      due_at: after.dueAt,
      state: after.state,
    };
    return [{ op: 'upsert', table: 'overdue_register', row: before?.overdue ? row : { ...row, overdue_since: event.recordedAt } }];
  },
};
