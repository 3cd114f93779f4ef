import type { ColumnType, RowChange, TableDef } from '@planlog/core';

/** Read-model tables live beside the log under this prefix. */
export const tableName = (table: string) => `"rm_${table.replace(/"/g, '""')}"`;
const column = (name: string) => `"${name.replace(/"/g, '""')}"`;

const SQL_TYPES: Record<ColumnType, string> = {
  text: 'TEXT',
  integer: 'INTEGER NOT NULL DEFAULT 0',
  real: 'REAL DEFAULT 0',
  boolean: 'INTEGER NOT NULL DEFAULT 0',
  json: 'TEXT',
};

/** `CREATE TABLE` for a read-model table; new rows get the type's zero (0, false, null) as in memory. */
export function createTableSql(table: TableDef): string {
  const columns = Object.entries(table.columns).map(([name, type]) =>
    table.key.includes(name) ? `${column(name)} ${type === 'integer' ? 'INTEGER' : 'TEXT'} NOT NULL` : `${column(name)} ${SQL_TYPES[type]}`,
  );
  return `CREATE TABLE IF NOT EXISTS ${tableName(table.name)} (${columns.join(', ')}, PRIMARY KEY (${table.key.map(column).join(', ')})) WITHOUT ROWID`;
}

/** The SQL of one row change (a statement per shape, cached by `changeStatements`). */
export function changeSql(table: TableDef, change: RowChange): string {
  const keys = table.key.map(column);
  if (change.op === 'delete') return `DELETE FROM ${tableName(table.name)} WHERE ${keys.map((key) => `${key} = ?`).join(' AND ')}`;
  const values = change.op === 'upsert' ? Object.keys(change.row).filter((name) => !table.key.includes(name)) : Object.keys(change.by);
  const all = [...keys, ...values.map(column)];
  const insert = `INSERT INTO ${tableName(table.name)} (${all.join(', ')}) VALUES (${all.map(() => '?').join(', ')})`;
  if (values.length === 0) return `${insert} ON CONFLICT DO NOTHING`;
  const set = values.map((name) =>
    change.op === 'upsert' ? `${column(name)} = excluded.${column(name)}` : `${column(name)} = ${column(name)} + excluded.${column(name)}`,
  );
  return `${insert} ON CONFLICT (${keys.join(', ')}) DO UPDATE SET ${set.join(', ')}`;
}

export function toSql(type: ColumnType, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (type === 'boolean') return value ? 1 : 0;
  if (type === 'json') return JSON.stringify(value);
  return value;
}

export function fromSql(type: ColumnType, value: unknown): unknown {
  if (value === null || value === undefined) return type === 'boolean' ? false : null;
  if (type === 'boolean') return value === 1 || value === 1n || value === true;
  if (type === 'json') return JSON.parse(String(value));
  return value;
}
