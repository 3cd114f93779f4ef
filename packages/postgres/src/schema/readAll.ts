import type { StoredEvent } from '@planlog/core';
import type { Pool } from 'pg';
import { EVENT_COLUMNS, eventFromRow, type EventRow } from './eventRow.js';
import type { SchemaNames } from './names.js';

/**
 * One page of the log from `fromPosition` (inclusive), in position order. Paging by position is
 * safe because appends commit in position order: what a reader sees is always a gap-free prefix.
 */
export async function readAllPage(pool: Pool, names: SchemaNames, fromPosition: number, limit: number): Promise<StoredEvent[]> {
  const { rows } = await pool.query<EventRow>(
    `SELECT ${EVENT_COLUMNS} FROM ${names.events} WHERE position >= $1 ORDER BY position LIMIT $2`,
    [fromPosition, limit],
  );
  return rows.map(eventFromRow);
}
