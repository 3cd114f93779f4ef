import { constants, accessSync, existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { PlanlogError } from '@planlog/core';
import Database from 'better-sqlite3';
import { openReadonly } from './openReadonly.js';
import { checkSchema, migrate, refuseOtherSchema } from './schema/migrate.js';
import { storeError } from './storeError.js';

export type Synchronous = 'OFF' | 'NORMAL' | 'FULL' | 'EXTRA';

export type OpenOptions = ({ file: string; database?: undefined } | { database: Database.Database; file?: undefined }) & {
  synchronous?: Synchronous;
  /** Open an existing log for reading only (an auditor's write-protected copy): no pragma, no migration, no write. */
  readonly?: boolean;
};

export type OpenDatabase = { db: Database.Database; file: string; owned: boolean; readonly: boolean };

const refuse = (file: string, why: string, details: Record<string, unknown> = {}) =>
  new PlanlogError('STORE', `${file}: cannot open: ${why}`, { details: { file, ...details } });

/** Refuse early, with a clear message, what SQLite would refuse late or (as root) not at all. */
function checkPath(file: string, readonly: boolean): void {
  const directory = dirname(resolve(file));
  if (!existsSync(directory)) throw refuse(file, `directory ${directory} does not exist`, { directory });
  if (!existsSync(file)) {
    if (readonly) throw refuse(file, 'the file does not exist (a read-only store opens an existing log)');
    return;
  }
  const stat = statSync(file);
  if (!stat.isFile()) throw refuse(file, 'not a regular file');
  if (readonly) return;
  let writable = (stat.mode & 0o222) !== 0; // write-protected files are refused even for root
  try {
    accessSync(file, constants.R_OK | constants.W_OK);
  } catch {
    writable = false;
  }
  if (!writable) throw refuse(file, 'the file is read-only; the event store needs to write to it (open it with readonly: true to read it)');
}

/**
 * Open (or adopt) the database, set the journal and sync modes, and create or migrate the schema.
 *
 * Durability: WAL journal with `synchronous=FULL` (default). In WAL mode SQLite's `NORMAL` only
 * syncs the log at checkpoints, so a power cut can lose transactions that already committed —
 * appends a caller saw resolve, and the command ids that make retries idempotent. `FULL` syncs the
 * WAL on every commit, so an append that resolved is on disk; group commit shares that one sync
 * among every append issued in the same tick, which keeps the cost low.
 */
export function openDatabase(options: OpenOptions): OpenDatabase {
  const owned = options.database === undefined;
  const file = owned ? options.file! : options.database!.name;
  if (owned && (typeof file !== 'string' || file.length === 0)) {
    throw new PlanlogError('VALIDATION', 'file: must be a file name or ":memory:"', { field: 'file' });
  }
  const synchronous = options.synchronous ?? 'FULL';
  if (!['OFF', 'NORMAL', 'FULL', 'EXTRA'].includes(synchronous)) {
    throw new PlanlogError('VALIDATION', 'synchronous: must be OFF, NORMAL, FULL or EXTRA', { field: 'synchronous' });
  }
  const readonly = options.readonly ?? options.database?.readonly ?? false;
  if (owned && file !== ':memory:') checkPath(file, readonly);
  if (readonly && file === ':memory:') throw new PlanlogError('VALIDATION', 'readonly: an in-memory database has no log to read', { field: 'readonly' });
  let db: Database.Database;
  try {
    db = options.database ?? (readonly ? openReadonly(file) : new Database(file));
  } catch (error) {
    throw storeError(error, file, 'opening the database');
  }
  if (readonly) {
    try {
      checkSchema(db, file);
    } catch (error) {
      if (owned) db.close();
      throw storeError(error, file, 'opening the database');
    }
    return { db, file, owned, readonly };
  }
  try {
    refuseOtherSchema(db, file);
    if (!db.memory) {
      const mode = db.pragma('journal_mode = WAL', { simple: true });
      if (mode !== 'wal') throw refuse(file, `could not switch to WAL mode (journal_mode is ${String(mode)})`);
    }
    db.pragma(`synchronous = ${synchronous}`);
    migrate(db, file);
  } catch (error) {
    if (owned) db.close();
    throw storeError(error, file, 'opening the database');
  }
  return { db, file, owned, readonly };
}
