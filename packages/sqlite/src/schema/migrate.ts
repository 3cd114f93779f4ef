import { PlanlogError } from '@planlog/core';
import type { Database } from 'better-sqlite3';
import { tablesSql, consumerTables } from './tables.js';

/**
 * The schema version this code writes. Version 1 hashed a re-serialisation of each event's columns;
 * version 2 stores each event's exact bytes and hashes those, and keeps with each command id the
 * fingerprint of the command that appended it; version 3 adds the checkpoints, leases and parked
 * events of durable consumers (`startConsumer`) beside the log. No released log used version 1, so it
 * is refused rather than migrated (its hashes follow the old rule).
 */
export const STORE_SCHEMA_VERSION = 3;

/** The oldest version this code opens: a version 2 log is migrated (on a writable open) by adding version 3's tables. */
const OLDEST_READ = 2;

function newerSchema(file: string, current: number): PlanlogError {
  return new PlanlogError(
    'STORE',
    `${file}: schema version ${current} is newer than this @planlog/sqlite understands (${STORE_SCHEMA_VERSION}); upgrade @planlog/sqlite to open it`,
    { details: { file, schemaVersion: current, supported: STORE_SCHEMA_VERSION } },
  );
}

function olderSchema(file: string, current: number): PlanlogError {
  return new PlanlogError(
    'STORE',
    `${file}: schema version ${current} is older than this @planlog/sqlite reads (${OLDEST_READ}–${STORE_SCHEMA_VERSION}): its events are hashed by an older rule (before each event's exact bytes were stored) and cannot be migrated; start a new log`,
    { details: { file, schemaVersion: current, supported: STORE_SCHEMA_VERSION } },
  );
}

function versionOf(db: Database): number {
  const hasSchema = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'planlog_schema'").get() !== undefined;
  return hasSchema ? ((db.prepare('SELECT version FROM planlog_schema WHERE id = 1').pluck().get() as number | undefined) ?? 0) : 0;
}

/** For a database opened read-only: refuse one without a planlog log or with another schema version than this code's. */
export function checkSchema(db: Database, file: string): void {
  const current = versionOf(db);
  if (current === 0) throw new PlanlogError('STORE', `${file}: holds no planlog log (no schema version)`, { details: { file } });
  if (current > STORE_SCHEMA_VERSION) throw newerSchema(file, current);
  if (current < OLDEST_READ) throw olderSchema(file, current);
}

/** Before anything is written on open (the WAL pragma): refuse a log at another schema version. */
export function refuseOtherSchema(db: Database, file: string): void {
  const current = versionOf(db);
  if (current > STORE_SCHEMA_VERSION) throw newerSchema(file, current);
  if (current > 0 && current < OLDEST_READ) throw olderSchema(file, current);
}

/**
 * Create the schema in a database without one, or bring a version 2 log up to version 3 (its
 * consumer tables), in one write transaction. A database written by another schema version (older:
 * the old hash rule; newer: a newer @planlog/sqlite) is refused (`STORE`, naming the version found
 * and the one expected) rather than misread.
 */
export function migrate(db: Database, file: string): void {
  db.transaction(() => {
    const current = versionOf(db);
    if (current > STORE_SCHEMA_VERSION) throw newerSchema(file, current);
    if (current > 0 && current < OLDEST_READ) throw olderSchema(file, current);
    if (current === STORE_SCHEMA_VERSION) return;
    db.exec('CREATE TABLE IF NOT EXISTS planlog_schema (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL)');
    if (current < 2) db.exec(tablesSql);
    db.exec(consumerTables);
    db.prepare('INSERT INTO planlog_schema (id, version) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET version = excluded.version').run(STORE_SCHEMA_VERSION);
  }).immediate();
}
