import { createHash } from 'node:crypto';
import { PlanlogError } from '@planlog/core';
import { parkedFromRow, type ConsumerCheckpoints, type ConsumerLease, type ParkedRow } from '@planlog/core/store';
import type { Pool, PoolClient } from 'pg';
import type { SchemaNames } from './schema/names.js';
import { storeError } from './storeError.js';

/** The advisory-lock key of a consumer name's lease: 64 bits of SHA-256 over the schema and the name. */
export function consumerLeaseKey(schema: string, name: string): string {
  return createHash('sha256').update(`planlog:consumer:${schema}:${name}`).digest().readBigInt64BE(0).toString();
}

const ignore = () => undefined;

/**
 * Durable consumers' checkpoints in the log's schema (version 5: `consumers`, `parked`). The lease on
 * a name is a session-level advisory lock (`pg_try_advisory_lock`) on a connection the running
 * instance keeps; everything it writes goes through that connection, so once the connection is lost
 * (and with it the lock) it writes nothing more. A process that dies drops its connection and the
 * server frees the name at once for the next claimer.
 */
export function postgresConsumers(pool: Pool, names: SchemaNames, schema: string, prepare: () => Promise<void>, checkWritable: () => void): ConsumerCheckpoints {
  return {
    async claim({ name, fromPosition }) {
      checkWritable();
      await prepare();
      let client: PoolClient;
      try {
        client = await pool.connect();
      } catch (error) {
        throw storeError(error, `claiming consumer ${name}`);
      }
      let lostError: unknown;
      const lose = (error?: unknown) => {
        lostError ??= error ?? new Error('the lease connection ended');
      };
      client.on('error', lose);
      client.on('end', lose);
      const key = consumerLeaseKey(schema, name);
      const drop = () => {
        client.off('error', lose);
        client.off('end', lose);
        client.on('error', ignore);
        client.release(true); // never pooled: it held a session lock
      };
      let position: number;
      try {
        const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1::bigint) AS locked', [key]);
        if (!rows[0]!.locked) {
          client.off('error', lose);
          client.off('end', lose);
          client.release();
          return null;
        }
        await client.query(`INSERT INTO ${names.consumers} (name, position) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING`, [name, Math.max(0, fromPosition - 1)]);
        const found = await client.query<{ position: string }>(`SELECT position FROM ${names.consumers} WHERE name = $1`, [name]);
        position = Number(found.rows[0]!.position);
      } catch (error) {
        drop();
        throw storeError(error, `claiming consumer ${name}`);
      }
      let released = false;
      /** Run statements on the lease connection; CONFLICT once the connection (and so the lease) is lost. */
      async function onLease(doing: string, statements: (client: PoolClient) => Promise<void>): Promise<void> {
        if (released || lostError !== undefined) {
          throw new PlanlogError('CONFLICT', `consumer ${name}: the lease was lost (${String(lostError ?? 'released')})`, { field: 'name', details: { consumer: name } });
        }
        try {
          await statements(client);
        } catch (error) {
          await client.query('ROLLBACK').catch(ignore);
          if (lostError !== undefined) {
            throw new PlanlogError('CONFLICT', `consumer ${name}: the lease was lost (${String(lostError)})`, { field: 'name', details: { consumer: name }, cause: error });
          }
          throw storeError(error, doing);
        }
      }
      const lease: ConsumerLease = {
        position,
        until: Number.POSITIVE_INFINITY, // the lock lasts as long as the connection
        commit: (to, parked) =>
          onLease(`saving consumer ${name}`, async (session) => {
            await session.query('BEGIN');
            for (const entry of parked) {
              await session.query(
                `INSERT INTO ${names.parked} (consumer, position, event_id, type, stream_id, error, attempts, parked_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
                 ON CONFLICT (consumer, position) DO UPDATE SET error = excluded.error, attempts = excluded.attempts, parked_at = excluded.parked_at`,
                [name, entry.position, entry.eventId, entry.type, entry.streamId, entry.error, entry.attempts, entry.parkedAt],
              );
            }
            await session.query(`UPDATE ${names.consumers} SET position = GREATEST(position, $2), updated_at = now() WHERE name = $1`, [name, to]);
            await session.query('COMMIT');
          }),
        renew: () => onLease(`renewing consumer ${name}`, async (session) => void (await session.query('SELECT 1'))),
        unpark: (at) => onLease(`saving consumer ${name}`, async (session) => void (await session.query(`DELETE FROM ${names.parked} WHERE consumer = $1 AND position = $2`, [name, at]))),
        async release() {
          if (released) return;
          released = true;
          if (lostError === undefined) await client.query('SELECT pg_advisory_unlock($1::bigint)', [key]).catch(ignore);
          drop();
        },
      };
      return lease;
    },
    async checkpoint(name) {
      await prepare();
      try {
        const { rows } = await pool.query<{ position: string }>(`SELECT position FROM ${names.consumers} WHERE name = $1`, [name]);
        return rows[0] === undefined ? null : Number(rows[0].position);
      } catch (error) {
        throw storeError(error, `reading consumer ${name}`);
      }
    },
    async parked(name) {
      await prepare();
      try {
        const { rows } = await pool.query<ParkedRow>(`SELECT * FROM ${names.parked} WHERE consumer = $1 ORDER BY position`, [name]);
        return rows.map(parkedFromRow);
      } catch (error) {
        throw storeError(error, `reading consumer ${name}`);
      }
    },
  };
}
