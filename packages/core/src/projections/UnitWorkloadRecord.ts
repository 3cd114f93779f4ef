import type { TaskView } from '../state/views.js';
import type { Row } from './Projection.js';

/** A lead unit's load: what `queries.unitWorkload` returns. */
export type UnitWorkloadRecord = {
  unitId: string;
  unitName: string;
  /** Tasks it leads, in any state. */
  total: number;
  /** Of those, flagged overdue now. */
  overdue: number;
  /** How many of its tasks are in each state. */
  byState: Record<TaskView['state'], number>;
};

/** A `unit_workload` row as a record; `states` are the task states (the row has a column for each). */
export function toUnitWorkloadRecord(row: Row, states: readonly TaskView['state'][]): UnitWorkloadRecord {
  return {
    unitId: row.unit_id as string,
    unitName: row.unit_name as string,
    total: Number(row.total ?? 0),
    overdue: Number(row.overdue ?? 0),
    byState: Object.fromEntries(states.map((stateName) => [stateName, Number(row[stateName] ?? 0)])) as Record<TaskView['state'], number>,
  };
}
