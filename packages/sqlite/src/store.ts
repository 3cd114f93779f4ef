import { PlanlogError, type AppendOptions, type StreamAppend, type AppendResult, type EventStore } from '@planlog/core';
import {
  appendArguments,
  appendListeners,
  appendManyOptions,
  checkPageSize,
  idArgument,
  pagedLog,
  readAllStart,
  readStreamArguments,
  validateAppend,
  type CommandIndexEntry,
  type ConsumerCheckpoints,
  type LiveCheckpoints,
  type StoredRecord,
  type ValidatedAppend,
} from '@planlog/core/store';
import type Database from 'better-sqlite3';
import { sqliteConsumers } from './consumerCheckpoints.js';
import { sqliteLiveCheckpoints } from './liveCheckpoints.js';
import { groupCommit, type CommitInfo } from './groupCommit.js';
import { openDatabase, type Synchronous } from './openDatabase.js';
import { prepareAppendToStream } from './schema/appendToStream.js';
import { prepareCommandFingerprint } from './schema/commandFingerprint.js';
import { eventFromRow, recordFromRow, type EventRow } from './schema/eventRow.js';
import { prepareHeadPosition } from './schema/headPosition.js';
import { prepareLogEnd } from './schema/logEnd.js';
import { prepareReadAllPage } from './schema/readAll.js';
import { prepareReadCommandIndexPage } from './schema/readCommandIndex.js';
import { prepareReadCommand } from './schema/readCommand.js';
import { prepareReadStream } from './schema/readStream.js';
import { prepareStreamVersion } from './schema/streamVersion.js';
import { storeError } from './storeError.js';

export type SqliteStoreOptions = (
  | { /** A file name, or ':memory:'. Its directory must exist. */ file: string; database?: undefined }
  | { /** An open better-sqlite3 connection; the store does not close it. */ database: Database.Database; file?: undefined }
) & {
  /** SQLite's `synchronous` pragma; default `FULL`: an append that resolved is on disk (see README). */
  synchronous?: Synchronous;
  /**
   * Open an existing log for reading only, e.g. an auditor's write-protected copy: nothing is
   * written on open (no pragma, no migration) and every append is refused with STORE.
   */
  readonly?: boolean;
  /** Rows fetched per page by `readAll` (default 1,000). */
  pageSize?: number;
  /** Diagnostics: called once per committed group-commit transaction. */
  onCommit?: (info: CommitInfo) => void;
};

export type SqliteEventStore = EventStore & {
  /** Durable consumers' checkpoints, leases and parked events, in the same file (`startConsumer`). */
  readonly consumers: ConsumerCheckpoints;
  /** The engine's live-state checkpoint, in the same file (a fresh engine folds only the tail after it). */
  readonly liveCheckpoints: LiveCheckpoints;
  /** The file name (or ':memory:'). */
  readonly file: string;
  /** The connection, for read models kept in the same file. */
  readonly database: Database.Database;
  /** Opened with `readonly: true`: reads only, appends refused. */
  readonly readonly: boolean;
};

