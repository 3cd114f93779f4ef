import { PlanlogError } from '../base/errors.js';
import { sha256 } from '../store/hashEvent.js';
import type { ColumnType, Row, RowChange, RowValue, TableDef } from '../projections/Projection.js';
import type { CheckedRowQuery, RowCondition } from '../projections/RowQuery.js';
import type { SqlDialect } from './SqlDialect.js';

/**
 * The SQL of the read models, written once for every SQL store: a store package gives its
 * `SqlDialect` (types, placeholders, quoting, json tests) and runs what comes out. Row changes and
 * queries mean what the memory adapter does with them; the read-model conformance suite holds every
 * store to that.
 */

/** Parameters as a statement collects them: each `add` gives the placeholder of the value it keeps. */
class Params {
  readonly values: unknown[] = [];
  constructor(private readonly dialect: SqlDialect) {}
  add(type: ColumnType, value: unknown): string {
    this.values.push(this.dialect.toSql(type, value));
    return this.dialect.placeholder(this.values.length, type);
  }
}

/** `CREATE TABLE IF NOT EXISTS` for a read-model table: its columns with their zero defaults, its key. */
export function createTableSql(dialect: SqlDialect, table: TableDef): string {
  const columns = Object.entries(table.columns).map(([name, type]) => `${dialect.quote(name)} ${dialect.columnType(type, table.key.includes(name))}`);
  return `CREATE TABLE IF NOT EXISTS ${dialect.tableName(table.name)} (${columns.join(', ')}, PRIMARY KEY (${table.key.map(dialect.quote).join(', ')}))${dialect.createTableSuffix}`;
}

/**
 * `CREATE INDEX IF NOT EXISTS` for each of a table's `indexes`, text columns in code-point order as
 * queries sort them, named after the table and the columns; and for the key too where the primary
 * key's own index sorts text otherwise (a dialect with `codePointOrder`).
 */
export function createIndexSql(dialect: SqlDialect, table: TableDef): string[] {
  const lists = [...(dialect.codePointOrder === '' ? [] : [table.key]), ...(table.indexes ?? [])];
  return lists.map((columns) => {
    for (const column of columns) {
      if (table.columns[column] === undefined) throw new PlanlogError('VALIDATION', `indexes: ${table.name} has no column ${column}`, { field: 'indexes' });
    }
    const name = dialect.quote(indexName(table.name, columns));
    return `CREATE INDEX IF NOT EXISTS ${name} ON ${dialect.tableName(table.name)} (${columns.map((column) => orderable(dialect, table, column)).join(', ')})`;
  });
}

/** `rm_<table>_by_<columns>`, or where that passes PostgreSQL's 63 bytes, a prefix and a hash of it (so two never meet). */
function indexName(table: string, columns: readonly string[]): string {
  const name = `rm_${table}_by_${columns.join('_')}`;
  if (new TextEncoder().encode(name).length <= 63) return name;
  return `rm_${table.replace(/[^A-Za-z0-9_]/g, '').slice(0, 40)}_${sha256(name).slice(0, 16)}`;
}

/** A prepared change: its SQL, and the parameters of any change of the same shape (table, operation, columns in order). */
export type ChangeStatement = { sql: string; bind(change: RowChange): unknown[] };

/** The columns a change names besides the key, in the order it names them. */
function valueColumns(table: TableDef, change: RowChange): string[] {
  if (change.op === 'delete') return [];
  if (change.op === 'increment') return Object.keys(change.by);
  return Object.keys(change.row).filter((name) => !table.key.includes(name));
}

const typeOf = (table: TableDef, column: string): ColumnType => table.columns[column] ?? 'json';

/** A change's key and value columns with their types (an increment's unknown column counts as real). */
function columnsOf(table: TableDef, change: RowChange) {
  const keys = table.key;
  const values = valueColumns(table, change);
  const keyTypes = keys.map((name) => table.columns[name]!);
  const valueTypes = values.map((name) => (change.op === 'increment' ? table.columns[name] ?? 'real' : typeOf(table, name)));
  return { keys, values, keyTypes, valueTypes };
}

