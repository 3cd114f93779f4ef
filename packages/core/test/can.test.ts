import { describe, expect, it } from 'vitest';
import type { Engine, PlanlogError } from '@planlog/core';
import { allEvents, issuedPlan, LEAD, PBGDPL, STP, SUPPORT } from './fixtures.js';

// engine.can(command, input) asks the same validation, policy and machine as running the command,
// and appends nothing: what a page asks before it shows a button.

describe('engine.can', () => {
  it('answers what the command itself would do, for each unit, and appends nothing', async () => {
    const { engine, store, taskId } = await issuedPlan();
    const before = (await allEvents(store)).length;
    expect(await engine.can('acknowledgeTask', { actor: LEAD, taskId })).toEqual({ ok: true });
    expect(await engine.can('acknowledgeTask', { actor: SUPPORT, taskId })).toMatchObject({ ok: false, code: 'FORBIDDEN', field: 'actor.unitId' });
    expect(await engine.can('acknowledgeTask', { actor: STP, taskId })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    // Nothing to accept yet: the machine refuses, although the issuer is allowed.
    expect(await engine.can('acceptReport', { actor: STP, taskId })).toMatchObject({ ok: false, code: 'ILLEGAL_TRANSITION', field: 'taskId' });
    expect(await engine.can('reportTask', { actor: SUPPORT, taskId, text: 'x', final: true })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await engine.can('reportTask', { actor: SUPPORT, taskId, text: 'x' })).toEqual({ ok: true });
    expect(await engine.can('returnReport', { actor: STP, taskId, reason: '' })).toMatchObject({ ok: false, code: 'VALIDATION', field: 'reason' });
    expect(await engine.can('acknowledgeTask', { actor: LEAD, taskId: 'no-such-task' })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect((await allEvents(store)).length).toBe(before);
    expect((await engine.getTask(taskId)).state).toBe('assigned');
  });

  it('agrees with the command on every task command, for every unit, at each step of a life', async () => {
    const actors = [STP, LEAD, SUPPORT, { unitId: 'so-ngoai-vu' }];
    const inputs = (actor: { unitId: string }, taskId: string) =>
      [
        ['acknowledgeTask', { actor, taskId }],
        ['reportTask', { actor, taskId, text: 'Tiến độ', progress: 50 }],
        ['reportTask', { actor, taskId, text: 'Hoàn thành', final: true }],
        ['acceptReport', { actor, taskId }],
        ['returnReport', { actor, taskId, reason: 'Thiếu số liệu' }],
        ['extendDeadline', { actor, taskId, deadline: { kind: 'quarter', year: 2026, quarter: 3 }, reason: 'Gia hạn' }],
        ['reassignTask', { actor, taskId, lead: PBGDPL, reason: 'Điều chỉnh' }],
        ['cancelTask', { actor, taskId, reason: 'Không còn cần' }],
      ] as const;
    const steps: ((engine: Engine, taskId: string) => Promise<unknown>)[] = [
      (engine, taskId) => engine.acknowledgeTask({ actor: LEAD, taskId }),
      (engine, taskId) => engine.reportTask({ actor: LEAD, taskId, text: 'Xong', final: true }),
      (engine, taskId) => engine.returnReport({ actor: STP, taskId, reason: 'Thiếu' }),
      (engine, taskId) => engine.reportTask({ actor: LEAD, taskId, text: 'Xong', final: true }),
      (engine, taskId) => engine.acceptReport({ actor: STP, taskId }),
    ];
    const outcomes = new Set<string>();
    for (let done = 0; done <= steps.length; done++) {
      for (const actor of actors) {
        for (let which = 0; which < 8; which++) {
          const { engine, taskId } = await issuedPlan();
          for (const step of steps.slice(0, done)) await step(engine, taskId);
          const [name, input] = inputs(actor, taskId)[which]!;
          const verdict = await engine.can(name, input as never);
          let outcome = 'ok';
          try {
            await (engine[name] as (input: unknown) => Promise<unknown>)(input);
          } catch (error) {
            outcome = (error as PlanlogError).code;
          }
          expect(verdict.ok ? 'ok' : verdict.code, `${name} by ${actor.unitId} after ${done} steps`).toBe(outcome);
          outcomes.add(outcome);
        }
      }
    }
    expect([...outcomes].sort()).toEqual(['FORBIDDEN', 'ILLEGAL_TRANSITION', 'ok']);
  });
});
