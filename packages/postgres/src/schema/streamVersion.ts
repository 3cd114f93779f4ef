import type { Pool } from 'pg';
import type { SchemaNames } from './names.js';

/** A stream's current version (0 when it has no events), from the `(stream_id, version)` index. */
export async function streamVersion(pool: Pool, names: SchemaNames, streamId: string): Promise<number> {
  const { rows } = await pool.query<{ version: number | null }>(`SELECT max(version) AS version FROM ${names.events} WHERE stream_id = $1`, [
    streamId,
  ]);
  return rows[0]?.version ?? 0;
}
