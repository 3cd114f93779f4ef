import { memoryStore, type EventStore } from '@planlog/core';

export type OpenedStore = {
  store: EventStore;
  /** Where the log lives, said for the user. */
  description: string;
};

/**
 * The demo's event store. The demo is meant to keep its log in `file` (planlog-demo.db) through
 * `@planlog/sqlite`; until that package is ready the log lives in memory and `file` is not written.
 */
export async function openStore(options: { file: string; keep: boolean }): Promise<OpenedStore> {
  void options;
  return { store: memoryStore(), description: 'trong bộ nhớ (memoryStore)' };
}
