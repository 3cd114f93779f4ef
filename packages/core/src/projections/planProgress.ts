import { hasFallenDue, headingOf } from '../state/summarizeTasks.js';
import type { TaskStateView } from '../state/views.js';
import type { Projection, RowChange } from './Projection.js';

const HEADINGS = {
  completedOnTime: 'completed_on_time',
  completedLate: 'completed_late',
  inTerm: 'in_term',
  overdueUnfinished: 'overdue_unfinished',
  cancelled: 'cancelled',
} as const;

function counts(task: TaskStateView): Record<string, number> {
  const heading = headingOf(task);
  return { [HEADINGS[heading]]: 1, total: heading === 'cancelled' ? 0 : 1, fallen_due: hasFallenDue(task) ? 1 : 0 };
}

/**
 * Per plan: the official 4-way statistics by the log's overdue flags (as of the last tick), and the
 * tasks fallen due, from which the completion rate follows.
 */
export const planProgress: Projection = {
  name: 'plan_progress',
  version: 1,
  tables: [
    {
      name: 'plan_progress',
      key: ['plan_id'],
      columns: {
        plan_id: 'text',
        title: 'text',
        number: 'text',
        state: 'text',
        total: 'integer',
        completed_on_time: 'integer',
        completed_late: 'integer',
        in_term: 'integer',
        overdue_unfinished: 'integer',
        cancelled: 'integer',
        fallen_due: 'integer',
      },
    },
  ],
  apply({ plan, task }) {
    if (plan) {
      const { after } = plan;
      return [{ op: 'upsert', table: 'plan_progress', row: { plan_id: after.planId, title: after.title, number: after.number, state: after.state } }];
    }
    if (!task) return [];
    const key = { plan_id: task.after.planId };
    const changes: RowChange[] = [];
    if (task.before) {
      const by = Object.fromEntries(Object.entries(counts(task.before)).map(([column, n]) => [column, -n]));
      changes.push({ op: 'increment', table: 'plan_progress', key, by });
    }
    changes.push({ op: 'increment', table: 'plan_progress', key, by: counts(task.after) });
    return changes;
  },
};
