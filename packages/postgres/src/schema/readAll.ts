import type { Pool } from 'pg';
import { EVENT_COLUMNS, type EventRow } from './eventRow.js';
import type { SchemaNames } from './names.js';

/**
 * One page of the log's rows from `fromPosition` (inclusive), in position order. Paging by position
 * is safe because appends commit in position order: what a reader sees is always a gap-free prefix.
 * The store reads each row back (`eventFromRow`) as it yields it, so the events before a row that
 * does not read are still delivered.
 */
export async function readAllPage(pool: Pool, names: SchemaNames, fromPosition: number, limit: number): Promise<EventRow[]> {
  const { rows } = await pool.query<EventRow>(
    `SELECT ${EVENT_COLUMNS} FROM ${names.events} WHERE position >= $1 ORDER BY position LIMIT $2`,
    [fromPosition, limit],
  );
  return rows;
}
