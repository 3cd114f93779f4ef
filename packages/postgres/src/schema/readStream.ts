import type { StoredEvent } from '@planlog/core';
import type { Pool } from 'pg';
import { EVENT_COLUMNS, eventFromRow, type EventRow } from './eventRow.js';
import type { SchemaNames } from './names.js';

/**
 * A stream's events in version order from `fromVersion` (inclusive), through `(stream_id, version)`.
 * A named prepared statement: parsed and planned once per connection, not on every read.
 */
export async function readStream(pool: Pool, names: SchemaNames, streamId: string, fromVersion: number): Promise<StoredEvent[]> {
  const { rows } = await pool.query<EventRow>({
    name: `planlog.read_stream ${names.schema}`,
    text: `SELECT ${EVENT_COLUMNS} FROM ${names.events} WHERE stream_id = $1 AND version >= $2 ORDER BY version`,
    values: [streamId, fromVersion],
  });
  return rows.map((row) => eventFromRow(row, names));
}
