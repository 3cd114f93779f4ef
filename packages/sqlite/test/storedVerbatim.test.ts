import { join } from 'node:path';
import { describeStoredVerbatim } from '@planlog/core/testing';
import { sqliteStore, type SqliteEventStore } from '@planlog/sqlite';
import { tempDirs } from './tempDir.js';

const tempDir = tempDirs();

describeStoredVerbatim('sqliteStore', async () => {
  const file = join(tempDir(), 'plans.db');
  const opened: SqliteEventStore[] = [sqliteStore({ file })];
  return {
    store: opened[0]!,
    // The file closed and opened again: what is read comes from the disk.
    reopen: async () => {
      await opened[0]!.close();
      opened.push(sqliteStore({ file }));
      return opened.at(-1)!;
    },
    close: async () => {
      for (const store of opened) await store.close();
    },
  };
});
