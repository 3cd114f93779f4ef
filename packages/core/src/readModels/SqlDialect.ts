import type { ColumnType } from '../projections/Projection.js';

/**
 * What one SQL database does its own way, for core's read-model SQL generator (`readModelSql`):
 * everything else (table layout, upserts, increments, conditions, keyset pages) is written once.
 * Each store package supplies its dialect; core itself knows no database.
 */
export type SqlDialect = {
  /** An identifier, quoted (`"name"`, doubling inner quotes: `quoteIdentifier`). */
  quote(identifier: string): string;
  /** The quoted, qualified name of a read-model table (`rm_<name>`, in a schema where there is one). */
  tableName(table: string): string;
  /**
   * A column's type in `CREATE TABLE`. A key column is never null; any other gets its type's zero as
   * default (0, false; null for text and json), so a new row reads as it does in memory.
   */
  columnType(type: ColumnType, key: boolean): string;
  /** Appended to `CREATE TABLE (…)` (SQLite: ` WITHOUT ROWID`). */
  createTableSuffix: string;
  /** The `index`-th parameter (1-based) holding a value of `type` (`?`, or `$1::text`). */
  placeholder(index: number, type: ColumnType): string;
  /**
   * Rows read from array parameters, one array per column in order, from parameter 1 on (PostgreSQL:
   * `unnest($1::text[], $2::bigint[])`): many row changes in one statement (`changesStatement`).
   * Absent where the driver takes no arrays (SQLite runs one statement per change, in process).
   */
  arrayRows?(types: readonly ColumnType[]): string;
  /** Makes a text column compare and sort in code-point order (`COLLATE "C"`), or '' where that is the default. */
  codePointOrder: string;
  /** A json column equal to the json parameter `param`. */
  jsonEquals(column: string, param: string): string;
  /** A json column holding an array with an element `{ id: <param>, … }`. */
  jsonHasId(column: string, param: string): string;
  /** A value as the driver takes it for a column of `type` (null stays null). */
  toSql(type: ColumnType, value: unknown): unknown;
  /** A value as the driver gives it back, as memory holds it (a null boolean reads false). */
  fromSql(type: ColumnType, value: unknown): unknown;
};

/** `"name"`, with inner quotes doubled: the SQL standard's quoting, which SQLite and PostgreSQL share. */
export function quoteIdentifier(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}
