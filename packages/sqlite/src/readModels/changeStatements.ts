import type { ColumnType, RowChange, TableDef } from '@planlog/core';
import type Database from 'better-sqlite3';
import { changeSql, toSql } from './readModelSql.js';

/** A prepared statement for one shape of change and the way to bind a change of that shape. */
type Prepared = { names: readonly string[]; statement: Database.Statement; bind: (change: RowChange) => unknown[] };

const namesOf = (change: RowChange): string[] =>
  change.op === 'delete' ? [] : Object.keys(change.op === 'upsert' ? change.row : change.by);

function sameNames(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Row changes to statements: one prepared statement per table, operation and set of columns, found
 * without building a key string, with the parameter order worked out once per shape. (Applying a
 * rebuild's changes spent as long finding and binding statements as SQLite spent running them.)
 */
export function changeStatements(db: Database.Database): (table: TableDef, change: RowChange) => { statement: Database.Statement; params: unknown[] } {
  // By table definition: a projection whose version moved may change a table's key or columns.
  const cache = new WeakMap<TableDef, Map<string, Prepared[]>>();

  function prepare(table: TableDef, change: RowChange, names: string[]): Prepared {
    const statement = db.prepare(changeSql(table, change));
    const keys: [string, ColumnType][] = table.key.map((name) => [name, table.columns[name]!]);
    const keyParams = (keyRow: Record<string, unknown>) => keys.map(([name, type]) => toSql(type, keyRow[name] ?? null));
    if (change.op === 'delete') return { names, statement, bind: (c) => keyParams((c as { key: Record<string, unknown> }).key) };
    if (change.op === 'increment') {
      return { names, statement, bind: (c) => { const { key, by } = c as { key: Record<string, unknown>; by: Record<string, number> }; return [...keyParams(key), ...names.map((name) => by[name])]; } };
    }
    const values: [string, ColumnType][] = names.filter((name) => !table.key.includes(name)).map((name) => [name, table.columns[name] ?? 'json']);
    return {
      names,
      statement,
      bind: (c) => {
        const row = (c as { row: Record<string, unknown> }).row;
        const params = keyParams(row);
        for (const [name, type] of values) params.push(toSql(type, row[name]));
        return params;
      },
    };
  }

  return (table, change) => {
    let byOp = cache.get(table);
    if (!byOp) cache.set(table, (byOp = new Map()));
    let shapes = byOp.get(change.op);
    if (!shapes) byOp.set(change.op, (shapes = []));
    const names = namesOf(change);
    let prepared = shapes.find((shape) => sameNames(shape.names, names));
    if (!prepared) shapes.push((prepared = prepare(table, change, names)));
    return { statement: prepared.statement, params: prepared.bind(change) };
  };
}
