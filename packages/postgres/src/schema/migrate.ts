import { PlanlogError } from '@planlog/core';
import type { ClientBase } from 'pg';
import type { SchemaNames } from './names.js';
import { consumerTables, tablesSql } from './tables.js';

/**
 * The schema version this code writes. Versions 1-3 hashed a re-serialisation of each event's
 * columns (`data` and `actor` as jsonb); version 4 stores each event's exact bytes in a `text` column
 * and hashes those, and keeps with each command id the fingerprint of the command that appended it;
 * version 5 adds durable consumers' checkpoints and parked events (`consumerTables`). No released log
 * used versions 1-3, so they are refused rather than migrated.
 */
export const STORE_SCHEMA_VERSION = 5;

/** The oldest version this code migrates: version 4 gets version 5's consumer tables. */
const OLDEST_MIGRATED = 4;

/**
 * Create the schema or bring it up to date (version 4 → 5: the consumer tables), in one transaction. A transaction-scoped advisory lock
 * keyed on the schema name lets many processes start at once: one migrates, the others wait and
 * then find nothing to do. Returns the version the schema is at.
 */
export async function migrate(client: ClientBase, names: SchemaNames): Promise<number> {
  await client.query('BEGIN');
  try {
    await client.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`planlog:${names.schema}`]);
    const encoding = (await client.query<{ server_encoding: string }>('SHOW server_encoding')).rows[0]?.server_encoding;
    if (encoding !== 'UTF8') throw new Error(`the database's encoding is ${encoding}; planlog needs UTF8 (its hashes are over UTF-8 text)`);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${names.schema}`);
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${names.schemaVersion} (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    const { rows } = await client.query<{ version: number | null }>(`SELECT max(version) AS version FROM ${names.schemaVersion}`);
    const current = rows[0]?.version ?? 0;
    if (current > STORE_SCHEMA_VERSION) {
      throw new PlanlogError('STORE', `schema ${names.schema} is at version ${current}, newer than this @planlog/postgres (${STORE_SCHEMA_VERSION}); upgrade @planlog/postgres`, {
        details: { schema: names.schema.slice(1, -1), schemaVersion: current, supported: STORE_SCHEMA_VERSION },
      });
    }
    if (current > 0 && current < OLDEST_MIGRATED) {
      throw new PlanlogError(
        'STORE',
        `schema ${names.schema} is at version ${current}, older than this @planlog/postgres reads (${OLDEST_MIGRATED}–${STORE_SCHEMA_VERSION}): its events are hashed by an older rule (before each event's exact bytes were stored) and cannot be migrated; use a new schema`,
        { details: { schema: names.schema.slice(1, -1), schemaVersion: current, supported: STORE_SCHEMA_VERSION } },
      );
    }
    if (current === 0) await client.query(tablesSql(names));
    if (current < STORE_SCHEMA_VERSION) {
      await client.query(consumerTables(names)); // version 5 (a version 4 log is migrated here)
      await client.query(`INSERT INTO ${names.schemaVersion} (version) VALUES ($1)`, [STORE_SCHEMA_VERSION]);
    }
    await client.query('COMMIT');
    return STORE_SCHEMA_VERSION;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
