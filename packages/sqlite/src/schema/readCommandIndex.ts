import type { CommandIndexEntry } from '@planlog/core/store';
import type { Database } from 'better-sqlite3';

/** One page of `planlog_commands` after `after` (exclusive), by first position then command id. */
export function prepareReadCommandIndexPage(db: Database): (after: CommandIndexEntry | null, limit: number) => CommandIndexEntry[] {
  const columns = 'command_id AS commandId, first_position AS firstPosition, last_position AS lastPosition';
  const first = db.prepare(`SELECT ${columns} FROM planlog_commands ORDER BY first_position, command_id LIMIT ?`);
  const next = db.prepare(
    `SELECT ${columns} FROM planlog_commands WHERE (first_position, command_id) > (?, ?) ORDER BY first_position, command_id LIMIT ?`,
  );
  return (after, limit) => (after === null ? first.all(limit) : next.all(after.firstPosition, after.commandId, limit)) as CommandIndexEntry[];
}
