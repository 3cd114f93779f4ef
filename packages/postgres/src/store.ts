import {
  appendArguments,
  appendManyOptions,
  checkPageSize,
  idArgument,
  isPlanlogError,
  pagedLog,
  PlanlogError,
  readAllStart,
  readStreamArguments,
  validateAppend,
  type AppendOptions,
  type AppendRequest,
  type AppendResult,
  type CommandIndexEntry,
  type ConsumerCheckpoints,
  type EventStore,
  type StoredRecord,
} from '@planlog/core';
import pg, { type Pool, type PoolClient, type PoolConfig } from 'pg';
import { appendWatcher } from './appendWatcher.js';
import { postgresConsumers } from './consumerCheckpoints.js';
import { appendSealed, sealGroup, type Head } from './schema/appendSealed.js';
import { appendToStream, type AppendCall, type CallOutcome } from './schema/appendToStream.js';
import { readCommandFingerprint } from './schema/commandFingerprint.js';
import { headPosition } from './schema/headPosition.js';
import { schemaNames } from './schema/names.js';
import { eventFromRow, recordFromRow, type EventRow } from './schema/eventRow.js';
import { readAllPage } from './schema/readAll.js';
import { readCommand } from './schema/readCommand.js';
import { readCommandIndexPage } from './schema/readCommandIndex.js';
import { readStream } from './schema/readStream.js';
import { streamVersion } from './schema/streamVersion.js';
import { findLog } from './schema/findLog.js';
import { migrate, SCHEMA_VERSION } from './schema/tables.js';
import { toPlanlogError } from './toPlanlogError.js';
import { withClient } from './withClient.js';

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
  /** Resolves once the schema exists and is up to date (every operation waits for it anyway). */
  ready(): Promise<void>;
  readonly pool: Pool;
  readonly schema: string;
};

type Pending = { call: AppendCall; fingerprint: string | undefined; events: number; resolve: (results: AppendResult[]) => void; reject: (error: unknown) => void };

/**
 * Whether a driver error is PostgreSQL refusing the data of a statement (SQLSTATE class 22, "data
 * exception": a NUL in text, an unsupported escape, a value out of range; class 54: a value past a limit) rather than the connection
 * or the server failing: such a statement fails the same way whatever else it carries.
 */
function isDataError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('22') || code.startsWith('54'));
}

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
    if (version !== SCHEMA_VERSION) {
      throw new PlanlogError('STORE', `schema ${schema} is at version ${version}, this @planlog/postgres reads version ${SCHEMA_VERSION}; a read-only store does not migrate it`, {
        field: 'schema',
        details: { schema, version, expected: SCHEMA_VERSION },
      });
    }
  }

  let migrated: Promise<void> | undefined;
  const ready = (): Promise<void> => {
    migrated ??= withClient(pool, prepare).then(
      () => undefined,
    ).catch((error: unknown) => {
      migrated = undefined; // try again on the next call
      throw toPlanlogError(error, create ? `creating schema ${schema}` : `opening schema ${schema}`);
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
      throw toPlanlogError(error, doing);
    }
  }

  // --- group commit: appends queue here; one transaction at a time takes what has queued ---------

  const queue: Pending[] = [];
  let flushing: Promise<void> | null = null;

  function takeGroup(): Pending[] {
    const group: Pending[] = [];
    let events = 0;
    while (queue.length > 0 && (group.length === 0 || events + queue[0]!.events <= maxGroupEvents)) {
      const next = queue.shift()!;
      events += next.events;
      group.push(next);
    }
    return group;
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

  async function appendGroup(group: readonly Pending[]): Promise<CallOutcome[]> {
    const calls = group.map((pending) => pending.call);
    const fingerprints = group.map((pending) => pending.fingerprint);
    const before = head;
    const sealed = before !== null && quiet ? sealGroup(calls, before, (streamId) => versions.get(streamId)) : null;
    let outcomes = sealed ? await appendSealed(pool, names, sealed, fingerprints) : null;
    if (sealed && !outcomes) quiet = false;
    outcomes ??= await appendToStream(pool, names, calls, fingerprints);
    learn(outcomes, before);
    return outcomes;
  }

  async function flushGroup(group: Pending[]): Promise<void> {
    let outcomes: CallOutcome[];
    try {
      await ready();
      outcomes = await appendGroup(group);
    } catch (error) {
      // The group is one statement, so nothing of it was written. When the statement failed on what
      // one caller sent (not on the connection or the server), each call goes again alone: only the
      // one at fault gets the error, never the others of its group.
      if (group.length > 1 && !isPlanlogError(error) && isDataError(error)) {
        for (const pending of group) await flushGroup([pending]);
        return;
      }
      const typed = toPlanlogError(error, 'appending');
      for (const pending of group) pending.reject(typed);
      return;
    }
    group.forEach((pending, index) => {
      const outcome = outcomes[index]!;
      if ('error' in outcome) pending.reject(outcome.error);
      else pending.resolve(outcome.results);
    });
  }

  function kick(): void {
    if (flushing || queue.length === 0) return;
    flushing = flushGroup(takeGroup()).finally(() => {
      flushing = null;
      kick();
    });
  }

  async function appendMany(requests: readonly AppendRequest[], options?: AppendOptions): Promise<AppendResult[]> {
    open();
    if (readonly) throw new PlanlogError('STORE', `schema ${schema}: the store was opened read-only; appends are refused`, { field: 'readonly', details: { schema } });
    // Keep the validated form (names NFC, unknown keys dropped), as every store does: it is what is
    // hashed and what reads give back.
    const call = validateAppend(requests);
    const { commandFingerprint: fingerprint } = appendManyOptions(options);
    if (call.length === 0) return [];
    return new Promise<AppendResult[]>((resolve, reject) => {
      queue.push({ call, fingerprint, events: call.reduce((sum, request) => sum + request.events.length, 0), resolve, reject });
      kick();
    });
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
      return read(`reading command ${id}`, () => readCommandFingerprint(pool, names, id));
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
    watchAppends(listener) {
      open();
      return watcher.watch(listener);
    },
    async close() {
      if (closed) return;
      closed = true;
      while (flushing) await flushing;
      await watcher.close();
      if (ownsPool) await pool.end();
    },
  };
}
