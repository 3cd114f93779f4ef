import { type RowChange, type TableDef } from '@planlog/core';
import { keyString } from '@planlog/core/store';

/** Every column `earlier` sets is set again by `later`. */
function covers(later: Record<string, unknown>, earlier: Record<string, unknown>): boolean {
  for (const column in earlier) if (!(column in later)) return false;
  return true;
}

/**
 * The changes of one batch with every upsert dropped that a later upsert of the same row overwrites
 * column for column before anything else touches that row; the survivor takes the dropped one's place.
 * Rows are independent, so the result leaves every table as the full list would. A rebuild sends one
 * upsert per event of a task, most of them overwritten within the same batch: this spares SQLite those writes.
 */
export function coalesceChanges(changes: readonly RowChange[], tableOf: (name: string) => TableDef): RowChange[] {
  const kept: RowChange[] = [];
  const latest = new Map<string, number>(); // table + row key → index in `kept` of that row's latest change
  for (const change of changes) {
    const key = `${change.table}\u0000${keyString(tableOf(change.table), change.op === 'upsert' ? change.row : change.key)}`;
    const at = latest.get(key);
    if (at !== undefined && change.op === 'upsert') {
      const earlier = kept[at]!;
      if (earlier.op === 'upsert' && covers(change.row, earlier.row)) {
        kept[at] = change;
        continue;
      }
    }
    latest.set(key, kept.length);
    kept.push(change);
  }
  return kept;
}
