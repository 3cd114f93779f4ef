import { PlanlogError } from '@planlog/core';
import type { Database } from 'better-sqlite3';
import { COMMAND_FINGERPRINT_V2 } from './commandFingerprint.js';
import { TABLES_V1 } from './tables.js';

/** `MIGRATIONS[n]` takes a database from schema version n to n + 1. Append only; never edit one. */
const MIGRATIONS: readonly string[] = [TABLES_V1, COMMAND_FINGERPRINT_V2];

/** The schema version this code writes. */
export const STORE_SCHEMA_VERSION = MIGRATIONS.length;

function newerSchema(file: string, current: number): PlanlogError {
  return new PlanlogError(
    'STORE',
    `${file}: schema version ${current} is newer than this @planlog/sqlite understands (${STORE_SCHEMA_VERSION}); upgrade @planlog/sqlite to open it`,
    { details: { file, schemaVersion: current, supported: STORE_SCHEMA_VERSION } },
  );
}

/** For a database opened read-only: refuse one without a planlog log or with another schema version than this code's. */
export function checkSchema(db: Database, file: string): void {
  const hasSchema = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'planlog_schema'").get() !== undefined;
  const current = hasSchema ? ((db.prepare('SELECT version FROM planlog_schema WHERE id = 1').pluck().get() as number | undefined) ?? 0) : 0;
  if (current === 0) throw new PlanlogError('STORE', `${file}: holds no planlog log (no schema version)`, { details: { file } });
  if (current > STORE_SCHEMA_VERSION) throw newerSchema(file, current);
  if (current < STORE_SCHEMA_VERSION) {
    throw new PlanlogError('STORE', `${file}: schema version ${current} is older than this @planlog/sqlite reads (${STORE_SCHEMA_VERSION}); open it once writable to migrate it`, {
      details: { file, schemaVersion: current, supported: STORE_SCHEMA_VERSION },
    });
  }
}

/**
 * Create or upgrade the schema, in one write transaction. A database written by a newer
 * @planlog/sqlite is refused (`STORE`) rather than misread.
 */
export function migrate(db: Database, file: string): void {
  db.transaction(() => {
    db.exec('CREATE TABLE IF NOT EXISTS planlog_schema (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL)');
    const current = (db.prepare('SELECT version FROM planlog_schema WHERE id = 1').pluck().get() as number | undefined) ?? 0;
    if (current > STORE_SCHEMA_VERSION) throw newerSchema(file, current);
    for (let version = current; version < STORE_SCHEMA_VERSION; version++) db.exec(MIGRATIONS[version]!);
    if (current !== STORE_SCHEMA_VERSION) {
      db.prepare('INSERT INTO planlog_schema (id, version) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET version = excluded.version').run(
        STORE_SCHEMA_VERSION,
      );
    }
  }).immediate();
}