/** The `INSERT … ON CONFLICT` of an upsert or increment, its rows from `source` (`VALUES (…)` or a `SELECT`). */
function writeSql(dialect: SqlDialect, table: TableDef, change: RowChange, source: string): string {
  const { keys, values } = columnsOf(table, change);
  const q = dialect.quote;
  const insert = `INSERT INTO ${dialect.tableName(table.name)} AS t (${[...keys, ...values].map(q).join(', ')}) ${source}`;
  const set = values.map((name) =>
    change.op === 'upsert' ? `${q(name)} = excluded.${q(name)}` : `${q(name)} = coalesce(t.${q(name)}, 0) + excluded.${q(name)}`,
  );
  return values.length === 0 ? `${insert} ON CONFLICT DO NOTHING` : `${insert} ON CONFLICT (${keys.map(q).join(', ')}) DO UPDATE SET ${set.join(', ')}`;
}

/**
 * The statement of one row change. `upsert` inserts the row or sets the columns it names (a new
 * row's other columns take their zero default); `increment` adds to numeric columns, creating the
 * row at zero first; `delete` removes the row by key. Statements depend only on the change's shape,
 * so a store prepares one per shape and binds each change with `bind`.
 */
export function changeStatement(dialect: SqlDialect, table: TableDef, change: RowChange): ChangeStatement {
  const { keys, values, keyTypes, valueTypes } = columnsOf(table, change);
  const placeholders = [...keyTypes, ...valueTypes].map((type, i) => dialect.placeholder(i + 1, type));
  const q = dialect.quote;
  const sql =
    change.op === 'delete'
      ? `DELETE FROM ${dialect.tableName(table.name)} WHERE ${keys.map((key, i) => `${q(key)} = ${placeholders[i]}`).join(' AND ')}`
      : writeSql(dialect, table, change, `VALUES (${placeholders.join(', ')})`);
  const bind = (one: RowChange): unknown[] => {
    const keyRow: Record<string, unknown> = one.op === 'upsert' ? one.row : one.key;
    const params = keys.map((name, i) => dialect.toSql(keyTypes[i]!, keyRow[name] ?? null));
    if (one.op === 'delete') return params;
    const source: Record<string, unknown> = one.op === 'upsert' ? one.row : one.by;
    for (let i = 0; i < values.length; i++) params.push(dialect.toSql(valueTypes[i]!, source[values[i]!]));
    return params;
  };
  return { sql, bind };
}

/** A prepared multi-row change: its SQL, and the parameters (one array per column) of changes of one shape. */
export type ChangesStatement = { sql: string; bind(changes: readonly RowChange[]): unknown[][] };

/**
 * The one statement of many row changes of one shape (as `changeStatement` for each, for a dialect
 * with `arrayRows`): each parameter holds one column's values, the rows are read back from the arrays.
 * The changes must each touch a row of their own (`groupChanges` makes such groups): an upsert may
 * not update one row twice.
 */
export function changesStatement(dialect: SqlDialect, table: TableDef, change: RowChange): ChangesStatement {
  if (!dialect.arrayRows) throw new PlanlogError('VALIDATION', `dialect: no multi-row statements for ${table.name}`, { field: 'dialect' });
  const one = changeStatement(dialect, table, change);
  const { keys, values, keyTypes, valueTypes } = columnsOf(table, change);
  const types = [...keyTypes, ...valueTypes];
  const columns = [...keys, ...values].map(dialect.quote).join(', ');
  const rows = `SELECT * FROM ${dialect.arrayRows(types)} AS u (${columns})`;
  const sql = change.op === 'delete' ? `DELETE FROM ${dialect.tableName(table.name)} WHERE (${columns}) IN (${rows})` : writeSql(dialect, table, change, rows);
  const bind = (changes: readonly RowChange[]): unknown[][] => {
    const arrays: unknown[][] = types.map(() => []);
    for (const each of changes) {
      const params = one.bind(each);
      for (let i = 0; i < arrays.length; i++) arrays[i]!.push(params[i]);
    }
    return arrays;
  };
  return { sql, bind };
}

