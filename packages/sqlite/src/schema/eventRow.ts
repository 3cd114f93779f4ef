import { readBack, unreadableEvent, type StoredEvent } from '@planlog/core';

/**
 * A row of `planlog_events` as read, in `EVENT_COLUMNS` order. Reads fetch rows as arrays
 * (better-sqlite3's `raw()`): building an object per row costs several times the read itself.
 */
export type EventRow = [
  position: number,
  id: string,
  stream_id: string,
  version: number,
  type: string,
  schema_version: number,
  data: string,
  actor: string,
  command_id: string,
  causation_id: string | null,
  correlation_id: string,
  recorded_at: string,
  hash: string,
];

export const EVENT_COLUMNS =
  'position, id, stream_id, version, type, schema_version, data, actor, command_id, causation_id, correlation_id, recorded_at, hash';

/** The row of a sealed event, in `EVENT_COLUMNS` order. */
export function toRow(event: StoredEvent): unknown[] {
  return [
    event.position,
    event.id,
    event.streamId,
    event.version,
    event.type,
    event.schemaVersion,
    JSON.stringify(event.data),
    JSON.stringify(event.actor),
    event.commandId,
    event.causationId,
    event.correlationId,
    event.recordedAt,
    event.hash,
  ];
}

/**
 * An event read back: its JSON parsed, then checked by core's `readBack` (zod on read); a row that
 * does not parse is a STORE error naming its position.
 */
export function fromRow(row: EventRow, file: string): StoredEvent {
  const [position, id, streamId, version, type, schemaVersion, data, actor, commandId, causationId, correlationId, recordedAt, hash] = row;
  let decided: unknown;
  try {
    decided = { id, type, schemaVersion, data: JSON.parse(data), actor: JSON.parse(actor), commandId, causationId, correlationId, recordedAt };
  } catch (error) {
    throw unreadableEvent(file, position, 'holds malformed JSON', { file }, error);
  }
  return readBack(decided, { streamId, version, position, hash }, file, { file });
}
