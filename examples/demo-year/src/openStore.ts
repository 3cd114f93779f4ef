import type { EventStore } from '@planlog/core';
import { postgresStore } from '@planlog/postgres';
import { sqliteStore } from '@planlog/sqlite';

export type OpenedStore = {
  store: EventStore;
  /** Where the log lives, said for the user. */
  description: string;
};

/** The schema the demo keeps its log in on PostgreSQL (dropped and created again for a fresh year). */
export const DEMO_SCHEMA = 'planlog_demo';

/** The PostgreSQL URL asked for: `--pg <url>` on the command line, else `PLANLOG_PG_URL`, else none. */
export function postgresUrl(args: readonly string[], env: NodeJS.ProcessEnv = process.env): string | undefined {
  const at = args.indexOf('--pg');
  if (at < 0) return env.PLANLOG_PG_URL || undefined;
  const url = args[at + 1];
  if (!url || url.startsWith('--')) throw new Error('--pg wants a connection string, e.g. --pg postgres://user:password@localhost:5432/planlog');
  return url;
}

/** A connection string without its password, to show. */
function shown(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'PostgreSQL';
  }
}

/**
 * The demo's event store: PostgreSQL (schema `planlog_demo`) when a URL is given by `--pg <url>` or
 * `PLANLOG_PG_URL`, otherwise the embedded default, one SQLite file (created if missing). `fresh`
 * starts an empty log on PostgreSQL (the caller deletes the SQLite file itself).
 */
export async function openStore(options: { file: string; args?: readonly string[]; fresh?: boolean }): Promise<OpenedStore> {
  const url = postgresUrl(options.args ?? []);
  if (url === undefined) return { store: sqliteStore({ file: options.file }), description: `trong tệp ${options.file} (SQLite)` };
  const store = postgresStore({ connectionString: url, max: 4, connectionTimeoutMillis: 10_000 }, { schema: DEMO_SCHEMA });
  if (options.fresh) await store.pool.query(`DROP SCHEMA IF EXISTS ${DEMO_SCHEMA} CASCADE`);
  await store.ready();
  return { store, description: `trong PostgreSQL ${shown(url)}, schema ${DEMO_SCHEMA}` };
}
