import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { createEngine, PlanlogError, type Engine, type EngineOptions, type EventStore } from '@planlog/core';
import { postgresStore } from '@planlog/postgres';
import { sqliteStore } from '@planlog/sqlite';
import type { EngineFor } from './createPlanlogApp.js';
import { checkTenantId } from './tenantId.js';

/** Where tenants live: one SQLite file each in `dir`, or one PostgreSQL schema each in one database. */
export type TenantStorage = { sqlite: { dir: string } } | { postgres: { connectionString: string; /** Pool size (default 10). */ max?: number } };

export type TenantEnginesOptions = TenantStorage & {
  /** The most tenants open at once (default 16); the least recently used idle one is closed to open another. */
  maxOpen?: number;
  /** A tenant unused this long (ms, default 5 minutes) is closed by the next sweep. */
  idleMs?: number;
  /** The engines' options besides the store (clock, policy, …). */
  engine?: Omit<EngineOptions, 'store'>;
  /** Milliseconds now, for the idle rule (default `Date.now`); tests pass their own. */
  now?: () => number;
};

export type TenantEngines = EngineFor & {
  release(tenantId: string): void;
  /** Closes the tenants idle for `idleMs` or more (also run every `idleMs / 2` on an unref'd timer); resolves to how many. */
  sweep(): Promise<number>;
  /** The tenants open now, least recently used first. */
  openTenants(): string[];
  /** Closes every tenant's store (and the PostgreSQL pool); later calls refuse with STORE. */
  close(): Promise<void>;
};

type Entry = { tenantId: string; opening: Promise<{ engine: Engine; store: EventStore }>; leases: number; lastUsed: number };

/** The PostgreSQL schema of a tenant: `tenant_` and the slug with `_` for `-` (one to one: slugs hold no `_`). */
export function tenantSchema(tenantId: string): string {
  return `tenant_${checkTenantId(tenantId).replace(/-/g, '_')}`;
}

/**
 * `engineFor` for many tenants (design §3.2): one SQLite file (`<dir>/<tenantId>.db`) or one PostgreSQL
 * schema (`tenant_<id>`) per tenant, opened on first use, closed when idle, at most `maxOpen` open at
 * once. A tenant id that is not a slug (`checkTenantId`) is VALIDATION and reaches no path or SQL.
 */
export function tenantEngines(options: TenantEnginesOptions): TenantEngines {
  const maxOpen = options.maxOpen ?? 16;
  const idleMs = options.idleMs ?? 5 * 60_000;
  const now = options.now ?? Date.now;
  if (!Number.isSafeInteger(maxOpen) || maxOpen < 1) throw new PlanlogError('VALIDATION', 'maxOpen: must be a whole number ≥ 1', { field: 'maxOpen' });
  if (!(idleMs > 0)) throw new PlanlogError('VALIDATION', 'idleMs: must be a number > 0', { field: 'idleMs' });

  let pool: pg.Pool | undefined;
  let openStore: (tenantId: string) => Promise<EventStore>;
  if ('sqlite' in options) {
    const { dir } = options.sqlite;
    mkdirSync(dir, { recursive: true });
    openStore = async (tenantId) => sqliteStore({ file: join(dir, `${tenantId}.db`) });
  } else {
    const { connectionString, max } = options.postgres;
    const shared = new pg.Pool({ connectionString, max: max ?? 10, application_name: 'planlog-http' });
    shared.on('error', () => undefined); // a dropped idle connection: the next query reports STORE
    pool = shared;
    openStore = async (tenantId) => {
      const store = postgresStore({ pool: shared }, { schema: tenantSchema(tenantId) });
      await store.ready();
      return store;
    };
  }

  // Insertion order is recency order: a use moves the entry to the end.
  const entries = new Map<string, Entry>();
  let closed = false;

  async function closeEntry(entry: Entry): Promise<void> {
    entries.delete(entry.tenantId);
    const { store } = await entry.opening.catch(() => ({ store: undefined }));
    await store?.close();
  }

  async function makeRoom(): Promise<void> {
    while (entries.size >= maxOpen) {
      const idle = [...entries.values()].find((entry) => entry.leases === 0);
      if (!idle) throw new PlanlogError('STORE', `all ${maxOpen} open tenants are in use; try again`, { details: { maxOpen } });
      await closeEntry(idle);
    }
  }

  const engineFor = (async (tenantId: string): Promise<Engine> => {
    const id = checkTenantId(tenantId);
    if (closed) throw new PlanlogError('STORE', 'the tenant engines are closed');
    let entry = entries.get(id);
    if (entry) {
      entries.delete(id);
    } else {
      await makeRoom();
      entry = entries.get(id); // another request may have opened it meanwhile
      if (entry) entries.delete(id);
      else {
        const opening = openStore(id).then((store) => ({ store, engine: createEngine({ ...options.engine, store }) }));
        entry = { tenantId: id, opening, leases: 0, lastUsed: now() };
        opening.catch(() => {
          if (entries.get(id) === entry) entries.delete(id); // the next request tries again
        });
      }
    }
    entries.set(id, entry);
    entry.leases += 1;
    entry.lastUsed = now();
    try {
      return (await entry.opening).engine;
    } catch (error) {
      entry.leases -= 1;
      throw error instanceof PlanlogError ? error : new PlanlogError('STORE', `opening tenant ${id} failed`, { cause: error });
    }
  }) as TenantEngines;

  engineFor.release = (tenantId: string) => {
    const entry = entries.get(tenantId);
    if (!entry || entry.leases === 0) return;
    entry.leases -= 1;
    entry.lastUsed = now();
  };

  engineFor.sweep = async () => {
    const stale = [...entries.values()].filter((entry) => entry.leases === 0 && now() - entry.lastUsed >= idleMs);
    for (const entry of stale) await closeEntry(entry);
    return stale.length;
  };

  engineFor.openTenants = () => [...entries.keys()];

  const timer = setInterval(() => void engineFor.sweep().catch(() => undefined), Math.max(1_000, idleMs / 2));
  timer.unref();

  engineFor.close = async () => {
    closed = true;
    clearInterval(timer);
    for (const entry of [...entries.values()]) await closeEntry(entry);
    await pool?.end();
    pool = undefined;
  };

  return engineFor;
}
