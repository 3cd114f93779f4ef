import { createHash } from 'node:crypto';
import { ProjectionRunner, type CatchUpResult, type EventStore, type Projection, type ReadModels, type Telemetry } from '@planlog/core';
import type { Pool, PoolClient } from 'pg';
import { schemaNames } from '../schema/names.js';

export type ProjectionWorkerOptions = {
  /** The log (a `postgresStore`: its schema and pool are the defaults below). */
  store: EventStore & { readonly schema?: string; readonly pool?: Pool };
  readModels: ReadModels;
  /** The projection set this worker runs; one lease per schema and set of projection names. */
  projections: readonly Projection[];
  /** Where the lease connection comes from (default: the store's pool). It keeps one client while it holds the lease. */
  pool?: Pool;
  /** The schema whose log is watched (default: the store's, else `planlog`). */
  schema?: string;
  /** Catch up at least this often while holding the lease, even without a notification (default 5,000 ms). */
  pollMs?: number;
  /** How often a worker without the lease tries to take it (default 1,000 ms). */
  retryMs?: number;
  /** A catch-up or connection failure; the worker goes on (default: printed with console.error). */
  onError?: (error: unknown) => void;
  /** After each catch-up, with where it got to (and any projection that stopped at an event). */
  onCatchUp?: (result: CatchUpResult) => void;
  /** The lease was taken (true) or lost or given back (false). */
  onLease?: (holding: boolean) => void;
  /** OpenTelemetry's tracer: a `planlog.projection.catch_up` span per catch-up (docs/telemetry.md). */
  telemetry?: Telemetry;
};

export type ProjectionWorker = {
  /** Whether this worker holds the lease now. */
  readonly holding: boolean;
  /** The advisory-lock key of the lease (a bigint, as text). */
  readonly key: string;
  /** Finish the catch-up in progress, give the lease back, and stop. */
  stop(): Promise<void>;
};

const ignore = () => undefined;

/** The lease's advisory-lock key: 64 bits of SHA-256 over the schema and the projection names. */
export function leaseKey(schema: string, projections: readonly Projection[]): string {
  const names = projections.map((projection) => projection.name).sort();
  const digest = createHash('sha256').update(`planlog:projections:${schema}:${names.join(',')}`).digest();
  return digest.readBigInt64BE(0).toString();
}

/**
 * Keep a projection set's read models up to date from one process among many. Every process may
 * start a worker; the one whose session holds a PostgreSQL advisory lock (`pg_try_advisory_lock`,
 * session level, on a client it keeps) runs the projections, the others try again every `retryMs`.
 * If the holder dies its connection drops, the server releases the lock, and the next try of another
 * worker takes over. The holder LISTENs on the schema's channel (every append NOTIFYs it at commit)
 * and catches up when woken, and every `pollMs` in case a notification was missed.
 */
export function startProjectionWorker(options: ProjectionWorkerOptions): ProjectionWorker {
  const schema = options.schema ?? options.store.schema ?? 'planlog';
  const { channel } = schemaNames(schema);
  const pool = options.pool ?? options.store.pool;
  if (!pool) throw new TypeError('pool: startProjectionWorker needs a pg pool (or a postgresStore, whose pool it uses)');
  const pollMs = options.pollMs ?? 5_000;
  const retryMs = options.retryMs ?? 1_000;
  const onError = options.onError ?? ((error: unknown) => console.error('planlog projection worker:', error));
  const key = leaseKey(schema, options.projections);
  const runner = new ProjectionRunner({ store: options.store, readModels: options.readModels, projections: options.projections, telemetry: options.telemetry });

  let stopped = false;
  let holding = false;
  let dirty = false; // there may be events the read models have not seen
  let wake: (() => void) | null = null;
  const nudge = () => {
    const resolve = wake;
    wake = null;
    resolve?.();
  };
  /** Sleep for `ms`, or less when nudged (a notification, a lost connection, stop). */
  const rest = (ms: number, ready: () => boolean) =>
    ready()
      ? Promise.resolve()
      : new Promise<void>((resolve) => {
          const timer = setTimeout(() => {
            wake = null;
            resolve();
          }, ms);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
  const setHolding = (value: boolean) => {
    if (holding === value) return;
    holding = value;
    options.onLease?.(value);
  };

  /** Hold the lease on `client` until stopped or the connection fails. */
  async function lead(client: PoolClient, lost: { error: unknown }): Promise<void> {
    await client.query(`LISTEN "${channel}"`);
    client.on('notification', (message) => {
      if (message.channel !== channel) return;
      dirty = true;
      nudge();
    });
    dirty = true;
    while (!stopped && lost.error === undefined) {
      if (dirty) {
        dirty = false;
        try {
          const result = await runner.catchUp(); // not inside `onCatchUp?.(…)`: that would skip it without a callback
          options.onCatchUp?.(result);
        } catch (error) {
          onError(error);
          dirty = true;
          await rest(retryMs, () => stopped || lost.error !== undefined);
          continue;
        }
      }
      const before = Date.now();
      await rest(pollMs, () => stopped || dirty || lost.error !== undefined);
      if (!stopped && lost.error === undefined && Date.now() - before >= pollMs) {
        dirty = true; // the poll: also proves the lease connection is alive
        await client.query('SELECT 1');
      }
    }
  }

  async function run(): Promise<void> {
    while (!stopped) {
      let client: PoolClient;
      try {
        client = await pool!.connect();
      } catch (error) {
        onError(error);
        await rest(retryMs, () => stopped);
        continue;
      }
      const lost: { error: unknown } = { error: undefined };
      const fail = (error: unknown) => {
        lost.error ??= error ?? new Error('the lease connection ended');
        nudge();
      };
      const onEnd = () => fail(new Error('the lease connection ended'));
      client.on('error', fail);
      client.on('end', onEnd);
      let locked = false;
      try {
        const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1::bigint) AS locked', [key]);
        locked = rows[0]!.locked;
        if (locked) {
          setHolding(true);
          await lead(client, lost);
        }
      } catch (error) {
        fail(error);
      }
      setHolding(false);
      if (lost.error !== undefined || locked) {
        if (lost.error !== undefined && !stopped) onError(lost.error);
        // Give the lease back, then drop the session rather than pool it (it was LISTENing). A dropped
        // client may still report errors: keep listening, and ignore them.
        if (lost.error === undefined) await client.query('SELECT pg_advisory_unlock($1::bigint)', [key]).catch(() => undefined);
        client.off('error', fail);
        client.off('end', onEnd);
        client.on('error', ignore);
        client.release(true);
      } else {
        client.off('error', fail);
        client.off('end', onEnd);
        client.release();
      }
      if (!stopped) await rest(retryMs, () => stopped);
    }
  }

  const running = run();
  return {
    get holding() {
      return holding;
    },
    key,
    async stop() {
      stopped = true;
      nudge();
      await running;
    },
  };
}
