import { describe, expect, it } from 'vitest';
import { createEngine, manualClock, memoryStore } from '@planlog/core';
import { importPlan } from '@planlog/import-vn';
import { loadPlan, stpLegalEducationPlan2026 as plan } from '../../examples/hand-encoded-plan/src/index.js';
import { readSample } from '../../examples/sample-plans/index.js';

describe('the hand-encoded sample plan (52/KH-STP)', () => {
  it('says what the importer reads from the same text: tasks, units, deadlines, reporting', () => {
    const { plan: draft } = importPlan(readSample(plan.source));
    expect(draft.number).toBe(plan.number);
    expect(draft.issuedOn).toBe(plan.issuedOn);
    expect(draft.title).toBe(plan.title);
    expect(draft.issuer?.name).toBe(plan.issuer.name);
    const names = (units: { name: string }[]) => units.map((unit) => unit.name);
    // Deadlines the text does not give (III.1, III.3) are the encoder's reading: ongoing.
    expect(draft.tasks.map((task) => [task.ref, task.lead?.name, names(task.support), task.deadline ?? { kind: 'ongoing' }])).toEqual(
      plan.tasks.map((task) => [task.ref, task.lead.name, names(task.support), task.deadline]),
    );
    expect(draft.reporting.map(({ to, ...rule }) => ({ ...rule, ...(to ? { to: to.name } : {}) }))).toEqual(
      plan.reporting.map(({ to, ...rule }) => ({ ...rule, ...(to ? { to: to.name } : {}) })),
    );
    expect(names(draft.recipients)).toEqual(names(plan.recipients));
  });

  it('loads through the engine: issued with the document number, every task assigned', async () => {
    const engine = createEngine({ store: memoryStore(), clock: manualClock('2026-04-06T02:00:00Z') });
    const { planId, taskIds } = await loadPlan(engine, plan, { actor: { unitId: plan.issuer.id } });
    const view = await engine.getPlan(planId);
    expect(view).toMatchObject({ state: 'issued', number: '52/KH-STP', title: plan.title, issuer: { id: 'so-tu-phap' } });
    const tasks = await engine.getTasks(planId);
    expect(tasks).toHaveLength(14);
    expect(Object.keys(taskIds)).toHaveLength(14);
    for (const task of tasks) expect(task.state).toBe('assigned'); // issuing assigns every task with a lead
    // Units inside the Sở get ids qualified by the Sở's.
    expect(tasks.find((task) => task.ref === 'III.2')?.lead).toEqual({ id: 'so-tu-phap/van-phong-so', name: 'Văn phòng Sở' });
  });

  it('loads idempotently with a stable plan id', async () => {
    const engine = createEngine({ store: memoryStore(), clock: manualClock('2026-04-06T02:00:00Z') });
    const options = { actor: { unitId: plan.issuer.id }, planId: 'stp-pbgdpl' };
    const first = await loadPlan(engine, plan, options);
    const head = await engine.store.headPosition();
    expect(await loadPlan(engine, plan, options)).toEqual(first);
    expect(await engine.store.headPosition()).toBe(head);
  });
});
