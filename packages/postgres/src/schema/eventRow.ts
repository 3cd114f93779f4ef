import { readBack, type StoredEvent } from '@planlog/core';
import type { SchemaNames } from './names.js';

/** The columns of `events`, in the order every read selects them. */
export const EVENT_COLUMNS =
  'position, stream_id, version, id, type, schema_version, data, actor, command_id, causation_id, correlation_id, recorded_at, hash';

export type EventRow = {
  position: string | number;
  stream_id: string;
  version: number;
  id: string;
  type: string;
  schema_version: number;
  data: unknown;
  actor: unknown;
  command_id: string;
  causation_id: string | null;
  correlation_id: string;
  recorded_at: string;
  hash: string;
};

/**
 * A row of `events` as the event it holds (`bigint` positions arrive as strings), checked by core's
 * `readBack` (zod on read, as every store does); a row that does not match is a STORE error naming
 * the schema and the position.
 */
export function eventFromRow(row: EventRow, names: SchemaNames): StoredEvent {
  const decided = {
    id: row.id,
    type: row.type,
    schemaVersion: row.schema_version,
    data: row.data,
    actor: row.actor,
    commandId: row.command_id,
    causationId: row.causation_id,
    correlationId: row.correlation_id,
    recordedAt: row.recorded_at,
  };
  const columns = { streamId: row.stream_id, version: row.version, position: Number(row.position), hash: row.hash };
  return readBack(decided, columns, `postgres schema ${names.schema}`, { schema: names.schema.slice(1, -1) });
}

/** An event as the JSON record that `appendToStream` inserts (see `jsonb_to_recordset` there). */
export function rowFromEvent(event: StoredEvent): EventRow {
  return {
    position: event.position,
    stream_id: event.streamId,
    version: event.version,
    id: event.id,
    type: event.type,
    schema_version: event.schemaVersion,
    data: event.data,
    actor: event.actor,
    command_id: event.commandId,
    causation_id: event.causationId,
    correlation_id: event.correlationId,
    recorded_at: event.recordedAt,
    hash: event.hash,
  };
}