/** A key for a statement cache: changes of one shape share a statement. */
export function changeShape(change: RowChange): string {
  if (change.op === 'delete') return `${change.table}|delete`;
  return `${change.table}|${change.op}|${Object.keys(change.op === 'upsert' ? change.row : change.by).join(',')}`;
}

function conditionSql(dialect: SqlDialect, table: TableDef, condition: RowCondition, params: Params): string {
  const q = dialect.quote;
  if (condition.op === 'or' || condition.op === 'and') {
    if (condition.conditions.length === 0) return condition.op === 'or' ? '(1 = 0)' : '(1 = 1)';
    return `(${condition.conditions.map((inner) => conditionSql(dialect, table, inner, params)).join(` ${condition.op.toUpperCase()} `)})`;
  }
  const column = q(condition.column);
  const type = table.columns[condition.column]!;
  switch (condition.op) {
    case 'eq':
      if (condition.value === null) return type === 'boolean' ? `(${column} IS NULL OR ${column} = ${params.add(type, false)})` : `${column} IS NULL`;
      return type === 'json' ? dialect.jsonEquals(column, params.add(type, condition.value)) : `${column} = ${params.add(type, condition.value)}`;
    case 'in':
      if (condition.values.length === 0) return '(1 = 0)';
      return `${column} IN (${condition.values.map((value) => params.add(type, value)).join(', ')})`;
    case 'hasId':
      return dialect.jsonHasId(column, params.add('text', condition.value));
    default: {
      const operator = { lt: '<', le: '<=', gt: '>', ge: '>=' }[condition.op];
      return `${orderable(dialect, table, condition.column)} ${operator} ${params.add(type, condition.value)}`;
    }
  }
}

/** A column as it compares and sorts: text in code-point order. */
function orderable(dialect: SqlDialect, table: TableDef, column: string): string {
  return table.columns[column] === 'text' ? `${dialect.quote(column)}${dialect.codePointOrder}` : dialect.quote(column);
}

/**
 * The `SELECT` of a checked row query: its conditions, non-null order columns, the keyset
 * (`(a, b) > (x, y)` spelled out as `a > x OR (a = x AND b > y)`), the order and the limit.
 */
export function selectSql(dialect: SqlDialect, table: TableDef, query: CheckedRowQuery): { sql: string; params: unknown[] } {
  const params = new Params(dialect);
  const conditions = query.where.map((condition) => conditionSql(dialect, table, condition, params));
  for (const column of query.orderBy) conditions.push(`${dialect.quote(column)} IS NOT NULL`);
  if (query.after !== null) {
    const after = query.after;
    const alternatives = query.orderBy.map((column, i) => {
      const equal = query.orderBy.slice(0, i).map((before, j) => `${dialect.quote(before)} = ${params.add(table.columns[before]!, after[j])}`);
      return `(${[...equal, `${orderable(dialect, table, column)} > ${params.add(table.columns[column]!, after[i])}`].join(' AND ')})`;
    });
    conditions.push(`(${alternatives.join(' OR ')})`);
  }
  const where = conditions.length > 0 ? ` WHERE ${conditions.join(' AND ')}` : '';
  const order = query.orderBy.map((column) => orderable(dialect, table, column)).join(', ');
  const limit = query.limit === null ? '' : ` LIMIT ${params.add('integer', query.limit)}`;
  return { sql: `SELECT * FROM ${dialect.tableName(table.name)}${where} ORDER BY ${order}${limit}`, params: params.values };
}

/** A row as the driver gave it, read back column by column as memory holds it. */
export function rowFromSql(dialect: SqlDialect, table: TableDef, raw: Record<string, unknown>): Row {
  const row: Row = {};
  for (const [column, type] of Object.entries(table.columns)) row[column] = dialect.fromSql(type, raw[column]) as RowValue;
  return row;
}
