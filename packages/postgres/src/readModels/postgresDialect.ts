import { type ColumnType } from '@planlog/core';
import { quoteIdentifier, type SqlDialect } from '@planlog/core/store';

/** The quoted name of a read-model table (`rm_<name>`) in a schema (already quoted). */
export const tableName = (schema: string, table: string) => `${schema}.${quoteIdentifier(`rm_${table}`)}`;
/** The quoted name of the projections' meta table. */
export const metaName = (schema: string) => `${schema}.planlog_projections`;

/**
 * Column types. New rows get the type's zero as in memory (0, false, null) through the defaults.
 * `json` keeps the text as written (jsonb would reorder keys, and a rebuild must give the same rows).
 */
const COLUMN_TYPES: Record<ColumnType, string> = {
  text: 'text',
  integer: 'bigint DEFAULT 0',
  real: 'double precision DEFAULT 0',
  boolean: 'boolean NOT NULL DEFAULT false',
  json: 'json',
};

/** The cast each parameter gets, so one statement text serves every value of a shape. */
const CASTS: Record<ColumnType, string> = { text: 'text', integer: 'bigint', real: 'double precision', boolean: 'boolean', json: 'json' };

/**
 * PostgreSQL's share of the read-model SQL (core's `readModelSql` writes the rest) for the tables
 * of one schema: typed `$n::type` parameters, many rows in one statement from `unnest` of typed
 * arrays, text compared and sorted `COLLATE "C"` (code-point order, as memory and SQLite), json
 * compared as jsonb.
 */
export function postgresDialect(schema: string): SqlDialect {
  return {
    quote: quoteIdentifier,
    tableName: (table) => tableName(schema, table),
    columnType: (type, key) => (key ? `${type === 'integer' ? 'bigint' : 'text'} NOT NULL` : COLUMN_TYPES[type]),
    createTableSuffix: '',
    placeholder: (index, type) => `$${index}::${CASTS[type]}`,
    arrayRows: (types) => `unnest(${types.map((type, i) => `$${i + 1}::${CASTS[type]}[]`).join(', ')})`,
    codePointOrder: ' COLLATE "C"',
    jsonEquals: (column, param) => `${column}::jsonb = ${param}::jsonb`,
    jsonHasId: (column, param) => `${column}::jsonb @> jsonb_build_array(jsonb_build_object('id', ${param}))`,
    toSql(type, value) {
      if (value === null || value === undefined) return null;
      if (type === 'json') return JSON.stringify(value);
      return value;
    },
    /** bigint (pg gives a string) as a number, a null boolean as false; json is parsed by pg. */
    fromSql(type, value) {
      if (value === null || value === undefined) return type === 'boolean' ? false : null;
      if (type === 'integer' || type === 'real') return Number(value);
      return value;
    },
  };
}

export function metaSql(schema: string): string {
  return `CREATE TABLE IF NOT EXISTS ${metaName(schema)} (
    name           text    PRIMARY KEY,
    version        integer NOT NULL,
    checkpoint     bigint  NOT NULL DEFAULT 0,
    error_position bigint,
    error_message  text
  )`;
}
