import { describe, expect, it } from 'vitest';
import { PlanlogError, type Engine } from '@planlog/core';
import { issuedPlan, LEAD, STP, XDPL } from './fixtures.js';

type Case = { name: string; run: (engine: Engine, ids: { planId: string; taskId: string }) => Promise<unknown>; code: string; field: string };

const deadline = { kind: 'quarter', year: 2026, quarter: 3 } as const;

/** Bad input to every command: each must be refused with the code and the field named, appending nothing. */
const cases: Case[] = [
  // draftPlan
  { name: 'draftPlan without title', run: (e) => e.draftPlan({ actor: STP } as never), code: 'VALIDATION', field: 'title' },
  { name: 'draftPlan without actor', run: (e) => e.draftPlan({ title: 'x' } as never), code: 'VALIDATION', field: 'actor' },
  { name: 'draftPlan with an empty actor unit', run: (e) => e.draftPlan({ actor: { unitId: '' }, title: 'x' }), code: 'VALIDATION', field: 'actor.unitId' },
  { name: 'draftPlan with a numeric title', run: (e) => e.draftPlan({ actor: STP, title: 42 } as never), code: 'VALIDATION', field: 'title' },
  { name: 'draftPlan with an unknown time zone', run: (e) => e.draftPlan({ actor: STP, title: 'x', timeZone: 'Mars/Base' }), code: 'VALIDATION', field: 'timeZone' },
  { name: 'draftPlan with an existing planId', run: (e, ids) => e.draftPlan({ actor: STP, title: 'x', planId: ids.planId }), code: 'ILLEGAL_TRANSITION', field: 'planId' },
  { name: 'draftPlan with an unknown parent', run: (e) => e.draftPlan({ actor: STP, title: 'x', parentPlanId: 'nope' }), code: 'NOT_FOUND', field: 'parentPlanId' },
  { name: 'draftPlan with a bad reporting rule', run: (e) => e.draftPlan({ actor: STP, title: 'x', reporting: [{ period: 'weekly' } as never] }), code: 'VALIDATION', field: 'reporting.0.period' },
  // addTask
  { name: 'addTask to an unknown plan', run: (e) => e.addTask({ actor: STP, planId: 'nope', title: 'x' }), code: 'NOT_FOUND', field: 'planId' },
  { name: 'addTask without planId', run: (e) => e.addTask({ actor: STP, title: 'x' } as never), code: 'VALIDATION', field: 'planId' },
  { name: 'addTask by another unit', run: (e, ids) => e.addTask({ actor: LEAD, planId: ids.planId, title: 'x' }), code: 'FORBIDDEN', field: 'actor.unitId' },
  { name: 'addTask with a lead without name', run: (e, ids) => e.addTask({ actor: STP, planId: ids.planId, title: 'x', lead: { id: 'a' } as never }), code: 'VALIDATION', field: 'lead.name' },
  { name: 'addTask with quarter 5', run: (e, ids) => e.addTask({ actor: STP, planId: ids.planId, title: 'x', deadline: { kind: 'quarter', year: 2026, quarter: 5 } as never }), code: 'VALIDATION', field: 'deadline.quarter' },
  { name: 'addTask with an unknown deadline kind', run: (e, ids) => e.addTask({ actor: STP, planId: ids.planId, title: 'x', deadline: { kind: 'soon' } as never }), code: 'VALIDATION', field: 'deadline.kind' },
  { name: 'addTask with an impossible date', run: (e, ids) => e.addTask({ actor: STP, planId: ids.planId, title: 'x', deadline: { kind: 'date', on: '2026-02-30' } }), code: 'VALIDATION', field: 'deadline.on' },
  { name: 'addTask with an existing taskId', run: (e, ids) => e.addTask({ actor: STP, planId: ids.planId, title: 'x', taskId: ids.taskId }), code: 'ILLEGAL_TRANSITION', field: 'taskId' },
  // issuePlan
  { name: 'issuePlan without number', run: (e, ids) => e.issuePlan({ actor: STP, planId: ids.planId, issuedOn: '2026-01-01' } as never), code: 'VALIDATION', field: 'number' },
  { name: 'issuePlan with a malformed date', run: (e, ids) => e.issuePlan({ actor: STP, planId: ids.planId, number: '1/KH', issuedOn: '25/02/2026' }), code: 'VALIDATION', field: 'issuedOn' },
  { name: 'issuePlan twice', run: (e, ids) => e.issuePlan({ actor: STP, planId: ids.planId, number: '1/KH', issuedOn: '2026-01-01' }), code: 'ILLEGAL_TRANSITION', field: 'planId' },
  { name: 'issuePlan of an unknown plan', run: (e) => e.issuePlan({ actor: STP, planId: 'nope', number: '1/KH', issuedOn: '2026-01-01' }), code: 'NOT_FOUND', field: 'planId' },
  // assignTask
  { name: 'assignTask without deadline', run: (e, ids) => e.assignTask({ actor: STP, taskId: ids.taskId, lead: XDPL } as never), code: 'VALIDATION', field: 'deadline' },
  { name: 'assignTask of an assigned task', run: (e, ids) => e.assignTask({ actor: STP, taskId: ids.taskId, lead: XDPL, deadline }), code: 'ILLEGAL_TRANSITION', field: 'taskId' },
  { name: 'assignTask of an unknown task', run: (e) => e.assignTask({ actor: STP, taskId: 'nope', lead: XDPL, deadline }), code: 'NOT_FOUND', field: 'taskId' },
  { name: 'assignTask by the lead', run: (e, ids) => e.assignTask({ actor: LEAD, taskId: ids.taskId, lead: XDPL, deadline }), code: 'FORBIDDEN', field: 'actor.unitId' },
  // acknowledgeTask
  { name: 'acknowledgeTask without taskId', run: (e) => e.acknowledgeTask({ actor: LEAD } as never), code: 'VALIDATION', field: 'taskId' },
  { name: 'acknowledgeTask by the issuer', run: (e, ids) => e.acknowledgeTask({ actor: STP, taskId: ids.taskId }), code: 'FORBIDDEN', field: 'actor.unitId' },
  { name: 'acknowledgeTask of an unknown task', run: (e) => e.acknowledgeTask({ actor: LEAD, taskId: 'nope' }), code: 'NOT_FOUND', field: 'taskId' },
  // reportTask
  { name: 'reportTask without text', run: (e, ids) => e.reportTask({ actor: LEAD, taskId: ids.taskId } as never), code: 'VALIDATION', field: 'text' },
  { name: 'reportTask with progress 140', run: (e, ids) => e.reportTask({ actor: LEAD, taskId: ids.taskId, text: 'x', progress: 140 }), code: 'VALIDATION', field: 'progress' },
  { name: 'reportTask with final as a string', run: (e, ids) => e.reportTask({ actor: LEAD, taskId: ids.taskId, text: 'x', final: 'yes' } as never), code: 'VALIDATION', field: 'final' },
  { name: 'reportTask to an unknown request', run: (e, ids) => e.reportTask({ actor: LEAD, taskId: ids.taskId, text: 'x', requestId: 'nope' }), code: 'NOT_FOUND', field: 'requestId' },
  { name: 'reportTask by a stranger', run: (e, ids) => e.reportTask({ actor: { unitId: 'cong-an-tinh' }, taskId: ids.taskId, text: 'x' }), code: 'FORBIDDEN', field: 'actor.unitId' },
  // acceptReport / returnReport
  { name: 'acceptReport with nothing submitted', run: (e, ids) => e.acceptReport({ actor: STP, taskId: ids.taskId }), code: 'ILLEGAL_TRANSITION', field: 'taskId' },
  { name: 'acceptReport with a numeric note', run: (e, ids) => e.acceptReport({ actor: STP, taskId: ids.taskId, note: 5 } as never), code: 'VALIDATION', field: 'note' },
  { name: 'returnReport without reason', run: (e, ids) => e.returnReport({ actor: STP, taskId: ids.taskId } as never), code: 'VALIDATION', field: 'reason' },
  { name: 'returnReport with nothing submitted', run: (e, ids) => e.returnReport({ actor: STP, taskId: ids.taskId, reason: 'x' }), code: 'ILLEGAL_TRANSITION', field: 'taskId' },
  // extendDeadline
  { name: 'extendDeadline with a malformed deadline', run: (e, ids) => e.extendDeadline({ actor: STP, taskId: ids.taskId, deadline: { kind: 'month', year: 2026, month: 13 }, reason: 'x' }), code: 'VALIDATION', field: 'deadline.month' },
  { name: 'extendDeadline without reason', run: (e, ids) => e.extendDeadline({ actor: STP, taskId: ids.taskId, deadline } as never), code: 'VALIDATION', field: 'reason' },
  { name: 'extendDeadline to the same deadline', run: (e, ids) => e.extendDeadline({ actor: STP, taskId: ids.taskId, deadline: { kind: 'quarter', year: 2026, quarter: 2 }, reason: 'x' }), code: 'ILLEGAL_TRANSITION', field: 'taskId' },
  { name: 'extendDeadline by the lead', run: (e, ids) => e.extendDeadline({ actor: LEAD, taskId: ids.taskId, deadline, reason: 'x' }), code: 'FORBIDDEN', field: 'actor.unitId' },
  // reassignTask
  { name: 'reassignTask to the same lead', run: (e, ids) => e.reassignTask({ actor: STP, taskId: ids.taskId, lead: XDPL, reason: 'x' }), code: 'ILLEGAL_TRANSITION', field: 'taskId' },
  { name: 'reassignTask without lead', run: (e, ids) => e.reassignTask({ actor: STP, taskId: ids.taskId, reason: 'x' } as never), code: 'VALIDATION', field: 'lead' },
  // cancelTask
  { name: 'cancelTask without reason', run: (e, ids) => e.cancelTask({ actor: STP, taskId: ids.taskId } as never), code: 'VALIDATION', field: 'reason' },
  { name: 'cancelTask by the lead', run: (e, ids) => e.cancelTask({ actor: LEAD, taskId: ids.taskId, reason: 'x' }), code: 'FORBIDDEN', field: 'actor.unitId' },
  // requestReport
  { name: 'requestReport with no units', run: (e, ids) => e.requestReport({ actor: STP, planId: ids.planId, units: [], subject: 'x', dueAt: '2026-05-01T00:00:00Z' }), code: 'VALIDATION', field: 'units' },
  { name: "acknowledgeTask with a command id in planlog's own namespace", run: (e, ids) => e.acknowledgeTask({ actor: LEAD, taskId: ids.taskId, commandId: '@planlog:assign:nv-1:v1' }), code: 'VALIDATION', field: 'commandId' },
  { name: 'requestReport naming a unit twice', run: (e, ids) => e.requestReport({ actor: STP, planId: ids.planId, units: [XDPL, { name: XDPL.name }], subject: 'x', dueAt: '2026-05-01T00:00:00Z' }), code: 'VALIDATION', field: 'units.1' },
  { name: 'requestReport with a date instead of an instant', run: (e, ids) => e.requestReport({ actor: STP, planId: ids.planId, units: [XDPL], subject: 'x', dueAt: '2026-05-01' }), code: 'VALIDATION', field: 'dueAt' },
  { name: 'requestReport on an unknown plan', run: (e) => e.requestReport({ actor: STP, planId: 'nope', units: [XDPL], subject: 'x', dueAt: '2026-05-01T00:00:00Z' }), code: 'NOT_FOUND', field: 'planId' },
  // closePlan
  { name: 'closePlan by the lead', run: (e, ids) => e.closePlan({ actor: LEAD, planId: ids.planId }), code: 'FORBIDDEN', field: 'actor.unitId' },
  { name: 'closePlan with a numeric planId', run: (e) => e.closePlan({ actor: STP, planId: 7 } as never), code: 'VALIDATION', field: 'planId' },
];

