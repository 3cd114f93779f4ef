import type { Database } from 'better-sqlite3';
import { GENESIS_HASH } from '@planlog/core/store';

export type Head = { position: number; hash: string };

/** The newest event's position and hash (0 and GENESIS_HASH for an empty store). */
export function prepareHeadPosition(db: Database): () => Head {
  const statement = db.prepare('SELECT position, hash FROM planlog_events ORDER BY position DESC LIMIT 1');
  return () => (statement.get() as Head | undefined) ?? { position: 0, hash: GENESIS_HASH };
}
