import { describe, expect, it } from 'vitest';
import { and, assign, createMachine, fromPromise, initialTransition, raise, setup, transition, type AnyStateMachine } from 'xstate';
import { MachineCompileError, compileMachine, decide, initialSnapshotOf, planMachine, taskMachine, type MachineEvent } from '@planlog/core';

type Ev = { type: string; n?: number };

/** Fold events through xstate (can + transition) and through the compiled step; both results, step by step. */
function both(machine: AnyStateMachine, events: Ev[]) {
  const compiled = compileMachine(machine);
  let snapshot = initialTransition(machine)[0];
  let machineState: { value: string; context: unknown } = compiled.initial;
  const steps: { xstate: unknown; compiled: unknown }[] = [];
  for (const event of events) {
    const accepted = snapshot.can(event as never);
    expect(compiled.can(machineState as never, event as never)).toBe(accepted);
    if (accepted) snapshot = transition(machine, snapshot, event as never)[0];
    const next = compiled.step(machineState as never, event as never);
    if (next !== null) machineState = next;
    steps.push({
      xstate: accepted ? { value: snapshot.value, context: snapshot.context } : null,
      compiled: next === null ? null : { value: next.value, context: next.context },
    });
  }
  return steps;
}

function expectSame(machine: AnyStateMachine, events: Ev[]) {
  for (const { xstate, compiled } of both(machine, events)) expect(compiled).toEqual(xstate);
}

/** The compile error for a machine, or a failure when it compiles. */
function refusal(machine: AnyStateMachine): MachineCompileError {
  try {
    compileMachine(machine);
  } catch (error) {
    expect(error).toBeInstanceOf(MachineCompileError);
    return error as MachineCompileError;
  }
  throw new Error('the machine compiled');
}

const counter = setup({
  types: { context: {} as { n: number; log: string[] }, events: {} as Ev },
  actions: {
    inc: assign(({ context }) => ({ n: context.n + 1 })),
    add: assign({ n: ({ context, event }) => context.n + (event.n ?? 0), log: ({ context }) => [...context.log, `add@${context.n}`] }),
    enter: assign(({ context }) => ({ log: [...context.log, 'enter'] })),
    leave: assign(({ context }) => ({ log: [...context.log, 'leave'] })),
  },
  guards: { small: ({ context }) => context.n < 3 },
});

describe('compileMachine on the planlog machines', () => {
  it('compiles both machines and starts where xstate starts', () => {
    for (const machine of [taskMachine, planMachine]) {
      const compiled = compileMachine(machine);
      const [snapshot] = initialTransition(machine);
      expect(compiled.initial).toEqual({ value: snapshot.value, context: snapshot.context });
      expect(compiled.states).toEqual(Object.keys(machine.root.states));
    }
  });

  it('turns back into the xstate snapshot with machine.resolveState (status, tags, can), for engine code that needs one', () => {
    const compiled = compileMachine(planMachine);
    const actor = { unitId: 'so-tu-phap' };
    const events = [
      { type: 'plan.drafted', data: { planId: 'p1', title: 'KH', issuer: { id: 'so-tu-phap', name: 'Sở Tư pháp' }, basis: [], objectives: [], requirements: [], reporting: [], recipients: [], timeZone: 'Asia/Ho_Chi_Minh', parentPlanId: null } },
      { type: 'plan.issued', data: { number: '45/KH-STP', issuedOn: '2026-04-15' } },
      { type: 'plan.closed', data: { note: null } },
    ].map((event) => ({ ...event, actor, recordedAt: '2026-04-15T02:00:00.000Z' }) as MachineEvent);
    let snapshot = initialSnapshotOf(planMachine);
    let machineState = compiled.initial;
    for (const event of events) {
      snapshot = decide(planMachine, snapshot, event)!;
      machineState = compiled.step(machineState, event)!;
      const resolved = planMachine.resolveState(machineState);
      expect([resolved.value, resolved.context, resolved.status, [...resolved.tags]]).toEqual([snapshot.value, snapshot.context, snapshot.status, [...snapshot.tags]]);
      for (const next of events) expect(resolved.can(next)).toBe(snapshot.can(next));
    }
  });

  it('refuses what the machine refuses and nothing else (unknown events, final states)', () => {
    const compiled = compileMachine(planMachine);
    expect(compiled.step(compiled.initial, { type: 'plan.closed', data: { note: null }, actor: { unitId: 'u' }, recordedAt: '2026-01-01T00:00:00Z' })).toBeNull();
    expect(() => compiled.step({ value: 'nowhere', context: compiled.initial.context }, { type: 'plan.closed' } as never)).toThrow(/unknown state 'nowhere'/);
  });
});

