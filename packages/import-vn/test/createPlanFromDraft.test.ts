import { createEngine, manualClock, memoryStore } from '@planlog/core';
import { createPlanFromDraft, importPlan } from '@planlog/import-vn';
import { describe, expect, it } from 'vitest';
import { readSample, sampleNames } from './samples.js';

async function eventCount(store: ReturnType<typeof memoryStore>): Promise<number> {
  let count = 0;
  for await (const _ of store.readAll()) count++;
  return count;
}

describe('createPlanFromDraft', () => {
  for (const sample of sampleNames) {
    it(`drafts ${sample} once, however often it runs`, async () => {
      const store = memoryStore();
      const engine = createEngine({ store, clock: manualClock('2026-04-10T02:00:00Z') });
      const { plan } = importPlan(readSample(sample));
      const actor = { unitId: plan.issuer!.id };
      const first = await createPlanFromDraft(engine, plan, { actor });
      const afterFirst = await eventCount(store);
      expect(afterFirst).toBe(1 + plan.tasks.length);

      const again = await createPlanFromDraft(engine, plan, { actor });
      expect(again).toEqual(first);
      expect(await eventCount(store)).toBe(afterFirst);

      // A second engine on the same store (another process) adds nothing either.
      const other = createEngine({ store, clock: manualClock('2026-04-11T02:00:00Z') });
      await createPlanFromDraft(other, importPlan(readSample(sample)).plan, { actor });
      expect(await eventCount(store)).toBe(afterFirst);

      const view = await engine.getPlan(first.planId);
      expect(view.state).toBe('draft');
      expect(view.taskIds).toEqual(first.tasks.map((task) => task.taskId));
      const tasks = await engine.getTasks(first.planId);
      expect(tasks.map((task) => [task.ref, task.lead?.id ?? null, task.deadline])).toEqual(
        plan.tasks.map((task) => [task.ref, task.lead?.id ?? null, task.deadline ?? null]),
      );
    });
  }

  it('takes a given plan id, and command ids derive from it and the ref', async () => {
    const store = memoryStore();
    const engine = createEngine({ store, clock: manualClock('2026-04-10T02:00:00Z') });
    const { plan } = importPlan(readSample(sampleNames[0]!));
    const result = await createPlanFromDraft(engine, plan, { actor: { unitId: plan.issuer!.id }, planId: 'bmnn-2026' });
    expect(result.planId).toBe('bmnn-2026');
    const commandIds: string[] = [];
    for await (const event of store.readAll()) commandIds.push(event.commandId);
    expect(commandIds).toEqual(['bmnn-2026:draft', ...plan.tasks.map((task) => `bmnn-2026:task:${task.ref}`)]);
  });

  it('keeps both tasks when a ref repeats in the text', async () => {
    const engine = createEngine({ store: memoryStore(), clock: manualClock('2026-04-10T02:00:00Z') });
    const { plan } = importPlan('KẾ HOẠCH\n\nTiêu đề\n\nI. NỘI DUNG\n\n1. Việc A.\n\n1. Việc B.\n');
    expect(plan.tasks.map((task) => task.ref)).toEqual(['I.1', 'I.1']);
    const result = await createPlanFromDraft(engine, plan, { actor: { unitId: 'so-ngoai-vu' } });
    expect(new Set(result.tasks.map((task) => task.taskId)).size).toBe(2);
  });
});
