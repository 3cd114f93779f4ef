import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, manualClock, memoryStore, type Engine } from '@planlog/core';
import { collectReport, composeReport, renderMarkdown } from '@planlog/report';
import { DEMO_SCHEMA, openStore, postgresUrl } from '../../examples/demo-year/src/openStore.js';
import { SIMULATION_END, simulateYear } from '../../examples/demo-year/src/simulateYear.js';
import { startPostgres, type RunningPostgres } from '../../packages/postgres/test/startPostgres.js';

let server: RunningPostgres;
// Each agency's report on the year, without the properties on top (they say when it was generated).
const renderYear = async (engine: Engine, _planIds: string[]) => {
  const texts: string[] = [];
  for (const unit of ['so-ngoai-vu', 'so-tu-phap']) texts.push(renderMarkdown(composeReport(await collectReport({ engine, unit, period: '2026', now: new Date('2027-01-15T00:00:00Z') }))));
  return texts.join('\n');
};
beforeAll(async () => {
  server = await startPostgres();
});
afterAll(async () => {
  await server?.stop();
});

describe('demo year on PostgreSQL', () => {
  it('picks PostgreSQL from --pg or PLANLOG_PG_URL, SQLite otherwise', () => {
    expect(postgresUrl(['--seed', '3'], {})).toBeUndefined();
    expect(postgresUrl([], { PLANLOG_PG_URL: 'postgres://a/b' })).toBe('postgres://a/b');
    expect(postgresUrl(['--pg', 'postgres://c/d'], { PLANLOG_PG_URL: 'postgres://a/b' })).toBe('postgres://c/d');
    expect(() => postgresUrl(['--pg'], {})).toThrow(/--pg wants a connection string/);
  });

  it('simulates the same year as in memory, and --keep reads it back', { timeout: 120_000 }, async () => {
    const args = ['--pg', server.url];
    const { store, description } = await openStore({ file: 'unused.db', args, fresh: true });
    expect(description).toContain(`schema ${DEMO_SCHEMA}`);
    expect(description).not.toContain(':planlog@'); // no password shown
    const onPostgres = await simulateYear({ store, seed: 3 });
    const inMemory = await simulateYear({ store: memoryStore(), seed: 3 });
    const planIds = onPostgres.plans.map((plan) => plan.planId);
    const report = await renderYear(onPostgres.engine, planIds);
    expect(report).toBe(await renderYear(inMemory.engine, planIds));
    const events = await store.headPosition();
    expect(events).toBe(onPostgres.events);
    await store.close();

    // --keep: the log is still there, and a fresh engine over it reports the same year.
    const kept = await openStore({ file: 'unused.db', args, fresh: false });
    expect(await kept.store.headPosition()).toBe(events);
    const reopened = createEngine({ store: kept.store, clock: manualClock(SIMULATION_END) });
    expect(await renderYear(reopened, planIds)).toBe(report);
    await kept.store.close();
    // A fresh year starts from an empty log.
    const again = await openStore({ file: 'unused.db', args, fresh: true });
    expect(await again.store.headPosition()).toBe(0);
    await again.store.close();
  });
});
