import { join } from 'node:path';
import { describeEventStore } from '@planlog/core/testing';
import { sqliteStore } from '@planlog/sqlite';
import Database from 'better-sqlite3';
import { tempDirs } from './tempDir.js';

const tempDir = tempDirs();

describeEventStore('sqliteStore (file)', () => sqliteStore({ file: join(tempDir(), 'plans.db') }));
describeEventStore("sqliteStore (':memory:')", () => sqliteStore({ file: ':memory:' }));
describeEventStore('sqliteStore (an existing connection, small pages)', () => sqliteStore({ database: new Database(':memory:'), pageSize: 7 }));
