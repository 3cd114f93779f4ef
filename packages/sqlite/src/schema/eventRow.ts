import { type StoredEvent } from '@planlog/core';
import { readBack, type StoredRecord } from '@planlog/core/store';

/**
 * A row of `planlog_events` as read, in `EVENT_COLUMNS` order. Reads fetch rows as arrays
 * (better-sqlite3's `raw()`): building an object per row costs several times the read itself.
 */
export type EventRow = [position: number, stream_id: string, version: number, command_id: string, event: string, hash: string];

export const EVENT_COLUMNS = 'position, stream_id, version, command_id, event, hash';

/**
 * An event read back from the bytes stored for it, checked by core's `readBack` (JSON, zod on read,
 * the row's columns against the bytes); a row that does not read is a STORE error naming its position.
 */
export function eventFromRow(row: EventRow, file: string): StoredEvent {
  const [position, streamId, version, commandId, bytes, hash] = row;
  return readBack(bytes, { streamId, version, position, commandId, hash }, file, { file });
}

/** A row as stored, for an audit: the bytes as they are. */
export function recordFromRow(row: EventRow): StoredRecord {
  const [position, streamId, version, commandId, bytes, hash] = row;
  return { position, streamId, version, commandId, bytes, hash };
}
