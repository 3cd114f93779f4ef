import type { StoredEvent } from '@planlog/core';
import type { Database } from 'better-sqlite3';
import { EVENT_COLUMNS, eventFromRow, type EventRow } from './eventRow.js';

/** A stream's events in version order from `fromVersion` (inclusive). */
export function prepareReadStream(db: Database, file: string): (streamId: string, fromVersion: number) => StoredEvent[] {
  const statement = db.prepare(`SELECT ${EVENT_COLUMNS} FROM planlog_events WHERE stream_id = ? AND version >= ? ORDER BY version`).raw();
  return (streamId, fromVersion) => (statement.all(streamId, fromVersion) as EventRow[]).map((row) => eventFromRow(row, file));
}
