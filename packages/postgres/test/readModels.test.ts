import { builtinProjections, createEngine, manualClock, memoryReadModels, ProjectionRunner, type Projection } from '@planlog/core';
import { describeReadModels } from '@planlog/core/testing';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { postgresReadModels, postgresStore } from '../src/index.js';
import { usePostgres } from './usePostgres.js';

const { server } = usePostgres();

// A fresh schema per test: the store's log and its read models side by side.
describeReadModels('postgres', async () => {
  const store = postgresStore({ connectionString: server().url, max: 4 }, { schema: server().freshSchema() });
  await store.ready();
  return { store, readModels: postgresReadModels(store), close: () => store.close() };
});

const STP = { unitId: 'so-tu-phap' };
const LEAD = { id: 'phong-xay-dung-phap-luat', name: 'Phòng Xây dựng pháp luật' };
const tableNames = builtinProjections.flatMap((projection) => projection.tables.map((table) => table.name));

describe('postgres read models', () => {
  it('keep rows and checkpoints for another process, typed as in memory', async () => {
    const schema = server().freshSchema();
    const store = postgresStore({ connectionString: server().url, max: 4 }, { schema });
    const clock = manualClock('2026-04-10T02:00:00Z');
    const engine = createEngine({ store, clock, readModels: postgresReadModels(store) });
    const { planId } = await engine.draftPlan({ actor: STP, title: 'Kế hoạch' });
    const { taskId } = await engine.addTask({ actor: STP, planId, title: 'Việc', lead: LEAD, support: [{ id: 'b', name: 'B' }], deadline: { kind: 'year', year: 2026 } });
    await engine.issuePlan({ actor: STP, planId, number: '1/KH', issuedOn: '2026-04-10' });
    const [task] = (await engine.queries.tasks({ unitId: LEAD.id })).items;
    expect(task).toMatchObject({ taskId, state: 'assigned', overdue: false, support: [{ id: 'b', name: 'B' }], version: 2 });
    expect(typeof task!.version).toBe('number');
    const [row] = await engine.readModels.rows('task_register', { task_id: taskId });

    // Another "process": its own pool, on the same schema; rows are there before any catch-up.
    const pool = new pg.Pool({ connectionString: server().url, max: 2 });
    const other = postgresReadModels({ pool }, { schema });
    await other.prepare(builtinProjections);
    const head = await store.headPosition();
    expect((await other.status()).every((entry) => entry.checkpoint === head && entry.error === null)).toBe(true);
    expect(await other.rows('task_register', { lead_id: LEAD.id, overdue: false })).toEqual([row]);
    expect(await other.rows('task_register', { outcome: null })).toEqual([row]);
    expect(await other.rows('task_register', { support: [{ id: 'b', name: 'B' }] })).toEqual([row]);
    const memory = memoryReadModels();
    await new ProjectionRunner({ store, readModels: memory, projections: builtinProjections }).catchUp();
    for (const table of tableNames) expect(await other.rows(table)).toEqual(await memory.rows(table));
    await pool.end();
    await store.close();
  });

  it('two runners racing on one database never double a row change', async () => {
    const schema = server().freshSchema();
    const store = postgresStore({ connectionString: server().url, max: 6 }, { schema });
    const engine = createEngine({ store, clock: manualClock('2026-04-10T02:00:00Z') });
    const { planId } = await engine.draftPlan({ actor: STP, title: 'Kế hoạch' });
    for (let i = 0; i < 40; i++) await engine.addTask({ actor: STP, planId, title: `Việc ${i}`, lead: LEAD, deadline: { kind: 'year', year: 2026 } });
    await engine.issuePlan({ actor: STP, planId, number: '1/KH', issuedOn: '2026-04-10' });
    const counter: Projection = {
      name: 'counter',
      version: 1,
      tables: [{ name: 'counter', key: ['id'], columns: { id: 'text', events: 'integer' } }],
      apply: () => [{ op: 'increment', table: 'counter', key: { id: 'all' }, by: { events: 1 } }],
    };
    const adapters = Array.from({ length: 3 }, () => postgresReadModels(store));
    // Each runner has its own adapter (as in separate processes) and its own batch size, so their
    // batches overlap: a batch already applied by another is skipped, one overlapping in part is CONFLICT.
    const runners = adapters.map((readModels, i) => new ProjectionRunner({ store, readModels, projections: [counter], batchSize: [7, 5, 3][i] }));
    const outcomes = await Promise.allSettled(runners.map((runner) => runner.catchUp()));
    for (const outcome of outcomes) if (outcome.status === 'rejected') expect(outcome.reason).toMatchObject({ code: 'CONFLICT' });
    await runners[0]!.catchUp(); // a CONFLICT only means: catch up again
    const head = await store.headPosition();
    expect(await adapters[0]!.rows('counter')).toEqual([{ id: 'all', events: head }]);
    expect((await adapters[1]!.status())[0]).toMatchObject({ checkpoint: head, error: null });
    await store.close();
  });
});
