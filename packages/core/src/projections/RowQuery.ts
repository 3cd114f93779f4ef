import { PlanlogError } from '../base/errors.js';
import type { ColumnType, Row, RowValue, TableDef } from './Projection.js';

/**
 * A condition on a read-model row, in the small language every adapter translates the same way
 * (memory in code, SQLite and PostgreSQL through core's `readModelSql`).
 * - `eq`: the column equals the value (`null`: is null; a null boolean counts as false);
 * - `in`: the column equals one of the values;
 * - `lt` `le` `gt` `ge`: compared with the value (text in code-point order, numbers as numbers);
 *   a null column never matches;
 * - `hasId`: the column holds a JSON array with an element `{ id: value, … }` (a task's support units);
 * - `or`: any of the conditions holds; `and`: all of them do.
 */
export type RowCondition =
  | { op: 'eq'; column: string; value: RowValue }
  | { op: 'in'; column: string; values: readonly (string | number)[] }
  | { op: 'lt' | 'le' | 'gt' | 'ge'; column: string; value: string | number }
  | { op: 'hasId'; column: string; value: string }
  | { op: 'or'; conditions: readonly RowCondition[] }
  | { op: 'and'; conditions: readonly RowCondition[] };

/**
 * What `ReadModels.select` reads: the rows meeting every condition of `where`, ordered by the
 * `orderBy` columns (ascending; default the table's key), strictly after the tuple `after` of those
 * columns' values (a keyset page), at most `limit` of them. Rows with a null in an `orderBy` column
 * are left out, so every store orders and pages the same rows the same way.
 */
export type RowQuery = {
  where?: readonly RowCondition[];
  orderBy?: readonly string[];
  after?: readonly (string | number)[];
  limit?: number;
};

/** A query with its defaults filled in, checked against the table: what an adapter runs. */
export type CheckedRowQuery = { where: readonly RowCondition[]; orderBy: readonly string[]; after: readonly (string | number)[] | null; limit: number | null };

const ORDERABLE: readonly ColumnType[] = ['text', 'integer', 'real'];

function refuse(field: string, message: string): PlanlogError {
  return new PlanlogError('VALIDATION', `${field}: ${message}`, { field });
}

function columnType(table: TableDef, column: string, field: string): ColumnType {
  const type = table.columns[column];
  if (type === undefined) throw refuse(field, `${table.name} has no column ${column}`);
  return type;
}

function checkCondition(table: TableDef, condition: RowCondition): void {
  if (condition.op === 'or' || condition.op === 'and') {
    for (const inner of condition.conditions) checkCondition(table, inner);
    return;
  }
  const type = columnType(table, condition.column, 'where');
  if (condition.op === 'hasId' && type !== 'json') throw refuse('where', `hasId needs a json column (${condition.column} is ${type})`);
  if ((condition.op === 'lt' || condition.op === 'le' || condition.op === 'gt' || condition.op === 'ge') && !ORDERABLE.includes(type)) {
    throw refuse('where', `${condition.op} needs a text or number column (${condition.column} is ${type})`);
  }
}

/** A row query checked against its table: columns exist, order columns are text or numbers, `after` matches them. */
export function checkRowQuery(table: TableDef, query: RowQuery = {}): CheckedRowQuery {
  const where = query.where ?? [];
  for (const condition of where) checkCondition(table, condition);
  const orderBy = query.orderBy ?? table.key;
  if (orderBy.length === 0) throw refuse('orderBy', 'must name at least one column');
  for (const column of orderBy) {
    const type = columnType(table, column, 'orderBy');
    if (!ORDERABLE.includes(type)) throw refuse('orderBy', `${column} is ${type}: only text and number columns order rows`);
  }
  const after = query.after ?? null;
  if (after !== null) {
    if (after.length !== orderBy.length) throw refuse('after', `must hold ${orderBy.length} values, one per orderBy column`);
    after.forEach((value, i) => {
      const type = table.columns[orderBy[i]!];
      if (type === 'text' ? typeof value !== 'string' : typeof value !== 'number' || !Number.isFinite(value)) throw refuse('after', `value ${i + 1} does not fit ${orderBy[i]} (${type})`);
    });
  }
  const limit = query.limit ?? null;
  if (limit !== null && !(Number.isSafeInteger(limit) && limit >= 0)) throw refuse('limit', 'must be a whole number ≥ 0');
  return { where, orderBy, after, limit };
}

/**
 * Strings in code-point order (what SQLite's BINARY and PostgreSQL's `COLLATE "C"` give), not in
 * UTF-16 code-unit order (JavaScript's `<`), which differs for characters above U+FFFF.
 */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    // Surrogates (D800–DFFF) stand for code points above every BMP unit: move them past E000–FFFF.
    if (x >= 0xd800) x += x <= 0xdfff ? 0x2000 : -0x800;
    if (y >= 0xd800) y += y <= 0xdfff ? 0x2000 : -0x800;
    return x - y;
  }
  return a.length - b.length;
}

/** Two orderable values of one column: numbers as numbers, text in code-point order. */
export function compareValues(a: string | number, b: string | number): number {
  return typeof a === 'number' && typeof b === 'number' ? a - b : compareCodePoints(String(a), String(b));
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Whether a row meets a condition (the memory adapter's reading of the condition language). */
export function meetsCondition(table: TableDef, row: Row, condition: RowCondition): boolean {
  if (condition.op === 'or') return condition.conditions.some((inner) => meetsCondition(table, row, inner));
  if (condition.op === 'and') return condition.conditions.every((inner) => meetsCondition(table, row, inner));
  const value = row[condition.column] ?? null;
  const type = table.columns[condition.column];
  switch (condition.op) {
    case 'eq':
      if (condition.value === null) return type === 'boolean' ? value === false || value === null : value === null;
      return type === 'json' ? sameJson(value, condition.value) : value === condition.value;
    case 'in':
      return condition.values.some((one) => one === value);
    case 'hasId':
      return Array.isArray(value) && value.some((element) => typeof element === 'object' && element !== null && (element as { id?: unknown }).id === condition.value);
    default: {
      if (value === null || (typeof value !== 'string' && typeof value !== 'number')) return false;
      const order = compareValues(value, condition.value);
      return condition.op === 'lt' ? order < 0 : condition.op === 'le' ? order <= 0 : condition.op === 'gt' ? order > 0 : order >= 0;
    }
  }
}

/** The rows of a table that a checked query selects, in its order (the memory adapter's `select`). */
export function selectRows(table: TableDef, rows: Iterable<Row>, query: CheckedRowQuery): Row[] {
  const { where, orderBy, after, limit } = query;
  const keyOf = (row: Row) => orderBy.map((column) => row[column] as string | number);
  const compareKeys = (a: readonly (string | number)[], b: readonly (string | number)[]) => {
    for (let i = 0; i < a.length; i++) {
      const order = compareValues(a[i]!, b[i]!);
      if (order !== 0) return order;
    }
    return 0;
  };
  const chosen: { key: (string | number)[]; row: Row }[] = [];
  for (const row of rows) {
    if (orderBy.some((column) => row[column] === null || row[column] === undefined)) continue;
    if (!where.every((condition) => meetsCondition(table, row, condition))) continue;
    const key = keyOf(row);
    if (after !== null && compareKeys(key, after) <= 0) continue;
    chosen.push({ key, row });
  }
  chosen.sort((a, b) => compareKeys(a.key, b.key));
  return (limit === null ? chosen : chosen.slice(0, limit)).map(({ row }) => row);
}
