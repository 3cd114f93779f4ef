import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinProjections, createEngine, manualClock, ProjectionRunner } from '@planlog/core';
import { describeReadModels } from '@planlog/core/testing';
import { sqliteReadModels, sqliteStore } from '@planlog/sqlite';

describeReadModels('sqlite', () => {
  const store = sqliteStore({ file: ':memory:' });
  return { store, readModels: sqliteReadModels(store), close: () => store.close() };
});

describe('sqlite read models on a file', () => {
  it('keep rows and checkpoints across a restart, and resume from the checkpoint', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'planlog-rm-'));
    try {
      const file = join(dir, 'plans.db');
      const clock = manualClock('2026-04-10T02:00:00Z');
      let store = sqliteStore({ file });
      let engine = createEngine({ store, clock, readModels: sqliteReadModels(store) });
      const actor = { unitId: 'so-tu-phap' };
      const { planId } = await engine.draftPlan({ actor, title: 'Kế hoạch' });
      const { taskId } = await engine.addTask({ actor, planId, title: 'Việc', lead: { name: 'Phòng Xây dựng pháp luật' }, deadline: { kind: 'year', year: 2026 } });
      await engine.issuePlan({ actor, planId, number: '1/KH', issuedOn: '2026-04-10' });
      expect((await engine.queries.tasks({ unitId: 'phong-xay-dung-phap-luat' })).items.map((task) => task.state)).toEqual(['assigned']);
      const checkpoint = (await engine.readModels.status())[0]!.checkpoint;
      await store.close();

      store = sqliteStore({ file });
      engine = createEngine({ store, clock, readModels: sqliteReadModels(store) });
      await engine.acknowledgeTask({ actor: { unitId: 'phong-xay-dung-phap-luat' }, taskId });
      // Rows written before the restart are there before any catch-up.
      expect((await sqliteReadModels(store).status()).every((entry) => entry.checkpoint === checkpoint)).toBe(true);
      expect((await engine.queries.tasks({ unitId: 'phong-xay-dung-phap-luat' })).items.map((task) => task.state)).toEqual(['acknowledged']);
      expect((await engine.readModels.status()).every((entry) => entry.checkpoint === checkpoint + 1)).toBe(true);
      // The database holds exactly what a rebuild gives.
      const tables = builtinProjections.flatMap((projection) => projection.tables.map((table) => table.name));
      const dump = async () => JSON.stringify(await Promise.all(tables.map((table) => engine.readModels.rows(table))));
      const before = await dump();
      const runner = new ProjectionRunner({ store, readModels: engine.readModels, projections: builtinProjections });
      for (const projection of builtinProjections) await runner.rebuild(projection.name);
      expect(await dump()).toBe(before);
      await store.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('sqlite read models in pages', () => {
  it('page every query along an index: no query sorts the whole table for a page', async () => {
    const store = sqliteStore({ file: ':memory:' });
    const selects = new Set<string>();
    const prepare = store.database.prepare.bind(store.database);
    store.database.prepare = ((sql: string) => {
      if (/^SELECT \* FROM "rm_/.test(sql)) selects.add(sql);
      return prepare(sql);
    }) as typeof store.database.prepare;
    const engine = createEngine({ store, clock: manualClock('2026-04-10T02:00:00Z'), readModels: sqliteReadModels(store) });
    const actor = { unitId: 'so-tu-phap' };
    const lead = { id: 'phong-xay-dung-phap-luat', name: 'Phòng Xây dựng pháp luật' };
    const { planId } = await engine.draftPlan({ actor, title: 'Kế hoạch' });
    await engine.addTask({ actor, planId, title: 'Việc', lead, deadline: { kind: 'year', year: 2026 } });
    await engine.queries.tasks({ limit: 10 });
    await engine.queries.tasks({ planId, limit: 10 });
    await engine.queries.tasks({ unitId: lead.id, limit: 10 });
    await engine.queries.overdueTasks({ limit: 10 });
    await engine.queries.dueWithin({ days: 30, limit: 10 });
    await engine.queries.reportRequests({ unitId: lead.id, limit: 10 });
    const { nextCursor } = await engine.queries.unitWorkload({ limit: 1 });
    expect(nextCursor).toBeNull();
    expect(selects.size).toBe(7);
    for (const sql of selects) {
      const params = [...sql.matchAll(/\?/g)].map(() => null);
      const plan = (prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((step) => step.detail);
      expect(plan.join('; '), sql).not.toMatch(/TEMP B-TREE/);
    }
    await store.close();
  });
});
