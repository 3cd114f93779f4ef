import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { PlanlogError, type EventStore } from '@planlog/core';
import { openReadonly, sqliteStore, type SqliteEventStore } from '@planlog/sqlite';
import type { Context } from './io.js';

export const DEFAULT_DB = 'plans.db';

export type OpenedStore = {
  store: EventStore;
  kind: 'sqlite' | 'postgres';
  /** The file, or the URL without its password: safe to print. */
  location: string;
  /** The SQLite store (for read models kept in the same file); absent for PostgreSQL. */
  sqlite?: SqliteEventStore;
};

export type OpenOptions = {
  /**
   * Whether a missing SQLite file may be created (import). Read commands refuse a missing file with
   * NOT_FOUND rather than leave a new empty database behind, and a file without a planlog log with
   * VALIDATION rather than add planlog's tables to it.
   */
  create: boolean;
  /**
   * Open the log read-only (every command that only reads it): a write-protected SQLite copy works,
   * and a PostgreSQL schema is neither created nor migrated.
   */
  readonly?: boolean;
};

export function isPostgresUrl(db: string): boolean {
  return /^postgres(ql)?:\/\//i.test(db);
}

/** The URL as it may be printed: the password replaced. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
  }
}

/** `postgres://…?schema=name`: the schema holding planlog's tables (default `planlog`), kept out of what pg reads. */
export function splitSchema(url: string): { connectionString: string; schema?: string } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new PlanlogError('VALIDATION', `--db: ${redactUrl(url)} is not a valid URL`, { field: 'db' });
  }
  const schema = parsed.searchParams.get('schema');
  if (schema === null) return { connectionString: url };
  parsed.searchParams.delete('schema');
  return { connectionString: parsed.toString(), schema };
}

/** `--db`, or `PLANLOG_DB`, or `plans.db`. */
export function dbOf(context: Context, db: string | undefined): string {
  return db ?? context.env.PLANLOG_DB ?? DEFAULT_DB;
}

/** Refuse, without writing to it, a file that is not a SQLite database holding a planlog log. */
function requirePlanlogFile(file: string, given: string): void {
  if (!existsSync(file)) {
    throw new PlanlogError('NOT_FOUND', `--db: no such SQLite file ${given} (give the log's file with --db, or set PLANLOG_DB)`, { field: 'db', details: { file } });
  }
  if (!statSync(file).isFile()) throw new PlanlogError('VALIDATION', `--db: ${given} is not a file`, { field: 'db' });
  let hasLog: boolean;
  try {
    const db = openReadonly(file);
    try {
      hasLog = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'planlog_events'").get() !== undefined;
    } finally {
      db.close();
    }
  } catch (error) {
    const code = (error as { code?: string }).code ?? '';
    if (code.startsWith('SQLITE_NOTADB')) throw new PlanlogError('VALIDATION', `--db: ${given} is not a SQLite database`, { field: 'db' });
    throw new PlanlogError('STORE', `--db: cannot read ${given}: ${(error as Error).message}`, { field: 'db', cause: error });
  }
  if (!hasLog) throw new PlanlogError('VALIDATION', `--db: ${given} is a SQLite database without a planlog log (no planlog_events table)`, { field: 'db' });
}

/** Open the store `--db` names: a postgres:// URL, or a SQLite file (relative to the working directory). */
export async function openStore(context: Context, db: string, options: OpenOptions): Promise<OpenedStore> {
  if (isPostgresUrl(db)) {
    // Loaded only when asked for, so SQLite users never load the pg driver.
    const { postgresStore } = await import('@planlog/postgres');
    const { connectionString, schema } = splitSchema(db);
    // Only import creates a log: elsewhere a schema without one (a typo in ?schema=) is NOT_FOUND, naming those that hold one.
    const store = postgresStore({ connectionString }, { ...(schema === undefined ? {} : { schema }), create: options.create, readonly: options.readonly === true });
    try {
      await store.ready();
    } catch (error) {
      await store.close().catch(() => undefined);
      throw error;
    }
    return { store, kind: 'postgres', location: redactUrl(db) };
  }
  const file = resolve(context.cwd, db);
  if (!options.create) requirePlanlogFile(file, db);
  const sqlite = sqliteStore({ file, readonly: options.readonly === true });
  return { store: sqlite, kind: 'sqlite', location: db, sqlite };
}

/** Open the store, run `work`, and close the store whatever happens. */
export async function withStore<T>(context: Context, db: string | undefined, options: OpenOptions, work: (opened: OpenedStore) => Promise<T>): Promise<T> {
  const opened = await openStore(context, dbOf(context, db), options);
  try {
    return await work(opened);
  } finally {
    await opened.store.close().catch(() => undefined);
  }
}
