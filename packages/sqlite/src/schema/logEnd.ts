import type { Database } from 'better-sqlite3';
import type { EventRow } from './eventRow.js';

/** What a connection knows of the log's end, and since when. */
export type LogEnd = {
  /** A page of the log as `readPage` gives it, or none without reading when the log surely ends before `fromPosition`. */
  page(fromPosition: number, limit: number): EventRow[];
  /** Called inside the write transaction, after its appends: the log ends at its last event as of now. */
  appended(): void;
};

/**
 * Reading past the end of the log without reading it. A process that only reads what it has not seen
 * yet (the engine's catch-up before every command) mostly asks for positions past the end; that read
 * costs a read transaction, a statement and its page lookups, a tenth of a command. Instead the
 * connection remembers where it last saw the log end, stamped with SQLite's two change counters:
 * `total_changes()` (rows this connection changed, whatever the table) and `PRAGMA data_version`
 * (changes committed by any other connection, another process included). While both stamps are the
 * same, nothing was committed since, so a page from past that end is empty without a read. Any write
 * at all changes a stamp, and the next page is read: a stale stamp costs a read, never an event.
 *
 * The end is seen by a page shorter than asked for (stamped before the read, so a commit that slips
 * in between changes the stamp) and by the store's own appends (stamped inside their transaction,
 * where no other connection can commit; COMMIT changes neither counter).
 */
export function prepareLogEnd(db: Database, readPage: (fromPosition: number, limit: number) => EventRow[]): LogEnd {
  const stamp = db.prepare('SELECT total_changes(), data_version FROM pragma_data_version').raw();
  const endNow = db.prepare('SELECT (SELECT coalesce(max(position), 0) FROM planlog_events), total_changes(), data_version FROM pragma_data_version').raw();
  /** No event past `head` while the counters read `changes` and `version`. */
  let known: { head: number; changes: number; version: number } | null = null;

  return {
    page(fromPosition, limit) {
      const [changes, version] = stamp.get() as [number, number];
      if (known !== null && fromPosition > known.head && changes === known.changes && version === known.version) return [];
      const rows = readPage(fromPosition, limit);
      if (rows.length < limit) known = { head: rows.length > 0 ? rows[rows.length - 1]![0] : fromPosition - 1, changes, version };
      return rows;
    },
    appended() {
      const [head, changes, version] = endNow.get() as [number, number, number];
      known = { head, changes, version };
    },
  };
}
