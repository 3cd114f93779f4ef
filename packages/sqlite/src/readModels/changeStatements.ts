import { type RowChange, type TableDef } from '@planlog/core';
import { changeStatement } from '@planlog/core/store';
import type Database from 'better-sqlite3';
import { sqliteDialect } from './sqliteDialect.js';

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
 * Row changes to statements (core's `changeStatement` in SQLite's dialect): one prepared statement per
 * table, operation and set of columns, found without building a key string, with the parameter order
 * worked out once per shape. (Applying a rebuild's changes spent as long finding and binding
 * statements as SQLite spent running them.)
 */
export function changeStatements(db: Database.Database): (table: TableDef, change: RowChange) => { statement: Database.Statement; params: unknown[] } {
  // By table definition: a projection whose version moved may change a table's key or columns.
  const cache = new WeakMap<TableDef, Map<string, Prepared[]>>();
  return (table, change) => {
    let byOp = cache.get(table);
    if (!byOp) cache.set(table, (byOp = new Map()));
    let shapes = byOp.get(change.op);
    if (!shapes) byOp.set(change.op, (shapes = []));
    const names = namesOf(change);
    let prepared = shapes.find((shape) => sameNames(shape.names, names));
    if (!prepared) {
      const { sql, bind } = changeStatement(sqliteDialect, table, change);
      shapes.push((prepared = { names, statement: db.prepare(sql), bind }));
    }
    return { statement: prepared.statement, params: prepared.bind(change) };
  };
}
