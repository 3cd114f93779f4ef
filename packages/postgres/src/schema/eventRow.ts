import { type StoredEvent } from '@planlog/core';
import { readBack, type StoredRecord } from '@planlog/core/store';
import type { SchemaNames } from './names.js';

/** The columns of `events`, in the order every read selects them. */
export const EVENT_COLUMNS = 'position, stream_id, version, command_id, event, hash';

export type EventRow = {
  position: string | number;
  stream_id: string;
  version: number;
  command_id: string;
  /** The exact bytes stored for the event (a `text` column, never `jsonb`). */
  event: string;
  hash: string;
};

/**
 * A row of `events` as the event it holds (`bigint` positions arrive as strings): its bytes parsed
 * and checked by core's `readBack` (zod on read, the columns against the bytes, as every store does);
 * a row that does not read is a STORE error naming the schema and the position.
 */
export function eventFromRow(row: EventRow, names: SchemaNames): StoredEvent {
  const columns = { streamId: row.stream_id, version: row.version, position: Number(row.position), commandId: row.command_id, hash: row.hash };
  return readBack(row.event, columns, `postgres schema ${names.schema}`, { schema: names.schema.slice(1, -1) });
}

/** A row as stored, for an audit: the bytes as they are. */
export function recordFromRow(row: EventRow): StoredRecord {
  return { position: Number(row.position), streamId: row.stream_id, version: row.version, commandId: row.command_id, bytes: row.event, hash: row.hash };
}
