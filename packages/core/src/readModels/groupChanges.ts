import type { RowChange, TableDef } from '../projections/Projection.js';
import { changeShape } from './readModelSql.js';

/**
 * A key as loosely as a database may compare it: numbers and numeric strings as numbers, anything else
 * as text (a bigint key takes 1 and '1' as one row; a text key takes 1 and '1' as one too). Looser
 * is safe here: two rows taken for one only cost a statement more.
 */
function looseKey(table: TableDef, row: Record<string, unknown>): string {
  return JSON.stringify(
    table.key.map((column) => {
      const value = row[column];
      const type = table.columns[column];
      return (type === 'integer' || type === 'real') && value !== null && value !== '' && Number.isFinite(Number(value)) ? String(Number(value)) : String(value);
    }),
  );
}

/**
 * Row changes in groups a store can send as one multi-row statement each (`changesStatement`), in
 * the order to send them: every change of a group has the same shape (`changeShape`) and a row of
 * its own, and the changes of one row keep their order. The n-th change of each row goes in a group
 * after every group holding a row's (n-1)-th; rows are independent, so changes of different rows
 * may run in any order. Coalesce first (`coalesceChanges`): most rows then have one change, and a
 * batch one group per table and shape.
 */
export function groupChanges(changes: readonly RowChange[], tableOf: (name: string) => TableDef): RowChange[][] {
  const seen = new Map<string, number>(); // table + key → changes of that row so far
  const rounds: Map<string, RowChange[]>[] = [];
  for (const change of changes) {
    const key = `${change.table}\u0000${looseKey(tableOf(change.table), change.op === 'upsert' ? change.row : change.key)}`;
    const round = seen.get(key) ?? 0;
    seen.set(key, round + 1);
    const groups = (rounds[round] ??= new Map());
    const shape = changeShape(change);
    const group = groups.get(shape);
    if (group) group.push(change);
    else groups.set(shape, [change]);
  }
  return rounds.flatMap((groups) => [...groups.values()]);
}
