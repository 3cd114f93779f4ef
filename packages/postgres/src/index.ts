// The public surface of @planlog/postgres.
export { postgresStore, type PostgresConnection, type PostgresEventStore, type PostgresStoreOptions } from './store.js';
export { migrate, STORE_SCHEMA_VERSION as POSTGRES_SCHEMA_VERSION } from './schema/migrate.js';
export { schemaNames, type SchemaNames } from './schema/names.js';
export { postgresReadModels, type PostgresReadModelsOptions } from './readModels/postgresReadModels.js';
export { startProjectionWorker, leaseKey, type ProjectionWorker, type ProjectionWorkerOptions } from './readModels/projectionWorker.js';
