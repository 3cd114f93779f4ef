import { PlanlogError, type Projection, type ProjectionBatch, type ProjectionStatus, type ReadModels, type Row, type TableDef } from '@planlog/core';
import { checkRowQuery, coalesceChanges, createIndexSql, createTableSql, rowFromSql, selectSql, type RowQuery } from '@planlog/core/store';
import type Database from 'better-sqlite3';
import { storeError } from '../storeError.js';
import { changeStatements } from './changeStatements.js';
import { sqliteDialect, tableName } from './sqliteDialect.js';

const META = `CREATE TABLE IF NOT EXISTS planlog_projections (
  name           TEXT    PRIMARY KEY,
  version        INTEGER NOT NULL,
  checkpoint     INTEGER NOT NULL DEFAULT 0,
  error_position INTEGER,
  error_message  TEXT
) WITHOUT ROWID`;

/**
 * Read models in the SQLite file beside the log (tables `rm_<name>`). Each batch of row changes and
 * the checkpoints it moves commit in one transaction, so a crash never loses or doubles an event.
 * Pass the store (it exposes its connection) or a better-sqlite3 connection.
 */
export function sqliteReadModels(source: { database: Database.Database; file?: string } | Database.Database): ReadModels {
  const db = 'prepare' in source ? source : source.database;
  const file = 'prepare' in source ? db.name : (source.file ?? db.name);
  const tables = new Map<string, TableDef>();
  const owners = new Map<string, Projection>();
  const statementOf = changeStatements(db);
  const guard = <T>(doing: string, action: () => T): T => {
    try {
      return action();
    } catch (error) {
      throw storeError(error, file, doing);
    }
  };
  guard('creating the projections table', () => db.exec(META));
  const getMeta = db.prepare('SELECT name, version, checkpoint, error_position, error_message FROM planlog_projections WHERE name = ?');
  const allMeta = db.prepare('SELECT name, version, checkpoint, error_position, error_message FROM planlog_projections ORDER BY name');
  const setCheckpoint = db.prepare('UPDATE planlog_projections SET checkpoint = ?, error_position = NULL, error_message = NULL WHERE name = ?');

  const table = (name: string) => {
    const def = tables.get(name);
    if (!def) throw new PlanlogError('NOT_FOUND', `table: no read-model table ${name}`, { field: 'table' });
    return def;
  };

  /** Recent SELECTs, prepared: a paged query runs the same few texts again and again. */
  const selects = new Map<string, Database.Statement>();
  const select = (name: string, query: RowQuery): Row[] => {
    const def = table(name);
    const { sql, params } = selectSql(sqliteDialect, def, checkRowQuery(def, query));
    const raw = guard('reading a read model', () => {
      let statement = selects.get(sql);
      if (!statement) {
        if (selects.size >= 64) selects.delete(selects.keys().next().value!);
        selects.set(sql, (statement = db.prepare(sql)));
      }
      return statement.all(...params);
    }) as Record<string, unknown>[];
    return raw.map((row) => rowFromSql(sqliteDialect, def, row));
  };

  const clear = (projection: Projection) => {
    for (const def of projection.tables) db.exec(`DELETE FROM ${tableName(def.name)}`);
    db.prepare('UPDATE planlog_projections SET checkpoint = 0, error_position = NULL, error_message = NULL WHERE name = ?').run(projection.name);
  };

  return {
    async prepare(projections) {
      guard('preparing read models', () =>
        db.transaction(() => {
          for (const projection of projections) {
            const meta = getMeta.get(projection.name) as { version: number } | undefined;
            if (meta && meta.version !== projection.version) {
              for (const def of projection.tables) db.exec(`DROP TABLE IF EXISTS ${tableName(def.name)}`);
              db.prepare('DELETE FROM planlog_projections WHERE name = ?').run(projection.name);
            }
            for (const def of projection.tables) {
              db.exec(createTableSql(sqliteDialect, def));
              for (const sql of createIndexSql(sqliteDialect, def)) db.exec(sql);
              tables.set(def.name, def);
            }
            db.prepare('INSERT INTO planlog_projections (name, version) VALUES (?, ?) ON CONFLICT DO NOTHING').run(projection.name, projection.version);
            owners.set(projection.name, projection);
          }
        })(),
      );
    },
    async apply(batches: readonly ProjectionBatch[]) {
      guard('applying read-model changes', () =>
        db.transaction(() => {
          for (const batch of batches) {
            if (!owners.has(batch.projection)) throw new PlanlogError('NOT_FOUND', `projection: ${batch.projection} is not prepared`, { field: 'projection' });
            for (const change of coalesceChanges(batch.changes, table)) {
              const { statement, params } = statementOf(table(change.table), change);
              statement.run(params);
            }
            setCheckpoint.run(batch.checkpoint, batch.projection);
          }
        })(),
      );
    },
    async recordError(projection, position, message) {
      guard('recording a projection error', () =>
        db.prepare('UPDATE planlog_projections SET error_position = ?, error_message = ? WHERE name = ?').run(position, message, projection),
      );
    },
    async status(): Promise<ProjectionStatus[]> {
      const rows = guard('reading projection status', () => allMeta.all()) as {
        name: string;
        version: number;
        checkpoint: number;
        error_position: number | null;
        error_message: string | null;
      }[];
      return rows.map((row) => ({
        projection: row.name,
        version: row.version,
        checkpoint: row.checkpoint,
        error: row.error_position === null ? null : { position: row.error_position, message: row.error_message ?? '' },
      }));
    },
    async reset(name) {
      const projection = owners.get(name);
      if (projection) guard('resetting a projection', () => db.transaction(() => clear(projection))());
    },
    async rows(name, where: Row = {}) {
      return select(name, { where: Object.entries(where).map(([column, value]) => ({ op: 'eq', column, value })) });
    },
    async select(name, query) {
      return select(name, query);
    },
  };
}
