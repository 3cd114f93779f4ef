import { type ColumnType } from '@planlog/core';
import { quoteIdentifier, type SqlDialect } from '@planlog/core/store';

/** Read-model tables live beside the log under this prefix. */
export const tableName = (table: string) => quoteIdentifier(`rm_${table}`);

const COLUMN_TYPES: Record<ColumnType, string> = {
  text: 'TEXT',
  integer: 'INTEGER NOT NULL DEFAULT 0',
  real: 'REAL DEFAULT 0',
  boolean: 'INTEGER NOT NULL DEFAULT 0',
  json: 'TEXT',
};

/**
 * SQLite's share of the read-model SQL (core's `readModelSql` writes the rest): booleans as 0/1,
 * json as text (compared as written, searched with `json_each`), `?` parameters, and text already in
 * code-point order (BINARY collation on UTF-8).
 */
export const sqliteDialect: SqlDialect = {
  quote: quoteIdentifier,
  tableName,
  columnType: (type, key) => (key ? `${type === 'integer' ? 'INTEGER' : 'TEXT'} NOT NULL` : COLUMN_TYPES[type]),
  createTableSuffix: ' WITHOUT ROWID',
  placeholder: () => '?',
  codePointOrder: '',
  jsonEquals: (column, param) => `${column} = ${param}`,
  jsonHasId: (column, param) => `EXISTS (SELECT 1 FROM json_each(${column}) WHERE json_extract(value, '$.id') = ${param})`,
  toSql(type, value) {
    if (value === null || value === undefined) return null;
    if (type === 'boolean') return value ? 1 : 0;
    if (type === 'json') return JSON.stringify(value);
    return value;
  },
  fromSql(type, value) {
    if (value === null || value === undefined) return type === 'boolean' ? false : null;
    if (type === 'boolean') return value === 1 || value === 1n || value === true;
    if (type === 'json') return JSON.parse(String(value));
    return value;
  },
};
