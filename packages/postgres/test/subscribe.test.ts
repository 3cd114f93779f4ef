import { createEngine, manualClock, startConsumer } from '@planlog/core';
import { describeSubscriptions, issueSamplePlan, manualTimers, SAMPLE_LEAD } from '@planlog/core/testing';
import { describe, expect, it } from 'vitest';
import { postgresStore, type PostgresEventStore } from '../src/index.js';
import { usePostgres } from './usePostgres.js';

const { server, admin } = usePostgres();

describeSubscriptions('postgresStore', {
  store: async () => {
    const store = postgresStore({ connectionString: server().url, max: 4 }, { schema: server().freshSchema() });
    await store.ready();
    return store;
  },
  // Another pool on the schema, as another process has: its appends arrive by LISTEN/NOTIFY.
  sameDatabase: (store) => postgresStore({ connectionString: server().url, max: 2 }, { schema: (store as PostgresEventStore).schema }),
});

describe('engine.subscribe on PostgreSQL: LISTEN/NOTIFY', () => {
  it("is woken by another process's append through NOTIFY, not by its poll (a day apart here)", async () => {
    const schema = server().freshSchema();
    const store = postgresStore({ connectionString: server().url, max: 2 }, { schema });
    const other = postgresStore({ connectionString: server().url, max: 2 }, { schema });
    try {
      const { engine, taskId } = await issueSamplePlan(store);
      const subscription = engine.subscribe({ fromPosition: 5, pollMs: 86_400_000 }); // the runtime's timers: a poll a day
      const waiting = subscription.next();
      const elsewhere = createEngine({ store: other, clock: manualClock('2026-04-20T02:00:00Z') });
      await elsewhere.acknowledgeTask({ actor: SAMPLE_LEAD, taskId });
      expect((await waiting).value).toMatchObject({ position: 5, type: 'task.acknowledged' });
      const next = subscription.next();
      await elsewhere.reportTask({ actor: SAMPLE_LEAD, taskId, text: 'Qua NOTIFY', progress: 10 });
      expect((await next).value).toMatchObject({ position: 6, type: 'task.reported' });
      await subscription.return();
    } finally {
      await other.close();
      await store.close();
    }
  });
});

describe('PostgreSQL connections lost under subscriptions and consumers', () => {
  it('a subscription goes on after its LISTEN connection is terminated, and a consumer after its lease connection is', async () => {
    const schema = server().freshSchema();
    const store = postgresStore({ connectionString: server().url, max: 6 }, { schema });
    const timers = manualTimers();
    const errors: unknown[] = [];
    try {
      const { engine, taskId } = await issueSamplePlan(store);
      const subscription = engine.subscribe({ fromPosition: 5, timers });
      const handled: number[] = [];
      const consumer = startConsumer({ name: 'survivor', store, timers, onError: (error) => errors.push(error), handle: (event) => void handled.push(event.position) });
      await timers.until(consumer.caughtUp());
      const waiting = subscription.next();
      await timers.until(new Promise((resolve) => setImmediate(resolve)));
      // The server ends the LISTEN connection and the one holding the consumer's advisory lock.
      const { rows } = await admin().query(
        `SELECT pg_terminate_backend(pid) AS done FROM pg_stat_activity
          WHERE application_name = 'planlog' AND (query LIKE 'LISTEN%' OR pid IN (SELECT pid FROM pg_locks WHERE locktype = 'advisory'))`,
      );
      expect(rows.length).toBeGreaterThanOrEqual(2);
      await engine.acknowledgeTask({ actor: SAMPLE_LEAD, taskId });
      expect((await timers.until(waiting)).value).toMatchObject({ position: 5 });
      await engine.reportTask({ actor: SAMPLE_LEAD, taskId, text: 'Sau khi mất kết nối', progress: 20 });
      expect((await timers.until(subscription.next())).value).toMatchObject({ position: 6 });
      await subscription.return();
      expect(await timers.until(consumer.caughtUp())).toBe(6);
      expect(new Set(handled)).toEqual(new Set([1, 2, 3, 4, 5, 6]));
      expect(errors.length).toBeGreaterThan(0); // the lost lease was reported
      await timers.until(consumer.stop());
    } finally {
      await store.close();
    }
  });
});
