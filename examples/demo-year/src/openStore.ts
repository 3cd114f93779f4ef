import type { EventStore } from '@planlog/core';
import { sqliteStore } from '@planlog/sqlite';

export type OpenedStore = {
  store: EventStore;
  /** Where the log lives, said for the user. */
  description: string;
};

/** The demo's event store: the embedded default, one SQLite file (created if missing). */
export async function openStore(options: { file: string }): Promise<OpenedStore> {
  return { store: sqliteStore({ file: options.file }), description: `trong tệp ${options.file} (SQLite)` };
}
