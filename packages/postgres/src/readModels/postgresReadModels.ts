import { createHash } from 'node:crypto';
import { PlanlogError, type Projection, type ProjectionBatch, type ProjectionStatus, type ReadModels, type Row, type RowChange, type TableDef } from '@planlog/core';
import {
  changeShape,
  changesStatement,
  checkRowQuery,
  coalesceChanges,
  createIndexSql,
  createTableSql,
  groupChanges,
  rowFromSql,
  selectSql,
  type ChangesStatement,
  type RowQuery,
} from '@planlog/core/store';
import type { Pool, PoolClient } from 'pg';
import { schemaNames } from '../schema/names.js';
import { storeError as toPlanlogError } from '../storeError.js';
import { withClient } from '../withClient.js';
import { metaName, metaSql, postgresDialect, tableName } from './postgresDialect.js';

export type PostgresReadModelsOptions = {
  /** The schema of the tables (default: the store's schema, or `planlog` with a pool). */
  schema?: string;
};

/** Rows per multi-row statement: bounds the size of one statement's parameters. */
const CHUNK = 1000;

type MetaRow = { name: string; version: number; checkpoint: string; error_position: string | null; error_message: string | null };

/**
 * Read models in PostgreSQL, beside the log (tables `rm_<name>` and `planlog_projections` in the
 * store's schema). Each batch of row changes and the checkpoints it moves commit in one transaction.
 *
 * Checkpoints are also guarded: `apply` locks the projections' rows and expects each checkpoint where
 * this adapter last saw it (`status`, or its own previous batch). A batch another runner has already
 * applied (the stored checkpoint is at or past the batch's end) is skipped; one that overlaps it only
 * in part is refused with `CONFLICT` and nothing of the call is applied. So even two runners racing
 * on one database (a lease holder that lost its lease and does not know it yet) never double a row
 * change; the projection worker's lease only keeps them from wasting the work.
 */
