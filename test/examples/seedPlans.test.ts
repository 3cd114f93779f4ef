import { describe, expect, it } from 'vitest';
import { createEngine, manualClock, memoryStore } from '@planlog/core';
import {
  loadPlan,
  seedPlans,
  sngvCrimePreventionPlan2026,
  sngvStateSecretsPlan2026,
  stpTraffickingPlan2026,
  type SeedPlan,
} from '../../examples/seed-plans/src/index.js';

/** What each document assigns: task refs and the lead unit's name, as read from the seed text. */
const expected: [SeedPlan, number, Record<string, string>][] = [
  [
    stpTraffickingPlan2026,
    7,
    {
      'II.1.a': 'Các Phòng, Trung tâm thuộc Sở',
      'II.2.b': 'Phòng Pháp chế và Phổ biến, giáo dục pháp luật',
      'II.2.c': 'Phòng Hành chính và Bổ trợ tư pháp',
      'II.2.d': 'Phòng Pháp chế và Phổ biến, giáo dục pháp luật',
      'II.3': 'Phòng Xây dựng pháp luật',
    },
  ],
  [
    sngvCrimePreventionPlan2026,
    11,
    { 'II.1-1': 'Các phòng chuyên môn, đơn vị thuộc Sở', 'II.4-3': 'Các phòng chuyên môn, đơn vị thuộc Sở', 'IV.1': 'Văn phòng Sở' },
  ],
  [
    sngvStateSecretsPlan2026,
    12,
    {
      'II.1': 'Các phòng, đơn vị thuộc Sở',
      'III.1-1': 'Văn phòng Sở',
      'III.1-2': 'Văn phòng Sở',
      'III.2-1': 'Phòng Lãnh sự - Biên giới',
      'III.3-1': 'Phòng Hợp tác quốc tế',
      'III.4-1': 'Trung tâm Dịch thuật và Dịch vụ đối ngoại',
      'III.4-2': 'Trung tâm Dịch thuật và Dịch vụ đối ngoại',
    },
  ],
];

describe('seed plans', () => {
  it('are drafts: no number until issued', () => {
    for (const plan of seedPlans) expect(plan.number).toBeNull();
  });

  it('have unique refs, and the deadlines the documents give', () => {
    for (const plan of seedPlans) expect(new Set(plan.tasks.map((task) => task.ref)).size).toBe(plan.tasks.length);
    const secretsQ2 = sngvStateSecretsPlan2026.tasks.find((task) => task.ref === 'III.1-1');
    expect(secretsQ2?.deadline).toEqual({ kind: 'quarter', year: 2026, quarter: 2 });
    expect(stpTraffickingPlan2026.tasks.find((task) => task.ref === 'II.1.a')?.deadline).toEqual({ kind: 'ongoing' });
  });

  it('give one id to one unit across plans, whatever its written name', () => {
    const idOf = (plan: SeedPlan, ref: string) => plan.tasks.find((task) => task.ref === ref)?.lead.id;
    expect(idOf(sngvCrimePreventionPlan2026, 'II.1-1')).toBe(idOf(sngvStateSecretsPlan2026, 'II.1'));
    expect(idOf(sngvCrimePreventionPlan2026, 'IV.1')).toBe(idOf(sngvStateSecretsPlan2026, 'III.1-1'));
    expect(idOf(sngvCrimePreventionPlan2026, 'IV.1')).toBe('so-ngoai-vu/van-phong-so');
  });

  it.each(expected)('load through the engine: $title', async (plan, count, leads) => {
    const engine = createEngine({ store: memoryStore(), clock: manualClock('2026-04-20T02:00:00Z') });
    const { planId, taskIds } = await loadPlan(engine, plan, { actor: { unitId: plan.issuer.id }, number: `1/${plan.symbol}`, issuedOn: '2026-04-20' });

    const view = await engine.getPlan(planId);
    expect(view.state).toBe('issued');
    expect(view.number).toBe(`1/${plan.symbol}`);
    expect(view.title).toBe(plan.title);
    expect(view.issuer?.id).toBe(plan.issuer.id);

    const tasks = await engine.getTasks(planId);
    expect(tasks).toHaveLength(count);
    expect(Object.keys(taskIds)).toHaveLength(count);
    for (const task of tasks) expect(task.state).toBe('assigned'); // issuing assigns every task with a lead
    for (const [ref, lead] of Object.entries(leads)) {
      expect(tasks.find((task) => task.ref === ref)?.lead?.name, ref).toBe(lead);
    }
  });

  it('load idempotently with a stable plan id', async () => {
    const engine = createEngine({ store: memoryStore(), clock: manualClock('2026-04-20T02:00:00Z') });
    const options = { actor: { unitId: stpTraffickingPlan2026.issuer.id }, number: '1/KH-STP', issuedOn: '2026-04-20', planId: 'stp' };
    const first = await loadPlan(engine, stpTraffickingPlan2026, options);
    const head = await engine.store.headPosition();
    expect(await loadPlan(engine, stpTraffickingPlan2026, options)).toEqual(first);
    expect(await engine.store.headPosition()).toBe(head);
  });
});
