import { createEngine, manualClock } from '@planlog/core';
import { describeSubscriptions, issueSamplePlan, SAMPLE_LEAD } from '@planlog/core/testing';
import { describe, expect, it } from 'vitest';
import { postgresStore, type PostgresEventStore } from '../src/index.js';
import { usePostgres } from './usePostgres.js';

const { server } = usePostgres();

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