/** The embedded event store: one SQLite file through better-sqlite3, WAL, durable group-committed appends. */
export function sqliteStore(options: SqliteStoreOptions): SqliteEventStore {
  const { db, file, owned, readonly } = openDatabase(options);
  const pageSize = checkPageSize(options.pageSize ?? 1_000);

  const readStream = prepareReadStream(db, file);
  // Pages of the log; one from past its end is empty without a read while nothing was committed since.
  const logEnd = prepareLogEnd(db, prepareReadAllPage(db));
  const readPage = logEnd.page;
  const readCommand = prepareReadCommand(db, file);
  const readIndexPage = prepareReadCommandIndexPage(db);
  const commandFingerprint = prepareCommandFingerprint(db);
  const streamVersion = prepareStreamVersion(db);
  const head = prepareHeadPosition(db);
  const appender = groupCommit(db, file, prepareAppendToStream(db), options.onCommit, readonly ? undefined : logEnd.appended);
  let closed = false;
  const listeners = appendListeners();

  function ensureOpen(): void {
    if (closed) throw new PlanlogError('STORE', `${file}: the store is closed`, { details: { file } });
  }

  /** Run a synchronous read, turning driver failures into STORE errors. */
  function readNow<T>(doing: string, action: () => T): T {
    ensureOpen();
    try {
      return action();
    } catch (error) {
      throw storeError(error, file, doing);
    }
  }
  async function read<T>(doing: string, action: () => T): Promise<T> {
    return readNow(doing, action);
  }

  async function appendMany(appends: readonly StreamAppend[], options?: AppendOptions): Promise<AppendResult[]> {
    ensureOpen();
    if (readonly) throw new PlanlogError('STORE', `${file}: the store was opened read-only; appends are refused`, { field: 'readonly', details: { file } });
    // The validated form is what is stored and hashed, so reading it back through zod gives it unchanged.
    const validated: ValidatedAppend[] = validateAppend(appends);
    const { commandFingerprint: fingerprint } = appendManyOptions(options);
    if (validated.length === 0) return [];
    const results = await appender.submit(validated, fingerprint);
    listeners.notify();
    return results;
  }

  return {
    file,
    database: db,
    readonly,
    async append(streamId, events, options) {
      const { expectedVersion, ...rest } = appendArguments(options);
      const [result] = await appendMany([{ streamId, events, expectedVersion }], rest);
      return result!;
    },
    appendMany,
    async readStream(id, options) {
      const { streamId, fromVersion } = readStreamArguments(id, options);
      return read('reading a stream', () => readStream(streamId, fromVersion));
    },
    readAll(options) {
      const fromPosition = readAllStart(options);
      return pagedLog<EventRow>({
        fromPosition,
        pageSize,
        page: (from, limit) => readNow('reading the log', () => readPage(from, limit)),
        positionOf: (row) => row[0],
        toEvent: (row) => eventFromRow(row, file),
        check: ensureOpen, // a reader still iterating when the store closes stops with STORE
      });
    },
    readRecords(options) {
      const fromPosition = readAllStart(options);
      return pagedLog<EventRow, StoredRecord>({
        fromPosition,
        pageSize,
        page: (from, limit) => readNow('reading the log', () => readPage(from, limit)),
        positionOf: (row) => row[0],
        toEvent: recordFromRow,
        check: ensureOpen,
      });
    },
    async *readCommandIndex() {
      let after: CommandIndexEntry | null = null;
      for (;;) {
        const page = readNow('reading the command index', () => readIndexPage(after, pageSize));
        yield* page;
        if (page.length < pageSize) return;
        after = page.at(-1)!;
      }
    },
    async readCommand(commandId) {
      const id = idArgument(commandId, 'commandId');
      return read('reading a command', () => readCommand(id));
    },
    async commandFingerprint(commandId) {
      const id = idArgument(commandId, 'commandId');
      return read('reading a command', () => commandFingerprint(id));
    },
    async streamVersion(streamId) {
      const id = idArgument(streamId, 'streamId');
      return read('reading a stream version', () => streamVersion(id));
    },
    headPosition() {
      return read('reading the head position', () => head().position);
    },
    // This store's own appends; another process's are found by polling (the pollMs of subscriptions and consumers).
    watchAppends: listeners.watch,
    consumers: sqliteConsumers(db, file, () => {
      ensureOpen();
      if (readonly) throw new PlanlogError('STORE', `${file}: the store was opened read-only; consumers cannot run on it`, { field: 'readonly', details: { file } });
    }, ensureOpen),
    liveCheckpoints: sqliteLiveCheckpoints(db, file, ensureOpen, !readonly),
    async close() {
      if (closed) return;
      appender.flush(); // appends already accepted are committed, not dropped
      closed = true;
      if (owned) {
        try {
          db.close();
        } catch (error) {
          throw storeError(error, file, 'closing the database');
        }
      }
    },
  };
}
