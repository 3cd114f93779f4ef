import { describe, expect, it } from 'vitest';
import { createEngine, manualClock, memoryStore, type StoredEvent } from '@planlog/core';
import { copyLog } from './copyLog.js';
import { planIdOf, simulateProvinceYear } from './provinceYear.js';

// The province-scale bench's seeder at a tiny scale: the year it plays is one the machines accept
// command by command, and the copy it loads into each tenant's schema is the same log.

const events = async (store: ReturnType<typeof memoryStore>) => {
  const all: StoredEvent[] = [];
  for await (const event of store.readAll()) all.push(event);
  return all;
};

describe('the province year (test/bench/provinceYear.ts)', () => {
  it('plays a year the engine accepts whole, with every kind of event the bench describes, and copyLog reproduces it', async () => {
    const store = memoryStore();
    const year = await simulateProvinceYear({ store, plans: 3, tasksPerPlan: 30, seed: 7 });
    expect(year.refusals).toEqual([]);
    const log = await events(store);
    expect(await year.engine.verify()).toMatchObject({ ok: true, checked: log.length });
    const types = new Set(log.map((event) => event.type));
    for (const type of ['plan.drafted', 'task.added', 'plan.issued', 'task.assigned', 'task.acknowledged', 'task.reported', 'task.report_accepted', 'task.report_returned', 'task.deadline_extended', 'task.overdue', 'report.requested', 'report.overdue']) {
      expect(types, type).toContain(type);
    }
    expect(log.some((event) => event.type === 'task.reported' && (event.data as { requestId: string | null }).requestId?.startsWith('periodic-'))).toBe(true);

    const copy = memoryStore();
    expect(await copyLog(store, copy, 50)).toBe(log.length);
    const strip = ({ hash: _hash, ...event }: StoredEvent) => event;
    expect((await events(copy)).map(strip)).toEqual(log.map(strip));
    const copied = createEngine({ store: copy, clock: manualClock(year.end) });
    const original = createEngine({ store, clock: manualClock(year.end) });
    for (let p = 0; p < 3; p++) expect(await copied.getTasks(planIdOf(p))).toEqual(await original.getTasks(planIdOf(p)));
    await expect(copyLog(store, copy)).rejects.toMatchObject({ code: 'CONFLICT' });
  });
});
