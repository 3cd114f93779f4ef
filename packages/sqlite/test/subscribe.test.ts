import { join } from 'node:path';
import { describeSubscriptions } from '@planlog/core/testing';
import { sqliteStore, type SqliteEventStore } from '@planlog/sqlite';
import { tempDirs } from './tempDir.js';

const tempDir = tempDirs();

describeSubscriptions('sqliteStore (file)', {
  store: () => sqliteStore({ file: join(tempDir(), 'plans.db') }),
  // Another connection on the file, as another process has: its appends are found by polling the head.
  sameDatabase: (store) => sqliteStore({ file: (store as SqliteEventStore).file }),
});
describeSubscriptions("sqliteStore (':memory:')", { store: () => sqliteStore({ file: ':memory:' }) });