export function postgresReadModels(source: { pool: Pool; schema?: string }, options: PostgresReadModelsOptions = {}): ReadModels & { readonly schema: string } {
  const pool = source.pool;
  const schema = options.schema ?? source.schema ?? 'planlog';
  const names = schemaNames(schema);
  const meta = metaName(names.schema);
  const dialect = postgresDialect(names.schema);
  const tables = new Map<string, TableDef>();
  const owners = new Map<string, Projection>();
  /** Where this adapter's runner has each projection: what `apply` expects to find stored. */
  const seen = new Map<string, number>();
  // By table definition: a projection whose version moved may change a table's key or columns.
  const statements = new WeakMap<TableDef, Map<string, { name: string; text: string; bind: ChangesStatement['bind'] }>>();

  const guard = async <T>(doing: string, work: (client: PoolClient) => Promise<T>): Promise<T> => {
    try {
      return await withClient(pool, work);
    } catch (error) {
      throw toPlanlogError(error, doing);
    }
  };
  /** Run `work` in a transaction holding the schema's advisory lock (the one migrations take). */
  const transaction = <T>(doing: string, work: (client: PoolClient) => Promise<T>, locked = false) =>
    guard(doing, async (client) => {
      await client.query('BEGIN');
      if (locked) await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`planlog:${names.schema}`]);
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    });

  let metaReady: Promise<void> | undefined;
  const ensureMeta = (): Promise<void> => {
    metaReady ??= transaction(
      'creating the projections table',
      async (client) => {
        await client.query(`CREATE SCHEMA IF NOT EXISTS ${names.schema}`);
        await client.query(metaSql(names.schema));
      },
      true,
    ).catch((error: unknown) => {
      metaReady = undefined;
      throw error;
    });
    return metaReady;
  };

  const table = (name: string) => {
    const def = tables.get(name);
    if (!def) throw new PlanlogError('NOT_FOUND', `table: no read-model table ${name}`, { field: 'table' });
    return def;
  };

  const statementOf = (def: TableDef, change: RowChange) => {
    const shape = changeShape(change);
    let byShape = statements.get(def);
    if (!byShape) statements.set(def, (byShape = new Map()));
    let statement = byShape.get(shape);
    if (!statement) {
      const { sql: text, bind } = changesStatement(dialect, def, change);
      // Named, so each connection parses it once; the name follows the text (and so the schema).
      statement = { name: `planlog_rm_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`, text, bind };
      byShape.set(shape, statement);
    }
    return statement;
  };

  const select = async (name: string, query: RowQuery): Promise<Row[]> => {
    const def = table(name);
    const { sql, params } = selectSql(dialect, def, checkRowQuery(def, query));
    const { rows } = await guard('reading a read model', (client) => client.query<Record<string, unknown>>(sql, params));
    return rows.map((row) => rowFromSql(dialect, def, row));
  };

  const clear = async (client: PoolClient, projection: Projection) => {
    for (const def of projection.tables) await client.query(`DELETE FROM ${tableName(names.schema, def.name)}`);
    await client.query(`UPDATE ${meta} SET checkpoint = 0, error_position = NULL, error_message = NULL WHERE name = $1`, [projection.name]);
  };

  return {
    schema,
    async prepare(projections) {
      await ensureMeta();
      await transaction(
        'preparing read models',
        async (client) => {
          for (const projection of projections) {
            const { rows } = await client.query<{ version: number }>(`SELECT version FROM ${meta} WHERE name = $1`, [projection.name]);
            if (rows[0] && rows[0].version !== projection.version) {
              for (const def of projection.tables) await client.query(`DROP TABLE IF EXISTS ${tableName(names.schema, def.name)}`);
              await client.query(`DELETE FROM ${meta} WHERE name = $1`, [projection.name]);
              seen.set(projection.name, 0);
            }
            for (const def of projection.tables) {
              await client.query(createTableSql(dialect, def));
              for (const sql of createIndexSql(dialect, def)) await client.query(sql);
            }
            await client.query(`INSERT INTO ${meta} (name, version) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [projection.name, projection.version]);
          }
        },
        true,
      );
      for (const projection of projections) {
        owners.set(projection.name, projection);
        for (const def of projection.tables) tables.set(def.name, def);
      }
    },

    async apply(batches: readonly ProjectionBatch[]) {
      for (const batch of batches) {
        if (!owners.has(batch.projection)) throw new PlanlogError('NOT_FOUND', `projection: ${batch.projection} is not prepared`, { field: 'projection' });
      }
      if (batches.length === 0) return;
      const moved = await transaction('applying read-model changes', async (client) => {
        const { rows } = await client.query<{ name: string; checkpoint: string }>(
          `SELECT name, checkpoint FROM ${meta} WHERE name = ANY($1::text[]) ORDER BY name FOR UPDATE`,
          [[...new Set(batches.map((batch) => batch.projection))]],
        );
        const stored = new Map(rows.map((row) => [row.name, Number(row.checkpoint)]));
        const expected = new Map(seen);
        for (const batch of batches) {
          const at = stored.get(batch.projection) ?? 0;
          const from = expected.get(batch.projection);
          expected.set(batch.projection, batch.checkpoint);
          if (from !== undefined && at !== from) {
            if (at >= batch.checkpoint) continue; // another runner has applied exactly these events already
            throw new PlanlogError(
              'CONFLICT',
              `projection ${batch.projection}: another runner moved it to ${at} (expected ${from}); catch up again from there`,
              { details: { projection: batch.projection, checkpoint: at, expected: from } },
            );
          }
          // One statement per table and shape of change (per CHUNK rows), not one per change: each is a round trip.
          for (const group of groupChanges(coalesceChanges(batch.changes, table), table)) {
            const def = table(group[0]!.table);
            const { name, text, bind } = statementOf(def, group[0]!);
            for (let at = 0; at < group.length; at += CHUNK) await client.query({ name, text, values: bind(group.slice(at, at + CHUNK)) });
          }
          await client.query(`UPDATE ${meta} SET checkpoint = $1, error_position = NULL, error_message = NULL WHERE name = $2`, [
            batch.checkpoint,
            batch.projection,
          ]);
          stored.set(batch.projection, batch.checkpoint);
        }
        return expected;
      });
      for (const [name, checkpoint] of moved) seen.set(name, checkpoint);
    },

    async recordError(projection, position, message) {
      await ensureMeta();
      await guard('recording a projection error', (client) =>
        client.query(`UPDATE ${meta} SET error_position = $1, error_message = $2 WHERE name = $3`, [position, message, projection]),
      );
    },

    async status(): Promise<ProjectionStatus[]> {
      await ensureMeta();
      const { rows } = await guard('reading projection status', (client) =>
        client.query<MetaRow>(`SELECT name, version, checkpoint, error_position, error_message FROM ${meta} ORDER BY name COLLATE "C"`),
      );
      return rows.map((row) => {
        seen.set(row.name, Number(row.checkpoint));
        return {
          projection: row.name,
          version: row.version,
          checkpoint: Number(row.checkpoint),
          error: row.error_position === null ? null : { position: Number(row.error_position), message: row.error_message ?? '' },
        };
      });
    },

    async reset(name) {
      const projection = owners.get(name);
      if (!projection) return;
      await transaction('resetting a projection', async (client) => {
        await client.query(`SELECT checkpoint FROM ${meta} WHERE name = $1 FOR UPDATE`, [name]);
        await clear(client, projection);
      });
      seen.set(name, 0);
    },

    async rows(name, where: Row = {}) {
      return select(name, { where: Object.entries(where).map(([column, value]) => ({ op: 'eq', column, value })) });
    },

    async select(name, query) {
      return select(name, query);
    },

    async close() {
      // The pool belongs to the store or to the caller.
    },
  };
}
