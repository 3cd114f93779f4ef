import { PlanlogError } from '../base/errors.js';
import { keyString, zeroOf, type Projection, type Row, type RowChange, type TableDef } from './Projection.js';
import type { ProjectionBatch, ProjectionStatus, ReadModels } from './ReadModels.js';
import { checkRowQuery, selectRows, type RowQuery } from './RowQuery.js';

/** Apply one row change to an in-memory table (also used to stage changes before a commit). */
export function applyRowChange(table: TableDef, rows: Map<string, Row>, change: RowChange): void {
  const keyRow = change.op === 'upsert' ? change.row : change.key;
  const key = keyString(table, keyRow);
  if (change.op === 'delete') {
    rows.delete(key);
    return;
  }
  let row = rows.get(key);
  if (!row) {
    row = Object.fromEntries(Object.entries(table.columns).map(([column, type]) => [column, zeroOf(type)]));
    for (const column of table.key) row[column] = keyRow[column] ?? null;
  } else {
    row = { ...row };
  }
  if (change.op === 'upsert') Object.assign(row, change.row);
  else for (const [column, delta] of Object.entries(change.by)) row[column] = Number(row[column] ?? 0) + delta;
  rows.set(key, row);
}

/** Read models held in memory: the reference adapter, used with the memory store and in tests. */
export function memoryReadModels(): ReadModels {
  const tables = new Map<string, { def: TableDef; rows: Map<string, Row> }>();
  const projections = new Map<string, { projection: Projection; checkpoint: number; error: ProjectionStatus['error'] }>();

  const tableOf = (name: string) => {
    const table = tables.get(name);
    if (!table) throw new PlanlogError('NOT_FOUND', `table: no read-model table ${name}`, { field: 'table' });
    return table;
  };

  const select = (name: string, query: RowQuery) => {
    const table = tableOf(name);
    return selectRows(table.def, table.rows.values(), checkRowQuery(table.def, query)).map((row) => structuredClone(row));
  };

  return {
    async prepare(list) {
      for (const projection of list) {
        const known = projections.get(projection.name);
        if (known && known.projection.version === projection.version) continue;
        projections.set(projection.name, { projection, checkpoint: 0, error: null });
        for (const def of projection.tables) tables.set(def.name, { def, rows: new Map() });
      }
    },
    async apply(batches: readonly ProjectionBatch[]) {
      // Stage on copies so a failing change leaves everything as it was.
      const staged = new Map<string, Map<string, Row>>();
      for (const batch of batches) {
        if (!projections.has(batch.projection)) throw new PlanlogError('NOT_FOUND', `projection: ${batch.projection} is not prepared`, { field: 'projection' });
        for (const change of batch.changes) {
          const table = tableOf(change.table);
          let rows = staged.get(change.table);
          if (!rows) {
            rows = new Map(table.rows);
            staged.set(change.table, rows);
          }
          applyRowChange(table.def, rows, change);
        }
      }
      for (const [name, rows] of staged) tableOf(name).rows = rows;
      for (const batch of batches) {
        const entry = projections.get(batch.projection)!;
        entry.checkpoint = batch.checkpoint;
        entry.error = null;
      }
    },
    async recordError(projection, position, message) {
      const entry = projections.get(projection);
      if (entry) entry.error = { position, message };
    },
    async status() {
      return [...projections.values()].map(({ projection, checkpoint, error }) => ({ projection: projection.name, version: projection.version, checkpoint, error }));
    },
    async reset(name) {
      const entry = projections.get(name);
      if (!entry) return;
      entry.checkpoint = 0;
      entry.error = null;
      for (const def of entry.projection.tables) tables.set(def.name, { def, rows: new Map() });
    },
    async rows(name, where = {}) {
      return select(name, { where: Object.entries(where).map(([column, value]) => ({ op: 'eq', column, value })) });
    },
    async select(name, query) {
      return select(name, query);
    },
  };
}
