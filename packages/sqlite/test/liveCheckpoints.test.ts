import { describeLiveCheckpoints } from '@planlog/core/testing';
import { join } from 'node:path';
import { sqliteStore, type SqliteEventStore } from '../src/index.js';
import { tempDirs } from './tempDir.js';

const tempDir = tempDirs();

describeLiveCheckpoints('sqliteStore', {
  store: () => sqliteStore({ file: join(tempDir(), 'plans.db') }),
  reopen: (store) => sqliteStore({ file: (store as SqliteEventStore).file }),
});
