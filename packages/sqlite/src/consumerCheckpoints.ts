import { PlanlogError } from '@planlog/core';
import { parkedFromRow, type ConsumerCheckpoints, type ConsumerLease, type ParkedRow } from '@planlog/core/store';
import type Database from 'better-sqlite3';
import { storeError } from './storeError.js';

/**
 * Durable consumers' checkpoints in the log's own file (schema version 3: `planlog_consumers`,
 * `planlog_parked`). The lease is a row: the owner and the instant it runs out (`lease_until`, by the
 * consumer's clock); a claim takes the name when it has no owner, is its own, or has run out, in one
 * IMMEDIATE transaction, so two processes never both get it. Everything written through a lease
 * first checks, in the same transaction, that the row still names its owner: an instance whose lease
 * ran out and was taken over writes nothing more.
 */
export function sqliteConsumers(db: Database.Database, file: string, checkWritable: () => void, checkOpen: () => void): ConsumerCheckpoints {
  let statements: ReturnType<typeof prepare> | null = null;
  const prepare = () => ({
    row: db.prepare<[string], { position: number; owner: string | null; lease_until: number }>('SELECT position, owner, lease_until FROM planlog_consumers WHERE name = ?'),
    insert: db.prepare('INSERT INTO planlog_consumers (name, position, owner, lease_until) VALUES (?, ?, ?, ?)'),
    take: db.prepare('UPDATE planlog_consumers SET owner = ?, lease_until = ? WHERE name = ?'),
    renew: db.prepare('UPDATE planlog_consumers SET lease_until = ? WHERE name = ? AND owner = ?'),
    advance: db.prepare('UPDATE planlog_consumers SET position = max(position, ?) WHERE name = ?'),
    park: db.prepare(
      'INSERT OR REPLACE INTO planlog_parked (consumer, position, event_id, type, stream_id, error, attempts, parked_at) VALUES (@consumer, @position, @eventId, @type, @streamId, @error, @attempts, @parkedAt)',
    ),
    unpark: db.prepare('DELETE FROM planlog_parked WHERE consumer = ? AND position = ?'),
    release: db.prepare('UPDATE planlog_consumers SET owner = NULL, lease_until = 0 WHERE name = ? AND owner = ?'),
    parked: db.prepare<[string], ParkedRow>('SELECT * FROM planlog_parked WHERE consumer = ? ORDER BY position'),
    checkpoint: db.prepare<[string], number>('SELECT position FROM planlog_consumers WHERE name = ?').pluck(),
  });
  const sql = () => (statements ??= prepare());

  function run<T>(doing: string, work: () => T): T {
    checkOpen();
    try {
      return work();
    } catch (error) {
      throw storeError(error, file, doing);
    }
  }

  return {
    async claim({ name, owner, fromPosition, now, leaseMs }) {
      checkWritable();
      const taken = run(`claiming consumer ${name}`, () =>
        db
          .transaction(() => {
            const until = now.getTime() + leaseMs;
            const row = sql().row.get(name);
            if (row === undefined) {
              sql().insert.run(name, Math.max(0, fromPosition - 1), owner, until);
              return Math.max(0, fromPosition - 1);
            }
            if (row.owner !== null && row.owner !== owner && row.lease_until > now.getTime()) return null;
            sql().take.run(owner, until, name);
            return row.position;
          })
          .immediate(),
      );
      if (taken === null) return null;
      let until = now.getTime() + leaseMs;
      /** In the caller's transaction: renew the lease, or CONFLICT when another instance holds the name now. */
      const held = (now: Date) => {
        if (sql().renew.run(now.getTime() + leaseMs, name, owner).changes === 0) {
          throw new PlanlogError('CONFLICT', `consumer ${name}: the lease was lost (another instance took the name)`, { field: 'name', details: { consumer: name } });
        }
        until = now.getTime() + leaseMs;
      };
      const lease: ConsumerLease = {
        position: taken,
        get until() {
          return until;
        },
        async commit(position, parked, now) {
          run(`saving consumer ${name}`, () =>
            db
              .transaction(() => {
                held(now);
                for (const entry of parked) sql().park.run({ ...entry, consumer: name });
                sql().advance.run(position, name);
              })
              .immediate(),
          );
        },
        async renew(now) {
          run(`renewing consumer ${name}`, () => db.transaction(() => held(now)).immediate());
        },
        async unpark(position, now) {
          run(`saving consumer ${name}`, () =>
            db
              .transaction(() => {
                held(now);
                sql().unpark.run(name, position);
              })
              .immediate(),
          );
        },
        async release() {
          run(`releasing consumer ${name}`, () => sql().release.run(name, owner));
        },
      };
      return lease;
    },
    async checkpoint(name) {
      return run(`reading consumer ${name}`, () => sql().checkpoint.get(name) ?? null);
    },
    async parked(name) {
      return run(`reading consumer ${name}`, () => sql().parked.all(name).map(parkedFromRow));
    },
  };
}