describe('compileMachine semantics, checked against xstate on tiny machines', () => {
  it('runs function and property-map assigns in order, with guards in candidate order', () => {
    const machine = counter.createMachine({
      context: { n: 0, log: [] },
      initial: 'a',
      states: {
        a: {
          on: {
            go: [{ guard: 'small', target: 'b', actions: ['inc', 'add'] }, { target: 'c' }],
            stay: { actions: 'add' },
            inline: { guard: ({ context }) => context.n % 2 === 0, actions: 'inc' },
          },
        },
        b: { on: { back: { target: 'a', actions: 'inc' } } },
        c: { type: 'final' },
      },
    });
    expectSame(machine, [
      { type: 'stay', n: 2 },
      { type: 'inline' },
      { type: 'inline' },
      { type: 'go', n: 5 },
      { type: 'unknown' },
      { type: 'back' },
      { type: 'go' },
      { type: 'back' },
      { type: 'go' },
      { type: 'back' },
    ]);
  });

  it('treats a targetless transition without actions as refused, as snapshot.can does', () => {
    const machine = counter.createMachine({
      context: { n: 0, log: [] },
      initial: 'a',
      states: { a: { on: { block: [{ guard: 'small' }, { actions: 'inc' }] } } },
    });
    const compiled = compileMachine(machine);
    expect(compiled.step(compiled.initial, { type: 'block' })).toBeNull();
    expectSame(machine, [{ type: 'block' }]);
  });

  it('runs exit and entry assigns around the transition actions, and reenters only with reenter: true', () => {
    const machine = counter.createMachine({
      context: { n: 0, log: [] },
      initial: 'a',
      states: {
        a: {
          entry: 'enter',
          exit: 'leave',
          on: {
            self: { target: 'a', actions: 'inc' },
            again: { target: 'a', reenter: true, actions: 'inc' },
            stay: { actions: 'inc' },
            next: { target: 'b', actions: 'add' },
          },
        },
        b: { entry: 'enter', on: { done: 'c' } },
        c: { type: 'final', entry: 'enter' },
      },
    });
    expectSame(machine, [{ type: 'self' }, { type: 'again' }, { type: 'stay' }, { type: 'next', n: 1 }, { type: 'done' }, { type: 'done' }]);
    const compiled = compileMachine(machine);
    expect(compiled.initial.context).toEqual({ n: 0, log: ['enter'] });
  });
});

