import { memoryStore, type EventStore } from '@planlog/core';
import { type CommandIndexEntry, type StoredRecord } from '@planlog/core/store';
import { describeTamperSuite, type RawLog } from './tamperSuite.js';

const COLUMN = { streamId: 'streamId', version: 'version', commandId: 'commandId' } as const;

/**
 * The memory store keeps its events' bytes like the others, but has no tables to edit: its tampered
 * copy is a store over the records and the command index read from it, edited in place.
 */
describeTamperSuite('memory', async () => {
  const real = memoryStore();
  let records: StoredRecord[] | null = null;
  let index: CommandIndexEntry[] = [];
  const load = async () => {
    if (records) return records;
    records = [];
    for await (const record of real.readRecords()) records.push({ ...record });
    for await (const entry of real.readCommandIndex()) index.push({ ...entry });
    return records;
  };
  const store: EventStore = {
    ...real,
    async *readRecords() {
      if (!records) return yield* real.readRecords();
      yield* records.map((record) => ({ ...record }));
    },
    async *readCommandIndex() {
      if (!records) return yield* real.readCommandIndex();
      yield* [...index].sort((a, b) => a.firstPosition - b.firstPosition || (a.commandId < b.commandId ? -1 : 1));
    },
    async headPosition() {
      return records ? (records.at(-1)?.position ?? 0) : real.headPosition();
    },
  };
  const raw: RawLog = {
    async setEvent(position, bytes, hash) {
      Object.assign((await load())[position - 1]!, { bytes, hash });
    },
    async setColumn(position, column, value) {
      Object.assign((await load())[position - 1]!, { [COLUMN[column]]: value });
    },
    async truncateFrom(position) {
      (await load()).splice(position - 1);
    },
    async deleteCommand(commandId) {
      await load();
      index = index.filter((entry) => entry.commandId !== commandId);
    },
    async insertCommand(entry) {
      await load();
      index.push(entry);
    },
  };
  return { store, raw, close: () => real.close() };
});
