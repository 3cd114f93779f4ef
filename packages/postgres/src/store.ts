import { PlanlogError, type AppendOptions, type StreamAppend, type AppendResult, type EventStore } from '@planlog/core';
import {
  appendArguments,
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
} from '@planlog/core/store';
import pg, { type Pool, type PoolClient, type PoolConfig } from 'pg';
import { appendWatcher } from './appendWatcher.js';
import { postgresConsumers } from './consumerCheckpoints.js';
import { appendSealed, sealGroup, type Head } from './schema/appendSealed.js';
import { appendToStream, type AppendCall, type CallOutcome } from './schema/appendToStream.js';
import { commandFingerprint } from './schema/commandFingerprint.js';
import { groupCommit } from './groupCommit.js';
import { headPosition } from './schema/headPosition.js';
import { schemaNames } from './schema/names.js';
import { eventFromRow, recordFromRow, type EventRow } from './schema/eventRow.js';
import { readAllPage } from './schema/readAll.js';
import { readCommand } from './schema/readCommand.js';
import { readCommandIndexPage } from './schema/readCommandIndex.js';
import { readStream } from './schema/readStream.js';
import { streamVersion } from './schema/streamVersion.js';
import { findLog } from './schema/findLog.js';
import { migrate, STORE_SCHEMA_VERSION } from './schema/migrate.js';
import { storeError } from './storeError.js';
import { withClient } from './withClient.js';
import { postgresLiveCheckpoints } from './liveCheckpoints.js';

/** Where the store connects: a URL (the store owns a pool) or your own pool (you end it). */
export type PostgresConnection = ({ connectionString: string } & Omit<PoolConfig, 'connectionString'>) | { pool: Pool };

export type PostgresStoreOptions = {
  /** The schema holding planlog's tables, created and migrated on first use (default `planlog`). */
  schema?: string;
  /**
   * Whether a schema without a planlog log may be created (default true). With `false`, a missing
   * schema is NOT_FOUND naming the schemas that hold a log; an existing log is still migrated.
   */
  create?: boolean;
  /**
   * Never write (default false): no schema created, no migration, every append refused with STORE.
   * A missing log is NOT_FOUND as with `create: false`; a log at another schema version is STORE.
   */
  readonly?: boolean;
  /** Rows per query while `readAll` streams the log (default 1,000). */
  pageSize?: number;
  /** The most events one group-commit transaction takes from the queue (default 5,000). */
  maxGroupEvents?: number;
};

export type PostgresEventStore = EventStore & {
  /** Durable consumers' checkpoints and parked events in the schema, leases by advisory lock (`startConsumer`). */
  readonly consumers: ConsumerCheckpoints;
  /** The engine's live-state checkpoint, in the same schema (a fresh engine folds only the tail after it). */
  readonly liveCheckpoints: LiveCheckpoints;
  /** Resolves once the schema exists and is up to date (every operation waits for it anyway). */
  ready(): Promise<void>;
  readonly pool: Pool;
  readonly schema: string;
};

/**
 * The planlog event store on PostgreSQL. Appends from every process serialise on one locked head row,
 * so positions are gap-free and commit in order; appends waiting in this process go to the database
 * together, one transaction per group (group commit).
 */
