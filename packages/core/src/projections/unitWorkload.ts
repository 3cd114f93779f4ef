import type { TaskStateView } from '../state/views.js';
import { taskStates } from '../machines/taskMachine.js';
import type { Projection, RowChange } from './Projection.js';

/** What one task adds to its lead unit's row. */
function contribution(task: TaskStateView | null): { unitId: string; unitName: string; by: Record<string, number> } | null {
  if (!task?.lead) return null;
  return { unitId: task.lead.id, unitName: task.lead.name, by: { [task.state]: 1, overdue: task.overdue ? 1 : 0, total: 1 } };
}

/** Per lead unit: how many tasks it holds in each state, and how many are overdue. */
export const unitWorkload: Projection = {
  name: 'unit_workload',
  version: 1,
  tables: [
    {
      name: 'unit_workload',
      key: ['unit_id'],
      columns: {
        unit_id: 'text',
        unit_name: 'text',
        total: 'integer',
        overdue: 'integer',
        ...Object.fromEntries(taskStates.map((stateName) => [stateName, 'integer' as const])),
      },
    },
  ],
  apply({ task }) {
    if (!task) return [];
    const before = contribution(task.before);
    const after = contribution(task.after);
    const changes: RowChange[] = [];
    if (before) {
      const by = Object.fromEntries(Object.entries(before.by).map(([column, n]) => [column, -n]));
      changes.push({ op: 'increment', table: 'unit_workload', key: { unit_id: before.unitId }, by });
    }
    if (after) {
      changes.push({ op: 'upsert', table: 'unit_workload', row: { unit_id: after.unitId, unit_name: after.unitName } });
      changes.push({ op: 'increment', table: 'unit_workload', key: { unit_id: after.unitId }, by: after.by });
    }
    return changes;
  },
};
