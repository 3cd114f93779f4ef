import { hashEvent, GENESIS_HASH, type EventStore, type StoredEvent } from '@planlog/core';

/**
 * Test-only: a store whose `readAll` yields what `tamper` makes of copies of the real events, as
 * if someone had edited the database behind planlog's back. Everything else goes to the real store.
 */
export function tamperedStore(store: EventStore, tamper: (events: StoredEvent[]) => StoredEvent[]): EventStore {
  return {
    ...store,
    async *readAll() {
      const events: StoredEvent[] = [];
      for await (const event of store.readAll()) events.push(structuredClone(event) as StoredEvent);
      yield* tamper(events);
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

const hex12 = (n: number) => n.toString(16).padStart(12, '0');

/**
 * Test-only: a store of `count` valid, chained events made one at a time as `readAll` is iterated:
 * nothing holds the log, so a reader that keeps every event would be the only thing growing.
 */
export function generatedStore(count: number, options: { onYield?: (position: number) => void } = {}): EventStore {
  const refuse = async () => {
    throw new Error('generatedStore is read-only');
  };
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
      let prev = GENESIS_HASH;
      for (let position = 1; position <= count; position++) {
        // One task stream per 100 events: task.acknowledged is the smallest valid event.
        const unsealed = {
          id: `00000000-0000-7000-8000-${hex12(position)}`,
          type: 'task.acknowledged' as const,
          schemaVersion: 1,
          data: {},
          actor: { unitId: 'phong-xay-dung-phap-luat' },
          commandId: `cmd-${position}`,
          causationId: null,
          correlationId: `cmd-${position}`,
          recordedAt: new Date(Date.UTC(2026, 0, 1) + position * 1000).toISOString(),
          streamId: `task-${Math.floor((position - 1) / 100)}`,
          version: ((position - 1) % 100) + 1,
          position,
        };
        const event = { ...unsealed, hash: hashEvent(prev, unsealed) } as StoredEvent;
        prev = event.hash;
        options.onYield?.(position);
        yield event;
      }
    },
  };
}
