import type { StoredEvent } from '@planlog/core';
import type { Database } from 'better-sqlite3';
import { EVENT_COLUMNS, eventFromRow, type EventRow } from './eventRow.js';

/** The events appended under a command id, in global order (empty when the id is unknown). */
export function prepareReadCommand(db: Database, file: string): (commandId: string) => StoredEvent[] {
  const statement = db.prepare(
    `SELECT ${EVENT_COLUMNS.split(', ').map((column) => `e.${column}`).join(', ')}
       FROM planlog_commands c
       JOIN planlog_events e ON e.position BETWEEN c.first_position AND c.last_position AND e.command_id = c.command_id
      WHERE c.command_id = ?
      ORDER BY e.position`,
  ).raw();
  return (commandId) => (statement.all(commandId) as EventRow[]).map((row) => eventFromRow(row, file));
}
