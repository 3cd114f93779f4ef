import type { LiveCheckpoint, LiveCheckpoints } from '@planlog/core/store';
import type { Pool } from 'pg';
import type { SchemaNames } from './schema/names.js';
import { storeError } from './storeError.js';

/**
 * The table of the engine's live-state checkpoint in the log's schema: one row, created on the first
 * save. A cache beside the log, outside the schema version: a schema without the table, or whose row
 * another build wrote, only means a full fold at the next start.
 */
export function liveCheckpointTable(names: SchemaNames): string {
  return `CREATE TABLE IF NOT EXISTS ${names.liveCheckpoint} (
  id          integer PRIMARY KEY CHECK (id = 1),
  position    bigint  NOT NULL,
  hash        text    NOT NULL,
  fingerprint text    NOT NULL,
  state       text    NOT NULL
)`;
}

/** Two processes creating the table at once: one of them gets a duplicate-object error, which is fine. */
const CREATED_BY_ANOTHER = new Set(['42P07', '23505']);

/** `ready` opens the store (closed: STORE); `writable` is false for a read-only store (nothing is saved). */
export function postgresLiveCheckpoints(pool: Pool, names: SchemaNames, ready: () => Promise<void>, writable: boolean): LiveCheckpoints {
  return {
    async load(): Promise<LiveCheckpoint | null> {
      await ready();
      try {
        const { rows } = await pool.query<{ position: string; hash: string; fingerprint: string; state: string }>(
          `SELECT position, hash, fingerprint, state FROM ${names.liveCheckpoint} WHERE id = 1`,
        );
        const row = rows[0];
        return row === undefined ? null : { position: Number(row.position), hash: row.hash, fingerprint: row.fingerprint, state: row.state };
      } catch (error) {
        if ((error as { code?: string }).code === '42P01') return null; // no table yet: no checkpoint
        throw storeError(error, 'reading the live checkpoint');
      }
    },
    async save(checkpoint) {
      await ready();
      if (!writable) return;
      try {
        await pool.query(liveCheckpointTable(names)).catch((error: { code?: string }) => {
          if (!CREATED_BY_ANOTHER.has(error.code ?? '')) throw error;
        });
        await pool.query(
          `INSERT INTO ${names.liveCheckpoint} AS saved (id, position, hash, fingerprint, state) VALUES (1, $1, $2, $3, $4)
           ON CONFLICT (id) DO UPDATE SET position = excluded.position, hash = excluded.hash, fingerprint = excluded.fingerprint, state = excluded.state
           WHERE excluded.position >= saved.position`,
          [checkpoint.position, checkpoint.hash, checkpoint.fingerprint, checkpoint.state],
        );
      } catch (error) {
        throw storeError(error, 'saving the live checkpoint');
      }
    },
  };
}
