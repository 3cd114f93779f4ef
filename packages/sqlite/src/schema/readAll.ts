import type { Database } from 'better-sqlite3';
import { EVENT_COLUMNS, type EventRow } from './eventRow.js';

/** One page of the log: up to `limit` rows from `fromPosition` (inclusive), in global order. */
export function prepareReadAllPage(db: Database): (fromPosition: number, limit: number) => EventRow[] {
  const statement = db.prepare(`SELECT ${EVENT_COLUMNS} FROM planlog_events WHERE position >= ? ORDER BY position LIMIT ?`).raw();
  return (fromPosition, limit) => statement.all(fromPosition, limit) as EventRow[];
}
