import type { Database } from 'better-sqlite3';

/** The current version of a stream (0 when it has no events), read off the (stream_id, version) index. */
export function prepareStreamVersion(db: Database): (streamId: string) => number {
  const statement = db.prepare('SELECT coalesce(max(version), 0) FROM planlog_events WHERE stream_id = ?').pluck();
  return (streamId) => statement.get(streamId) as number;
}
