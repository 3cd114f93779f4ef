import { type EventStore, type StoredEvent } from '@planlog/core';
import { eventBytes, GENESIS_HASH, hashBytes, hashEvent, type CommandIndexEntry, type StoredRecord } from '@planlog/core/store';

/** The command index a log of these records implies (what a tamperer who also edits the index leaves). */
export function indexOf(records: readonly StoredRecord[]): CommandIndexEntry[] {
  const entries = new Map<string, CommandIndexEntry>();
  for (const record of records) {
    const entry = entries.get(record.commandId) ?? { commandId: record.commandId, firstPosition: record.position, lastPosition: record.position };
    entry.lastPosition = record.position;
    entries.set(record.commandId, entry);
  }
  return [...entries.values()].sort((a, b) => a.firstPosition - b.firstPosition || (a.commandId < b.commandId ? -1 : 1));
}

/**
 * Test-only: a store whose `readRecords` yields what `tamper` makes of copies of the real stored
 * records (bytes and columns), as if someone had edited the database behind planlog's back. The
 * command index is the real one unless `index` says what to make of it ('implied': the one the
 * tampered records imply, as a tamperer who edits it too would leave). Everything else goes to the
 * real store.
 */
export function rawTamperedStore(
  store: EventStore,
  tamper: (records: StoredRecord[]) => StoredRecord[],
  index: 'real' | 'implied' | ((entries: CommandIndexEntry[]) => CommandIndexEntry[]) = 'real',
): EventStore {
  const tampered = async () => {
    const records: StoredRecord[] = [];
    for await (const record of store.readRecords()) records.push({ ...record });
    return tamper(records);
  };
  return {
    ...store,
    async *readRecords() {
      yield* await tampered();
    },
    async *readCommandIndex() {
      if (index === 'implied') return yield* indexOf(await tampered());
      const entries: CommandIndexEntry[] = [];
      for await (const entry of store.readCommandIndex()) entries.push({ ...entry });
      yield* index === 'real' ? entries : index(entries);
    },
  };
}

/** A record of an event as planlog stores it (its bytes written by `eventBytes`). */
export function recordOf(event: StoredEvent): StoredRecord {
  return { position: event.position, streamId: event.streamId, version: event.version, commandId: event.commandId, bytes: eventBytes(event), hash: event.hash };
}

/**
 * Test-only: a store whose log is what `tamper` makes of copies of the real events, each then
 * stored as planlog would store it (`eventBytes`) under the hash and columns the tampered event
 * says; the command index is the one the tampered log implies (a tamperer who covers that up too).
 */
export function tamperedStore(store: EventStore, tamper: (events: StoredEvent[]) => StoredEvent[]): EventStore {
  const events = async () => {
    const copies: StoredEvent[] = [];
    for await (const event of store.readAll()) copies.push(structuredClone(event) as StoredEvent);
    return tamper(copies);
  };
  return {
    ...store,
    async *readAll() {
      yield* await events();
    },
    async *readRecords() {
      yield* (await events()).map(recordOf);
    },
    async *readCommandIndex() {
      yield* indexOf((await events()).map(recordOf));
    },
  };
}

/** Test-only: rewrite every hash from `fromIndex` on, as a tamperer who knows the algorithm would. */
export function rehash(events: StoredEvent[], fromIndex = 0): StoredEvent[] {
  let prev = fromIndex === 0 ? GENESIS_HASH : events[fromIndex - 1]!.hash;
  return events.map((event, index) => {
    if (index < fromIndex) return event;
    const hash = hashEvent(prev, event);
    prev = hash;
    return { ...event, hash };
  });
}

/** Test-only: the same for stored records, over their bytes as they are. */
export function rehashRecords(records: StoredRecord[], fromIndex = 0): StoredRecord[] {
  let prev = fromIndex === 0 ? GENESIS_HASH : records[fromIndex - 1]!.hash;
  return records.map((record, index) => {
    if (index < fromIndex) return record;
    const hash = hashBytes(prev, record.bytes);
    prev = hash;
    return { ...record, hash };
  });
}

const hex12 = (n: number) => n.toString(16).padStart(12, '0');

/**
 * Test-only: a store of `count` valid, chained events made one at a time as `readRecords` is
 * iterated: nothing holds the log, so a reader that keeps every event would be the only thing growing.
 */
export function generatedStore(count: number, options: { onYield?: (position: number) => void } = {}): EventStore {
  const refuse = async () => {
    throw new Error('generatedStore is read-only');
  };
  const eventAt = (position: number) => ({
    id: `00000000-0000-7000-8000-${hex12(position)}`,
    type: 'task.acknowledged' as const,
    schemaVersion: 1,
    data: {},
    actor: { unitId: 'phong-xay-dung-phap-luat' },
    commandId: `cmd-${position}`,
    causationId: null,
    correlationId: `cmd-${position}`,
    recordedAt: new Date(Date.UTC(2026, 0, 1) + position * 1000).toISOString(),
    // One task stream per 100 events: task.acknowledged is the smallest valid event.
    streamId: `task-${Math.floor((position - 1) / 100)}`,
    version: ((position - 1) % 100) + 1,
    position,
  });
  return {
    append: refuse,
    appendMany: refuse,
    readStream: refuse,
    readCommand: refuse,
    commandFingerprint: refuse,
    streamVersion: refuse,
    async headPosition() {
      return count;
    },
    async close() {},
    async *readAll() {
      throw new Error('generatedStore: verify reads records');
    },
    async *readRecords() {
      let prev = GENESIS_HASH;
      for (let position = 1; position <= count; position++) {
        const event = eventAt(position);
        const bytes = eventBytes(event);
        const hash = hashBytes(prev, bytes);
        prev = hash;
        options.onYield?.(position);
        yield { position, streamId: event.streamId, version: event.version, commandId: event.commandId, bytes, hash };
      }
    },
    async *readCommandIndex() {
      for (let position = 1; position <= count; position++) yield { commandId: `cmd-${position}`, firstPosition: position, lastPosition: position };
    },
  };
}
