import type { LiveCheckpoint, LiveCheckpoints } from '@planlog/core/store';
import type Database from 'better-sqlite3';
import { storeError } from './storeError.js';

/**
 * The engine's live-state checkpoint in the log's own file: one row of `planlog_live_checkpoint`,
 * created on the first save. A cache beside the log, outside the schema version: a file without the
 * table, or whose row another build wrote, only means a full fold at the next start.
 */
export const liveCheckpointTable = `
CREATE TABLE IF NOT EXISTS planlog_live_checkpoint (
  id          INTEGER PRIMARY KEY CHECK (id = 1),
  position    INTEGER NOT NULL,
  hash        TEXT    NOT NULL,
  fingerprint TEXT    NOT NULL,
  state       TEXT    NOT NULL
)`;

type Row = { position: number; hash: string; fingerprint: string; state: string };

/** `ensureOpen` refuses a closed store; `writable` is false for a read-only open (nothing is saved). */
export function sqliteLiveCheckpoints(db: Database.Database, file: string, ensureOpen: () => void, writable: boolean): LiveCheckpoints {
  const exists = () => db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'planlog_live_checkpoint'").get() !== undefined;
  return {
    async load(): Promise<LiveCheckpoint | null> {
      ensureOpen();
      try {
        if (!exists()) return null;
        return (db.prepare('SELECT position, hash, fingerprint, state FROM planlog_live_checkpoint WHERE id = 1').get() as Row | undefined) ?? null;
      } catch (error) {
        throw storeError(error, file, 'reading the live checkpoint');
      }
    },
    async save(checkpoint) {
      ensureOpen();
      if (!writable) return;
      try {
        db.exec(liveCheckpointTable);
        db.prepare(
          `INSERT INTO planlog_live_checkpoint (id, position, hash, fingerprint, state) VALUES (1, @position, @hash, @fingerprint, @state)
           ON CONFLICT (id) DO UPDATE SET position = excluded.position, hash = excluded.hash, fingerprint = excluded.fingerprint, state = excluded.state
           WHERE excluded.position >= planlog_live_checkpoint.position`,
        ).run(checkpoint);
      } catch (error) {
        throw storeError(error, file, 'saving the live checkpoint');
      }
    },
  };
}
