import type { ColumnType, Row, RowChange, TableDef } from '@planlog/core';

const quote = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;

/** The quoted name of a read-model table (`rm_<name>`) in a schema (already quoted). */
export const tableName = (schema: string, table: string) => `${schema}.${quote(`rm_${table}`)}`;
/** The quoted name of the projections' meta table. */
export const metaName = (schema: string) => `${schema}.planlog_projections`;

/**
 * Column types. New rows get the type's zero as in memory (0, false, null) through the defaults.
 * `json` keeps the text as written (jsonb would reorder keys, and a rebuild must give the same rows).
 */
const SQL_TYPES: Record<ColumnType, string> = {
  text: 'text',
  integer: 'bigint DEFAULT 0',
  real: 'double precision DEFAULT 0',
  boolean: 'boolean NOT NULL DEFAULT false',
  json: 'json',
};

/** The cast each parameter gets, so one statement text serves every value of a shape. */
const CASTS: Record<ColumnType, string> = { text: 'text', integer: 'bigint', real: 'double precision', boolean: 'boolean', json: 'json' };

export function metaSql(schema: string): string {
  return `CREATE TABLE IF NOT EXISTS ${metaName(schema)} (
    name           text    PRIMARY KEY,
    version        integer NOT NULL,
    checkpoint     bigint  NOT NULL DEFAULT 0,
    error_position bigint,
    error_message  text
  )`;
}

/** `CREATE TABLE` for a read-model table. */
export function createTableSql(schema: string, table: TableDef): string {
  const columns = Object.entries(table.columns).map(([name, type]) =>
    table.key.includes(name) ? `${quote(name)} ${type === 'integer' ? 'bigint' : 'text'} NOT NULL` : `${quote(name)} ${SQL_TYPES[type]}`,
  );
  return `CREATE TABLE IF NOT EXISTS ${tableName(schema, table.name)} (${columns.join(', ')}, PRIMARY KEY (${table.key.map(quote).join(', ')}))`;
}

const castOf = (table: TableDef, column: string): string => CASTS[table.columns[column] ?? 'json'];

/**
 * The SQL of one row change: upsert is `INSERT … ON CONFLICT DO UPDATE` of the named columns (the
 * others keep their value, or their zero default in a new row); increment adds to the named columns.
 */
export function changeSql(schema: string, table: TableDef, change: RowChange): string {
  const target = tableName(schema, table.name);
  const keys = table.key.map(quote);
  let n = 0;
  const param = (column: string) => `$${++n}::${castOf(table, column)}`;
  if (change.op === 'delete') return `DELETE FROM ${target} WHERE ${table.key.map((key) => `${quote(key)} = ${param(key)}`).join(' AND ')}`;
  const values = change.op === 'upsert' ? Object.keys(change.row).filter((name) => !table.key.includes(name)) : Object.keys(change.by);
  const all = [...table.key, ...values];
  const insert = `INSERT INTO ${target} AS t (${all.map(quote).join(', ')}) VALUES (${all.map(param).join(', ')})`;
  if (values.length === 0) return `${insert} ON CONFLICT DO NOTHING`;
  const set = values.map((name) =>
    change.op === 'upsert' ? `${quote(name)} = excluded.${quote(name)}` : `${quote(name)} = coalesce(t.${quote(name)}, 0) + excluded.${quote(name)}`,
  );
  return `${insert} ON CONFLICT (${keys.join(', ')}) DO UPDATE SET ${set.join(', ')}`;
}

/** A key for the statement cache: the same shape of change runs the same (named, prepared) statement. */
export function shapeOf(change: RowChange): string {
  if (change.op === 'delete') return `${change.table}|delete`;
  const names = change.op === 'upsert' ? Object.keys(change.row) : Object.keys(change.by);
  return `${change.table}|${change.op}|${names.join(',')}`;
}

/** The parameters of a change, in the order of `changeSql`. */
export function changeParams(table: TableDef, change: RowChange): unknown[] {
  const keyRow = change.op === 'upsert' ? change.row : change.key;
  const keys = table.key.map((name) => toSql(table.columns[name]!, keyRow[name] ?? null));
  if (change.op === 'delete') return keys;
  if (change.op === 'increment') return [...keys, ...Object.values(change.by)];
  return [...keys, ...Object.entries(change.row).filter(([name]) => !table.key.includes(name)).map(([name, value]) => toSql(table.columns[name] ?? 'json', value))];
}

/** `SELECT` of a table's rows whose columns equal the given values (null: `IS NULL`), ordered by key. */
export function rowsQuery(schema: string, table: TableDef, where: Row): { text: string; values: unknown[] } {
  const values: unknown[] = [];
  const conditions = Object.entries(where).map(([column, value]) => {
    const type = table.columns[column] ?? 'text';
    if (value === null || value === undefined) return type === 'boolean' ? `coalesce(${quote(column)}, false) = false` : `${quote(column)} IS NULL`;
    values.push(toSql(type, value));
    return type === 'json' ? `${quote(column)}::jsonb = $${values.length}::jsonb` : `${quote(column)} = $${values.length}::${CASTS[type]}`;
  });
  // Text keys in code-point order (COLLATE "C"), as the memory adapter sorts them.
  const order = table.key.map((column) => (table.columns[column] === 'integer' ? quote(column) : `${quote(column)} COLLATE "C"`));
  return {
    text: `SELECT * FROM ${tableName(schema, table.name)}${conditions.length ? ` WHERE ${conditions.join(' AND ')}` : ''} ORDER BY ${order.join(', ')}`,
    values,
  };
}

export function toSql(type: ColumnType, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (type === 'json') return JSON.stringify(value);
  return value;
}

/** A value as read back: bigint (pg gives a string) as a number, a null boolean as false; json is parsed by pg. */
export function fromSql(type: ColumnType, value: unknown): unknown {
  if (value === null || value === undefined) return type === 'boolean' ? false : null;
  if (type === 'integer' || type === 'real') return Number(value);
  return value;
}
