import { join } from 'node:path';
import { describeConsumers } from '@planlog/core/testing';
import { sqliteStore } from '@planlog/sqlite';
import { tempDirs } from './tempDir.js';

const tempDir = tempDirs();

describeConsumers('sqliteStore (file)', { store: () => sqliteStore({ file: join(tempDir(), 'plans.db') }) });
describeConsumers("sqliteStore (':memory:')", { store: () => sqliteStore({ file: ':memory:' }) });