export function postgresStore(connection: PostgresConnection, options: PostgresStoreOptions = {}): PostgresEventStore {
  const schema = options.schema ?? 'planlog';
  const names = schemaNames(schema);
  const pageSize = checkPageSize(options.pageSize ?? 1_000);
  const maxGroupEvents = options.maxGroupEvents ?? 5_000;
  const ownsPool = !('pool' in connection);
  const pool: Pool = 'pool' in connection ? connection.pool : new pg.Pool({ application_name: 'planlog', ...connection });
  // An idle client whose server connection drops emits 'error' on the pool; without a listener that
  // would end the process. The next query on a fresh client reports the failure as STORE instead.
  if (ownsPool) pool.on('error', () => undefined);

  let closed = false;
  const watcher = appendWatcher(pool, names.channel);
  const readonly = options.readonly === true;
  const create = options.create !== false && !readonly;
  /** Bring the schema up to date, or (readonly, create: false) first check that it holds a log. */
  async function prepare(client: PoolClient): Promise<void> {
    if (create) return void (await migrate(client, names));
    const version = await findLog(client, names, schema);
    if (!readonly) return void (await migrate(client, names));
    if (version !== STORE_SCHEMA_VERSION) {
      throw new PlanlogError('STORE', `schema ${schema} is at version ${version}, this @planlog/postgres reads version ${STORE_SCHEMA_VERSION}; a read-only store does not migrate it`, {
        field: 'schema',
        details: { schema, version, expected: STORE_SCHEMA_VERSION },
      });
    }
  }

  let migrated: Promise<void> | undefined;
  const ready = (): Promise<void> => {
    migrated ??= withClient(pool, prepare).then(
      () => undefined,
    ).catch((error: unknown) => {
      migrated = undefined; // try again on the next call
      throw storeError(error, create ? `creating schema ${schema}` : `opening schema ${schema}`);
    });
    return migrated;
  };

  const open = () => {
    if (closed) throw new PlanlogError('STORE', 'the store is closed');
  };

  /** Run a read after the schema is ready, with driver errors typed. */
  async function read<T>(doing: string, work: () => Promise<T>): Promise<T> {
    open();
    await ready();
    try {
      return await work();
    } catch (error) {
      throw storeError(error, doing);
    }
  }

  // What this process knows of the log from its own appends: the head it left and the versions of
  // the streams it wrote. While no other writer moves the head between our appends (`quiet`), a group
  // is sealed here against them (`appendSealed`, whose statement checks them under the lock); when one
  // does, or a guess is wrong, the group goes to `append_events`, which seals on the server.
  let head: Head | null = null;
  let quiet = true;
  const versions = new Map<string, number>();

  function learn(outcomes: readonly CallOutcome[], before: Head | null): void {
    const landed = outcomes.flatMap((outcome) => ('results' in outcome ? outcome.results.filter((result) => result.events.length > 0) : []));
    if (landed.length === 0) return; // nothing landed: nothing learnt
    const last = landed.at(-1)!.events.at(-1)!;
    quiet = before === null || landed[0]!.events[0]!.position === before.position + 1;
    if (!quiet || versions.size > 10_000) versions.clear(); // another writer came between: forget its streams
    for (const result of landed) versions.set(result.streamId, result.version);
    head = { position: last.position, hash: last.hash };
  }

  async function appendGroup(calls: readonly AppendCall[], fingerprints: readonly (string | undefined)[]): Promise<CallOutcome[]> {
    const before = head;
    // A stream this process has not written is taken to be new (an `'any'` append to it): the statement
    // checks it under the lock, and a wrong guess costs one round trip more (`append_events`).
    const sealed = before !== null && quiet ? sealGroup(calls, before, (streamId) => versions.get(streamId) ?? 0) : null;
    let outcomes = sealed ? await appendSealed(pool, names, sealed, fingerprints) : null;
    if (sealed && !outcomes) quiet = false;
    outcomes ??= await appendToStream(pool, names, calls, fingerprints);
    learn(outcomes, before);
    return outcomes;
  }

  const appender = groupCommit(async (calls, fingerprints) => {
    await ready();
    return appendGroup(calls, fingerprints);
  }, maxGroupEvents);

  async function appendMany(appends: readonly StreamAppend[], options?: AppendOptions): Promise<AppendResult[]> {
    open();
    if (readonly) throw new PlanlogError('STORE', `schema ${schema}: the store was opened read-only; appends are refused`, { field: 'readonly', details: { schema } });
    // Keep the validated form (names NFC, unknown keys dropped), as every store does: it is what is
    // hashed and what reads give back.
    const call = validateAppend(appends);
    const { commandFingerprint: fingerprint } = appendManyOptions(options);
    if (call.length === 0) return [];
    return appender.submit(call, fingerprint);
  }

  return {
    schema,
    pool,
    ready: () => {
      open();
      return ready();
    },
    async append(streamId, events, options) {
      const { expectedVersion, ...rest } = appendArguments(options);
      const [result] = await appendMany([{ streamId, events, expectedVersion }], rest);
      return result!;
    },
    appendMany,
    async readStream(id, options) {
      const { streamId, fromVersion } = readStreamArguments(id, options);
      return read(`reading stream ${streamId}`, () => readStream(pool, names, streamId, fromVersion));
    },
    readAll(options) {
      const fromPosition = readAllStart(options);
      return pagedLog({
        fromPosition,
        pageSize,
        page: (from, limit) => read('reading the log', () => readAllPage(pool, names, from, limit)),
        positionOf: (row) => Number(row.position),
        toEvent: (row) => eventFromRow(row, names),
      });
    },
    readRecords(options) {
      const fromPosition = readAllStart(options);
      return pagedLog<EventRow, StoredRecord>({
        fromPosition,
        pageSize,
        page: (from, limit) => read('reading the log', () => readAllPage(pool, names, from, limit)),
        positionOf: (row) => Number(row.position),
        toEvent: recordFromRow,
      });
    },
    async *readCommandIndex() {
      let after: CommandIndexEntry | null = null;
      for (;;) {
        const page: CommandIndexEntry[] = await read('reading the command index', () => readCommandIndexPage(pool, names, after, pageSize));
        yield* page;
        if (page.length < pageSize) return;
        after = page.at(-1)!;
      }
    },
    async readCommand(commandId) {
      const id = idArgument(commandId, 'commandId');
      return read(`reading command ${id}`, () => readCommand(pool, names, id));
    },
    async commandFingerprint(commandId) {
      const id = idArgument(commandId, 'commandId');
      return read(`reading command ${id}`, () => commandFingerprint(pool, names, id));
    },
    async streamVersion(streamId) {
      const id = idArgument(streamId, 'streamId');
      return read(`reading the version of ${id}`, () => streamVersion(pool, names, id));
    },
    headPosition() {
      return read('reading the head position', () => headPosition(pool, names));
    },
    consumers: postgresConsumers(pool, names, schema, () => (open(), ready()), () => {
      open();
      if (readonly) throw new PlanlogError('STORE', `schema ${schema}: the store was opened read-only; consumers cannot run on it`, { field: 'readonly', details: { schema } });
    }),
    liveCheckpoints: postgresLiveCheckpoints(pool, names, () => (open(), ready()), !readonly),
    watchAppends(listener) {
      open();
      return watcher.watch(listener);
    },
    async close() {
      if (closed) return;
      closed = true;
      await appender.flush();
      await watcher.close();
      if (ownsPool) await pool.end();
    },
  };
}
