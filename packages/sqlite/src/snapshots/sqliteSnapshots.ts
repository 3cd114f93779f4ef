import type { SnapshotStore, StreamSnapshot } from '@planlog/core';
import type Database from 'better-sqlite3';
import { storeError } from '../storeError.js';

const TABLE = `CREATE TABLE IF NOT EXISTS planlog_snapshots (
  stream_id   TEXT    PRIMARY KEY,
  version     INTEGER NOT NULL CHECK (version >= 1),
  position    INTEGER NOT NULL,
  machine     TEXT    NOT NULL CHECK (machine IN ('task', 'plan')),
  fingerprint TEXT    NOT NULL,
  state       TEXT    NOT NULL,
  task_ids    TEXT
) WITHOUT ROWID`;

/** Keep the newest: a snapshot replaces the stream's one unless that one is at a higher version. */
const UPSERT = `INSERT INTO planlog_snapshots (stream_id, version, position, machine, fingerprint, state, task_ids)
VALUES (?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (stream_id) DO UPDATE SET
  version = excluded.version, position = excluded.position, machine = excluded.machine,
  fingerprint = excluded.fingerprint, state = excluded.state, task_ids = excluded.task_ids
WHERE excluded.version >= planlog_snapshots.version`;

type SnapshotRow = { stream_id: string; version: number; position: number; machine: 'task' | 'plan'; fingerprint: string; state: string; task_ids: string | null };

/**
 * Stream snapshots in the SQLite file beside the log (table `planlog_snapshots`, one row per stream,
 * state and task ids as JSON), for `loadStream` and `createEngine({ snapshots })`. Pass the store
 * (it exposes its connection) or a better-sqlite3 connection. The table is a cache: dropping it
 * loses nothing but time, and a row whose JSON cannot be read loads as no snapshot.
 */
export function sqliteSnapshots(source: { database: Database.Database; file?: string } | Database.Database): SnapshotStore {
  const db = 'prepare' in source ? source : source.database;
  const file = 'prepare' in source ? db.name : (source.file ?? db.name);
  const guard = <T>(doing: string, action: () => T): T => {
    try {
      return action();
    } catch (error) {
      throw storeError(error, file, doing);
    }
  };
  guard('creating the snapshots table', () => db.exec(TABLE));
  const upsert = db.prepare(UPSERT);
  const select = db.prepare('SELECT stream_id, version, position, machine, fingerprint, state, task_ids FROM planlog_snapshots WHERE stream_id = ?');

  return {
    async save(snapshot: StreamSnapshot) {
      const { streamId, version, position, machine, fingerprint, machineState, taskIds } = snapshot;
      guard('saving a snapshot', () =>
        upsert.run(streamId, version, position, machine, fingerprint, JSON.stringify(machineState), taskIds === undefined ? null : JSON.stringify(taskIds)),
      );
    },
    async load(streamId) {
      const row = guard('loading a snapshot', () => select.get(streamId)) as SnapshotRow | undefined;
      if (row === undefined) return null;
      try {
        const snapshot: StreamSnapshot = {
          streamId: row.stream_id,
          version: row.version,
          position: row.position,
          machine: row.machine,
          fingerprint: row.fingerprint,
          machineState: JSON.parse(row.state) as StreamSnapshot['machineState'],
        };
        if (row.task_ids !== null) snapshot.taskIds = JSON.parse(row.task_ids) as string[];
        return snapshot;
      } catch {
        return null; // unreadable JSON: as if there were no snapshot (the next save replaces the row)
      }
    },
  };
}
