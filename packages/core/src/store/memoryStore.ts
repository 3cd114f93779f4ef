import { PlanlogError } from '../base/errors.js';
import type { StoredEvent } from '../schemas/events.js';
import { checkExpectedVersion, commandConflict, commandIdsOf, sealEvent, validateAppend } from './appendRules.js';
import { appendListeners } from './AppendWatch.js';
import type { ConsumerCheckpoints } from './ConsumerCheckpoints.js';
import type { AppendOptions, StreamAppend, AppendResult, EventStore } from './EventStore.js';
import { GENESIS_HASH } from './hashEvent.js';
import { memoryConsumers } from './memoryConsumers.js';
import { memoryLiveCheckpoints, type LiveCheckpoints } from './LiveCheckpoints.js';
import { appendArguments, appendManyOptions, idArgument, readAllStart, readStreamArguments } from './storeArguments.js';

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** The memory store: an `EventStore` that also watches its appends and keeps consumer checkpoints. */
export type MemoryEventStore = EventStore & Required<Pick<EventStore, 'watchAppends'>> & { readonly consumers: ConsumerCheckpoints; readonly liveCheckpoints: LiveCheckpoints };

/** The reference store: everything in memory, appends all or nothing, events frozen. */
export function memoryStore(): MemoryEventStore {
  const log: StoredEvent[] = [];
  /** The exact bytes kept for each event (what its hash covers), by position - 1. */
  const bytesOf: string[] = [];
  const streams = new Map<string, StoredEvent[]>();
  const commands = new Map<string, StoredEvent[]>();
  const fingerprints = new Map<string, string>();
  let closed = false;

  const open = () => {
    if (closed) throw new PlanlogError('STORE', 'the store is closed');
  };
  const listeners = appendListeners();

  async function appendMany(input: readonly StreamAppend[], options?: AppendOptions): Promise<AppendResult[]> {
    open();
    // The validated form: what every store keeps, and the command ids checked are the ones stored.
    const appends = validateAppend(input);
    const { commandFingerprint } = appendManyOptions(options);
    for (const append of appends) {
      checkExpectedVersion(append.streamId, streams.get(append.streamId)?.length ?? 0, append.expectedVersion);
    }
    for (const commandId of commandIdsOf(appends)) {
      if (commands.has(commandId)) throw commandConflict(commandId);
    }
    // Everything checked: from here on nothing can fail, so the batch lands whole.
    if (commandFingerprint !== undefined) for (const commandId of commandIdsOf(appends)) fingerprints.set(commandId, commandFingerprint);
    listeners.notify();
    return appends.map((append) => {
      const stream = streams.get(append.streamId) ?? [];
      const events = append.events.map((event) => {
        const prevHash = log.at(-1)?.hash ?? GENESIS_HASH;
        const sealed = sealEvent(event, append.streamId, stream.length + 1, log.length + 1, prevHash);
        const stored = deepFreeze(sealed.event);
        stream.push(stored);
        log.push(stored);
        bytesOf.push(sealed.bytes);
        const sameCommand = commands.get(stored.commandId) ?? [];
        sameCommand.push(stored);
        commands.set(stored.commandId, sameCommand);
        return stored;
      });
      if (stream.length > 0) streams.set(append.streamId, stream);
      return { streamId: append.streamId, version: stream.length, position: events.at(-1)?.position ?? null, events };
    });
  }

  return {
    async append(streamId, events, options) {
      const { expectedVersion, ...rest } = appendArguments(options);
      const [result] = await appendMany([{ streamId, events, expectedVersion }], rest);
      return result!;
    },
    appendMany,
    async readStream(id, options) {
      open();
      const { streamId, fromVersion } = readStreamArguments(id, options);
      return (streams.get(streamId) ?? []).slice(Math.max(0, fromVersion - 1));
    },
    readAll(options) {
      const fromPosition = readAllStart(options);
      return (async function* () {
        open();
        for (let index = Math.max(0, fromPosition - 1); index < log.length; index++) {
          yield log[index]!;
          open(); // a reader still iterating when the store closes stops with STORE
        }
      })();
    },
    async *readRecords({ fromPosition = 1 } = {}) {
      open();
      for (let index = Math.max(0, fromPosition - 1); index < log.length; index++) {
        const { position, streamId, version, commandId, hash } = log[index]!;
        yield { position, streamId, version, commandId, bytes: bytesOf[index]!, hash };
        open();
      }
    },
    async *readCommandIndex() {
      open();
      const entries = [...commands].map(([commandId, events]) => ({ commandId, firstPosition: events[0]!.position, lastPosition: events.at(-1)!.position }));
      yield* entries.sort((a, b) => a.firstPosition - b.firstPosition || (a.commandId < b.commandId ? -1 : 1));
    },
    async readCommand(commandId) {
      open();
      return [...(commands.get(idArgument(commandId, 'commandId')) ?? [])];
    },
    async commandFingerprint(commandId) {
      open();
      return fingerprints.get(idArgument(commandId, 'commandId')) ?? null;
    },
    async streamVersion(streamId) {
      open();
      return streams.get(idArgument(streamId, 'streamId'))?.length ?? 0;
    },
    async headPosition() {
      open();
      return log.length;
    },
    async close() {
      closed = true;
    },
    watchAppends: listeners.watch,
    consumers: memoryConsumers(open),
    liveCheckpoints: memoryLiveCheckpoints(),
  };
}
