import { describe, expect, it } from 'vitest';
import { chasedTaskStates, createEngine, manualClock, memoryReadModels, memoryStore, obligedTaskStates, taskMachine } from '@planlog/core';
import { LEAD, STP, XDPL } from './fixtures.js';

/** The top-level states of the task machine that take an event of this type. */
const statesTaking = (type: string) =>
  Object.entries(taskMachine.states)
    .filter(([, node]) => node.transitions.has(type))
    .map(([name]) => name)
    .sort();

describe('the task machine\'s state tags answer the state questions', () => {
  it('chased is on exactly the states that take task.overdue; obliged adds the submitted report', () => {
    expect([...chasedTaskStates].sort()).toEqual(statesTaking('task.overdue'));
    expect([...chasedTaskStates].sort()).toEqual(['acknowledged', 'assigned', 'in_progress']);
    expect([...obligedTaskStates].sort()).toEqual(['acknowledged', 'assigned', 'in_progress', 'submitted']);
  });

  it('2. one overdue rule: dueSoon and queries.dueWithin agree, and a task left in added is never counted overdue', async () => {
    const clock = manualClock('2026-06-01T02:00:00Z');
    const engine = createEngine({ store: memoryStore(), clock, readModels: memoryReadModels() });
    const { planId } = await engine.draftPlan({ actor: STP, title: 'Kế hoạch phòng, chống tội phạm năm 2026', issuer: { id: STP.unitId, name: 'Sở Tư pháp' } });
    const deadline = { kind: 'date', on: '2026-06-05' } as const;
    const { taskId: led } = await engine.addTask({ actor: STP, planId, ref: '1', title: 'Có đơn vị chủ trì', lead: XDPL, deadline });
    const { taskId: unled } = await engine.addTask({ actor: STP, planId, ref: '2', title: 'Chưa giao đơn vị chủ trì', deadline });
    await engine.issuePlan({ actor: STP, planId, number: '45/KH-STP', issuedOn: '2026-06-01' });
    await engine.acknowledgeTask({ actor: LEAD, taskId: led });
    expect((await engine.getTask(unled)).state).toBe('added');

    const soon = (await engine.dueSoon({ days: 10 })).tasks.map((task) => task.taskId);
    expect(soon).toEqual([led]);
    expect((await engine.queries.dueWithin({ days: 10 })).items.map((task) => task.taskId)).toEqual(soon);

    clock.set('2026-06-10T00:00:00Z');
    const summary = await engine.getPlanSummary(planId);
    expect(summary).toMatchObject({ total: 2, overdueUnfinished: 1, inTerm: 1 });
    expect(await engine.queries.planSummary(planId)).toEqual(summary);
    expect((await engine.queries.overdueTasks()).items.map((task) => task.taskId)).toEqual([led]);
    // tick() flags the same task, and only it.
    const flagged = (await engine.tick()).filter((event) => event.type === 'task.overdue').map((event) => event.streamId);
    expect(flagged).toHaveLength(1);
    expect((await engine.getTask(led)).overdue).toBe(true);
    expect(await engine.getPlanSummary(planId)).toEqual(summary);
  });
});
