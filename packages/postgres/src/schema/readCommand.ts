import type { StoredEvent } from '@planlog/core';
import type { Pool } from 'pg';
import { EVENT_COLUMNS, eventFromRow, type EventRow } from './eventRow.js';
import type { SchemaNames } from './names.js';

/** The events appended under a command id, in position order: the command row bounds their positions. */
export async function readCommand(pool: Pool, names: SchemaNames, commandId: string): Promise<StoredEvent[]> {
  const { rows } = await pool.query<EventRow>(
    `SELECT ${EVENT_COLUMNS.split(', ').map((column) => `e.${column}`).join(', ')}
       FROM ${names.commands} c
       JOIN ${names.events} e ON e.position BETWEEN c.first_position AND c.last_position AND e.command_id = c.command_id
      WHERE c.command_id = $1
      ORDER BY e.position`,
    [commandId],
  );
  return rows.map((row) => eventFromRow(row, names));
}
