import type { NewEvent, StoredEvent } from '../schemas/events.js';
import type { AppendListener, AppendWatch } from './AppendWatch.js';
import type { ConsumerCheckpoints } from './ConsumerCheckpoints.js';
import type { LiveCheckpoints } from './LiveCheckpoints.js';
import type { CommandIndexEntry, StoredRecord } from './StoredRecord.js';

/** What a writer expects of a stream: its current version, that it does not exist, or anything. */
export type ExpectedVersion = number | 'no_stream' | 'any';

export type StreamAppend = { streamId: string; events: readonly NewEvent[]; expectedVersion: ExpectedVersion };

export type AppendResult = {
  streamId: string;
  /** The stream's version after the append (0: the stream has no events). */
  version: number;
  /** The global position of the last event appended, or null when nothing was appended. */
  position: number | null;
  events: StoredEvent[];
};

/** What an append may say besides its events. */
export type AppendOptions = {
  /**
   * The fingerprint of the command that decided the events (the engine's: SHA-256 of the canonical
   * JSON of its name, actor and input), kept with each command id of the append. A repeated command id
   * is a replay only when its fingerprint is the same (design §3.2: a command id is bound to its actor,
   * command and input).
   */
  commandFingerprint?: string;
};

/**
 * The append-only log behind an engine. Stream versions start at 1 and have no gaps; global
 * positions start at 1 and only grow. A command id belongs to one append call: appending events whose
 * `commandId` an earlier append used is refused with `CONFLICT` (details.commandId), which makes
 * commands idempotent across engines and restarts.
 */
export interface EventStore {
  /** Append to one stream; `CONFLICT` when the stream's version is not the expected one. */
  append(streamId: string, events: readonly NewEvent[], options: { expectedVersion: ExpectedVersion } & AppendOptions): Promise<AppendResult>;
  /**
   * Append to several streams, all or nothing. A stream append with no events only checks the expected
   * version of its stream.
   */
  appendMany(appends: readonly StreamAppend[], options?: AppendOptions): Promise<AppendResult[]>;
  /** A stream's events in version order, from `fromVersion` (inclusive, default 1). */
  readStream(streamId: string, options?: { fromVersion?: number }): Promise<StoredEvent[]>;
  /** Every event in global order from `fromPosition` (inclusive, default 1), streamed. */
  readAll(options?: { fromPosition?: number }): AsyncIterable<StoredEvent>;
  /**
   * For an audit: every event in global order from `fromPosition` as stored — its exact bytes (the
   * ones its hash covers) and the store's columns — neither parsed nor validated.
   */
  readRecords(options?: { fromPosition?: number }): AsyncIterable<StoredRecord>;
  /** For an audit: the command index (each command id with the first and last position of its events), by first position then command id. */
  readCommandIndex(): AsyncIterable<CommandIndexEntry>;
  /** The events appended under a command id (empty when it is unknown). */
  readCommand(commandId: string): Promise<StoredEvent[]>;
  /** The fingerprint kept with a command id (`AppendOptions`), or null when none was given or the id is unknown. */
  commandFingerprint(commandId: string): Promise<string | null>;
  /** The current version of a stream (0 when it has no events). */
  streamVersion(streamId: string): Promise<number>;
  /** The position of the newest event (0 for an empty store). */
  headPosition(): Promise<number>;
  close(): Promise<void>;
  /**
   * Optional: call `listener` after appends commit — this store's own, and, where the store can see
   * them, other processes' (PostgreSQL: LISTEN/NOTIFY). `engine.subscribe` and consumers read the log
   * when told, and poll the log besides for what no listener hears (another SQLite process).
   */
  watchAppends?(listener: AppendListener): AppendWatch;
  /** Optional: checkpoints, parked events and leases of durable consumers (`startConsumer`), kept beside the log. */
  readonly consumers?: ConsumerCheckpoints;
  /** Optional: the engine's live-state checkpoint, kept beside the log (a fresh engine folds only the tail after it). */
  readonly liveCheckpoints?: LiveCheckpoints;
}
