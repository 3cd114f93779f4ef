import type { CommandIndexEntry } from '@planlog/core/store';
import type { Pool } from 'pg';
import type { SchemaNames } from './names.js';

/** One page of `commands` after `after` (exclusive), by first position then command id (its index). */
export async function readCommandIndexPage(pool: Pool, names: SchemaNames, after: CommandIndexEntry | null, limit: number): Promise<CommandIndexEntry[]> {
  const { rows } = await pool.query<{ command_id: string; first_position: string; last_position: string }>(
    `SELECT command_id, first_position, last_position FROM ${names.commands}
      WHERE $1::bigint IS NULL OR (first_position, command_id) > ($1::bigint, $2::text)
      ORDER BY first_position, command_id LIMIT $3`,
    [after?.firstPosition ?? null, after?.commandId ?? null, limit],
  );
  return rows.map((row) => ({ commandId: row.command_id, firstPosition: Number(row.first_position), lastPosition: Number(row.last_position) }));
}