describe('bad input to every command', () => {
  it.each(cases)('$name → $code naming "$field", log unchanged', async ({ run, code, field }) => {
    const { engine, store, planId, taskId } = await issuedPlan();
    const head = await store.headPosition();
    const error = await run(engine, { planId, taskId }).then(
      () => null,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(PlanlogError);
    expect((error as PlanlogError).code).toBe(code);
    if (field) {
      expect((error as PlanlogError).field).toBe(field);
      expect((error as PlanlogError).message).toContain(field);
    }
    expect(await store.headPosition()).toBe(head);
  });

  it('covers every command', () => {
    const named = new Set(cases.map((c) => c.name.split(' ')[0]));
    expect([...named].sort()).toEqual(
      ['acceptReport', 'acknowledgeTask', 'addTask', 'assignTask', 'cancelTask', 'closePlan', 'draftPlan', 'extendDeadline', 'issuePlan', 'reassignTask', 'reportTask', 'requestReport', 'returnReport'].sort(),
    );
  });

  it('refuses unknown ids on reads with NOT_FOUND', async () => {
    const { engine } = await issuedPlan();
    await expect(engine.getTask('nope')).rejects.toMatchObject({ code: 'NOT_FOUND', field: 'taskId' });
    await expect(engine.getPlan('nope')).rejects.toMatchObject({ code: 'NOT_FOUND', field: 'planId' });
    await expect(engine.getTask('' as string)).rejects.toMatchObject({ code: 'VALIDATION', field: 'taskId' });
  });
});
