import { describe, expect, expectTypeOf, it } from 'vitest';
import type { StateValueFrom } from 'xstate';
import {
  compiledRules,
  finishedTaskStates,
  planMachine,
  planStates,
  rulesVersions,
  statesTagged,
  taskMachine,
  taskStates,
  type PlanState,
  type TaskState,
} from '@planlog/core';
import { ASSIGNING_ACTOR, owesIssueAssignment } from '../src/state/issueAssignment.js';
import type { MachineEvent } from '../src/machines/machineEvent.js';
import { emptyPlanContext } from '../src/machines/planMachine.js';
import { emptyTaskContext } from '../src/machines/taskMachine.js';
import { planHasTag, taskHasTag } from '../src/machines/rulesVersions.js';

const XDPL = { id: 'xa-dong-phu', name: 'UBND xã Đồng Phú' };

/** Every tag a machine's states carry. */
const tagsOf = (machine: typeof taskMachine | typeof planMachine) => [...new Set(Object.values(machine.states).flatMap((node) => node.tags))].sort();

describe('the compiled step exposes tags (#15): no XState snapshot is needed for a state question', () => {
  it.each(rulesVersions.map((rules) => [rules.version, rules] as const))('rules version %i: hasTag, tagged and final agree with XState for every state and tag', (version, rules) => {
    const compiled = compiledRules(version);
    for (const [machine, compiledMachine, context] of [
      [rules.task, compiled.task, emptyTaskContext],
      [rules.plan, compiled.plan, emptyPlanContext],
    ] as const) {
      const tags = tagsOf(machine);
      expect(tags.length).toBeGreaterThan(0);
      for (const value of Object.keys(machine.states)) {
        const snapshot = (machine as typeof taskMachine).resolveState({ value, context: context as never });
        for (const tag of tags) expect(compiledMachine.hasTag({ value }, tag as never), `${machine.id}.${value} ${tag}`).toBe(snapshot.hasTag(tag as never));
      }
      for (const tag of tags) expect(compiledMachine.tagged(tag as never)).toEqual(statesTagged(machine, tag));
      expect([...compiledMachine.final]).toEqual(Object.entries(machine.states).filter(([, node]) => node.type === 'final').map(([name]) => name));
    }
    expect(compiled.chased).toEqual(compiled.task.tagged('chased'));
    expect(compiled.obliged).toEqual(compiled.task.tagged('obliged'));
  });

  it('planHasTag/taskHasTag ask the version in force; an unknown state is an error, not a silent no', () => {
    expect(planHasTag({ machineState: { value: 'issued', context: emptyPlanContext }, rules: 2 }, 'running')).toBe(true);
    expect(planHasTag({ machineState: { value: 'draft', context: emptyPlanContext }, rules: 1 }, 'running')).toBe(false);
    expect(taskHasTag({ machineState: { value: 'submitted', context: emptyTaskContext }, rules: 1 }, 'obliged')).toBe(true);
    expect(taskHasTag({ machineState: { value: 'added', context: emptyTaskContext }, rules: 1 }, 'chased')).toBe(false);
    expect(() => compiledRules(1).task.hasTag({ value: 'archived' }, 'chased')).toThrow(/unknown state 'archived'/);
  });
});

describe('TaskState and PlanState are derived from the machines', () => {
  it('as types and as the lists of states a task or plan can be in', () => {
    expectTypeOf<TaskState>().toEqualTypeOf<StateValueFrom<typeof taskMachine> & string>();
    expectTypeOf<PlanState>().toEqualTypeOf<StateValueFrom<typeof planMachine> & string>();
    expect(taskStates).toEqual(Object.keys(taskMachine.states).filter((name) => name !== taskMachine.config.initial));
    expect(planStates).toEqual(Object.keys(planMachine.states).filter((name) => name !== planMachine.config.initial));
    expect([...finishedTaskStates]).toEqual(Object.entries(taskMachine.states).filter(([, node]) => node.type === 'final').map(([name]) => name));
  });
});

describe('one rule: a task with a lead, not yet assigned, in a running plan is owed its assignment', () => {
  it.each(rulesVersions.map((rules) => [rules.version, rules] as const))('rules version %i: owesIssueAssignment is the machines\' answer in every task and plan state, with and without a lead', (version, rules) => {
    let owed = 0;
    for (const taskValue of Object.keys(rules.task.states)) {
      for (const planValue of Object.keys(rules.plan.states)) {
        for (const lead of [XDPL, null]) {
          const taskContext = { ...emptyTaskContext, planId: 'kh-1', taskId: 't-1', lead };
          const task = rules.task.resolveState({ value: taskValue, context: taskContext });
          const plan = rules.plan.resolveState({ value: planValue, context: { ...emptyPlanContext, planId: 'kh-1', rules: version } });
          const assigned: MachineEvent<'task.assigned'> = { type: 'task.assigned', data: { lead: XDPL, support: [], deadline: { kind: 'ongoing' }, dueAt: null }, actor: ASSIGNING_ACTOR, recordedAt: '2026-06-01T00:00:00.000Z' };
          const expected = lead !== null && plan.hasTag('running') && task.can(assigned);
          const answer = owesIssueAssignment({ machineState: { value: taskValue, context: taskContext }, rules: version }, { machineState: { value: planValue, context: plan.context }, rules: version });
          expect(answer, `${taskValue} in a ${planValue} plan, lead ${lead === null ? 'none' : 'named'}`).toBe(expected);
          if (answer) owed++;
        }
      }
    }
    expect(owed).toBe(1); // added, with a lead, in an issued plan
    expect(owesIssueAssignment({ machineState: { value: 'added', context: { ...emptyTaskContext, lead: XDPL } }, rules: version }, undefined)).toBe(false);
  });
});
