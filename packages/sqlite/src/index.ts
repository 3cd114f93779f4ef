// The public surface of @planlog/sqlite.
export { sqliteStore, type SqliteStoreOptions, type SqliteEventStore } from './store.js';
export type { CommitInfo } from './groupCommit.js';
export type { Synchronous } from './openDatabase.js';
export { openReadonly } from './openReadonly.js';
export { STORE_SCHEMA_VERSION } from './schema/migrate.js';
export { sqliteReadModels } from './readModels/sqliteReadModels.js';
export { sqliteSnapshots } from './snapshots/sqliteSnapshots.js';