describe('compileMachine refuses at start-up what it cannot compile', () => {
  const plain = setup({ types: { context: {} as { n: number }, events: {} as Ev } });

  it('nested states', () => {
    const error = refusal(plain.createMachine({ id: 'm', context: { n: 0 }, initial: 'a', states: { a: { initial: 'x', states: { x: {} } } } }));
    expect(error.message).toMatch(/state 'm\.a' uses nested states/);
    expect(error).toMatchObject({ machineId: 'm', feature: 'nested states', stateId: 'm.a' });
  });

  it('parallel states', () => {
    expect(refusal(plain.createMachine({ id: 'm', context: { n: 0 }, initial: 'a', states: { a: { type: 'parallel', states: { x: {}, y: {} } } } })).message).toMatch(/'m\.a' uses parallel states/);
    expect(refusal(plain.createMachine({ id: 'm', context: { n: 0 }, type: 'parallel', states: { x: {}, y: {} } })).message).toMatch(/'m' uses parallel states/);
  });

  it('a history state', () => {
    expect(refusal(plain.createMachine({ id: 'm', context: { n: 0 }, initial: 'a', states: { a: {}, h: { type: 'history' } } })).message).toMatch(/'m\.h' uses a history state/);
  });

  it('delayed and eventless transitions', () => {
    expect(refusal(plain.createMachine({ id: 'm', context: { n: 0 }, initial: 'a', states: { a: { after: { 1000: 'b' } }, b: {} } })).message).toMatch(/'m\.a' uses delayed \(after\)/);
    expect(refusal(plain.createMachine({ id: 'm', context: { n: 0 }, initial: 'a', states: { a: { always: 'b' }, b: {} } })).message).toMatch(/'m\.a' uses eventless \(always\)/);
  });

  it('invoked actors', () => {
    const machine = setup({ actors: { load: fromPromise(async () => 1) } }).createMachine({ id: 'm', initial: 'a', states: { a: { invoke: { src: 'load' } } } });
    expect(refusal(machine).message).toMatch(/'m\.a' uses invoked actors/);
  });

  it('entry, exit and transition actions other than assign', () => {
    const effects = setup({ types: { events: {} as Ev }, actions: { notify: () => {}, bounce: raise({ type: 'x' }) } });
    expect(refusal(effects.createMachine({ id: 'm', initial: 'a', states: { a: { entry: 'notify' } } })).message).toMatch(/'m\.a' uses a custom \(side-effect\) action .*'notify' in entry/);
    expect(refusal(effects.createMachine({ id: 'm', initial: 'a', states: { a: { exit: 'bounce' } } })).message).toMatch(/'m\.a' uses a 'xstate\.raise' action .*in exit/);
    expect(refusal(effects.createMachine({ id: 'm', initial: 'a', states: { a: { on: { go: { actions: 'notify' } } } } })).message).toMatch(/'notify' on 'go'/);
    expect(refusal(createMachine({ id: 'm', initial: 'a', states: { a: { on: { go: { actions: () => {} } } } } })).feature).toMatch(/custom/);
    expect(refusal(effects.createMachine({ id: 'm', initial: 'a', states: { a: { on: { go: { actions: 'missing' as never } } } } })).feature).toBe('an action with no implementation');
  });

  it('actions and guards given with params, higher-order and unimplemented guards', () => {
    const withParams = setup({
      types: { context: {} as { n: number }, events: {} as Ev },
      actions: { set: assign((_, params: { n: number }) => ({ n: params.n })) },
      guards: { above: ({ context }, params: { n: number }) => context.n > params.n, small: ({ context }) => context.n < 3 },
    });
    const m = (on: object) => withParams.createMachine({ id: 'm', context: { n: 0 }, initial: 'a', states: { a: { on: on as never } } });
    expect(refusal(m({ go: { guard: { type: 'above', params: { n: 1 } } } })).message).toMatch(/'m\.a' uses a guard with params \(on 'go'\)/);
    expect(refusal(m({ go: { actions: { type: 'set', params: { n: 1 } } } })).feature).toBe('an action with params');
    expect(refusal(m({ go: { guard: and(['small', 'small']) } })).feature).toMatch(/higher-order guard/);
    expect(refusal(m({ go: { guard: 'nope' } })).feature).toBe('a guard with no implementation');
  });

  it('wildcard descriptors, root transitions and transitions out of a final state', () => {
    expect(refusal(plain.createMachine({ id: 'm', context: { n: 0 }, initial: 'a', states: { a: { on: { '*': 'b' } }, b: {} } })).feature).toBe('a wildcard event descriptor');
    expect(refusal(plain.createMachine({ id: 'm', context: { n: 0 }, initial: 'a', on: { reset: '.a' }, states: { a: {} } })).message).toMatch(/state 'm' uses transitions on the root node/);
    expect(refusal(plain.createMachine({ id: 'm', context: { n: 0 }, initial: 'a', states: { a: { type: 'final', on: { go: 'b' } }, b: {} } })).feature).toBe('transitions out of a final state');
  });
});
