import type { RowChange, TableDef } from './Projection.js';
import { keyString } from './Projection.js';

type Upsert = Extract<RowChange, { op: 'upsert' }>;
type Increment = Extract<RowChange, { op: 'increment' }>;

/** No column of `b` is one of `a`'s. */
function disjoint(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  for (const column in b) if (column in a) return false;
  return true;
}

/** Two increments whose sum is exact: integer columns and safe integer deltas and sums (real columns add in order, as memory does). */
function exactSum(table: TableDef, earlier: Increment, later: Increment): Record<string, number> | null {
  const by: Record<string, number> = { ...earlier.by };
  for (const [column, delta] of Object.entries(later.by)) {
    const sum = (by[column] ?? 0) + delta;
    if (table.columns[column] !== 'integer' || !Number.isSafeInteger(delta) || !Number.isSafeInteger(sum)) return null;
    by[column] = sum;
  }
  for (const [column, delta] of Object.entries(earlier.by)) if (table.columns[column] !== 'integer' || !Number.isSafeInteger(delta)) return null;
  return by;
}

/**
 * The changes of one batch with fewer changes per row, leaving every table as the full list would.
 * Rows are independent, so only the changes of one row (table and key) are merged, keeping their order:
 * - a delete drops every earlier change of its row;
 * - an upsert merges into the row's latest upsert (its columns win), past increments of other columns;
 * - an increment merges into the row's latest increment (deltas added), past upserts of other columns,
 *   where every column is an integer and every sum exact.
 * The merged change takes the earlier one's place. An upsert and an increment of other columns commute:
 * each sets or adds to its own columns, and each creates a missing row at zero. A rebuild sends one
 * upsert per event of a task and one increment per event of a plan's counts, most merged within the batch.
 */
export function coalesceChanges(changes: readonly RowChange[], tableOf: (name: string) => TableDef): RowChange[] {
  const kept: (RowChange | undefined)[] = [];
  const history = new Map<string, number[]>(); // table + row key → indices in `kept` of that row's changes, in order
  for (const change of changes) {
    const table = tableOf(change.table);
    const key = `${change.table}\u0000${keyString(table, change.op === 'upsert' ? change.row : change.key)}`;
    let indices = history.get(key);
    if (!indices) history.set(key, (indices = []));
    if (change.op === 'delete') {
      for (const at of indices) kept[at] = undefined;
      indices.length = 0;
    } else if (mergeInto(table, change, kept, indices)) {
      continue;
    }
    indices.push(kept.length);
    kept.push(change);
  }
  return kept.filter((change): change is RowChange => change !== undefined);
}

/** Merges `change` into an earlier change of its row where that leaves the row as applying both would; true if it did. */
function mergeInto(table: TableDef, change: Upsert | Increment, kept: (RowChange | undefined)[], indices: readonly number[]): boolean {
  for (let i = indices.length - 1; i >= 0; i--) {
    const at = indices[i]!;
    const earlier = kept[at]!;
    if (change.op === 'upsert') {
      if (earlier.op === 'upsert') {
        kept[at] = { op: 'upsert', table: change.table, row: { ...earlier.row, ...change.row } };
        return true;
      }
      if (earlier.op !== 'increment' || !disjoint(change.row, earlier.by)) return false;
    } else {
      if (earlier.op === 'increment') {
        const by = exactSum(table, earlier, change);
        if (by === null) return false;
        kept[at] = { op: 'increment', table: change.table, key: earlier.key, by };
        return true;
      }
      if (earlier.op !== 'upsert' || !disjoint(earlier.row, change.by)) return false;
    }
  }
  return false;
}
