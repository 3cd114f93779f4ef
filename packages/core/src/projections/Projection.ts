import type { StoredEvent } from '../schemas/events.js';
import type { PlanView, TaskStateView } from '../state/views.js';

export type ColumnType = 'text' | 'integer' | 'real' | 'boolean' | 'json';
export type RowValue = string | number | boolean | null | unknown[] | Record<string, unknown>;
export type Row = Record<string, RowValue>;

/**
 * A read-model table: its key columns and every column's type (keys included), and the column lists
 * its queries order or look up by (`indexes`), which SQL stores index so a page reads only its rows.
 */
export type TableDef = { name: string; key: readonly string[]; columns: Readonly<Record<string, ColumnType>>; indexes?: readonly (readonly string[])[] };

/**
 * A change to one row, by key. `upsert` sets the named columns (a new row gets the type's zero for the
 * others: 0, false, null); `increment` adds to numeric columns (creating the row if needed);
 * `delete` removes the row.
 */
export type RowChange =
  | { op: 'upsert'; table: string; row: Row }
  | { op: 'increment'; table: string; key: Row; by: Record<string, number> }
  | { op: 'delete'; table: string; key: Row };

/** What a projection sees of one event: the event and the views of its plan or task before and after it. */
export type ProjectionInput = {
  event: StoredEvent;
  task?: { before: TaskStateView | null; after: TaskStateView };
  plan?: { before: PlanView | null; after: PlanView };
};

/**
 * A projection: a pure function from an event (and the state the machines derived from it) to row
 * changes on its own tables. Written once; every store adapter applies the changes.
 */
export type Projection = {
  name: string;
  /** Bump to make adapters rebuild the projection from position 0. */
  version: number;
  tables: readonly TableDef[];
  apply(input: ProjectionInput): RowChange[];
};

/** The zero value of a column type for a new row. */
export function zeroOf(type: ColumnType): RowValue {
  return type === 'integer' || type === 'real' ? 0 : type === 'boolean' ? false : null;
}

/** The key of a row as a string, for maps. */
export function keyString(table: TableDef, row: Row): string {
  return JSON.stringify(table.key.map((column) => row[column] ?? null));
}
