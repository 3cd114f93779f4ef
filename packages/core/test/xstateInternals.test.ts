import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { and, assign, createMachine, raise, setup } from 'xstate';
import { compileMachine, planMachine, taskMachine } from '@planlog/core';
import { xstateInternalsChanged } from '../src/machines/xstateInternals.js';

// compileMachine reads XState internals (state nodes' transitions maps, assign's `assignment`…).
// @planlog/core's xstate range admits only the versions it was proven on, and these tests fail,
// naming the field, when the installed xstate changes what the compiler reads.

const manifest = (path: string) => JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8')) as Record<string, Record<string, string> | undefined>;
const core = manifest('../package.json');
const workspace = manifest('../../../package.json');
const installed = (createRequire(new URL('../package.json', import.meta.url))('xstate/package.json') as { version: string }).version;

describe("xstate's version: the one compileMachine is proven on", () => {
  const range = core.dependencies?.xstate ?? '';

  it('@planlog/core takes xstate patch releases only (~x.y.z), and the workspace tests the same range', () => {
    expect(range, `@planlog/core's xstate range "${range}" must be ~x.y.z: a new minor may change the internals compileMachine reads`).toMatch(/^~5\.\d+\.\d+$/);
    expect(workspace.devDependencies?.xstate, 'the workspace installs the xstate range @planlog/core declares').toBe(range);
  });

  it('the installed xstate is inside that range', () => {
    const [, minor, patch] = range.slice(1).split('.').map(Number);
    const [major, installedMinor, installedPatch] = installed.split('.').map((part) => Number.parseInt(part, 10));
    expect({ major, minor: installedMinor, atLeastPatch: installedPatch! >= patch! }, `xstate ${installed} is installed, outside ${range}`).toEqual({ major: 5, minor, atLeastPatch: true });
  });
});

describe('the xstate internals compileMachine reads', () => {
  // Every construct whose internals the compiler reads: entry, exit and initial actions, named and
  // inline guards, function and property-map assigns, a reentering self-transition, a final state,
  // and (refused by the compiler, but told apart through their internals) raise and and().
  const everything = setup({
    types: { context: {} as { n: number }, events: {} as { type: 'go' } | { type: 'stay' } | { type: 'end' } },
    actions: {
      bump: assign(({ context }) => ({ n: context.n + 1 })),
      reset: assign({ n: () => 0 }),
      again: raise({ type: 'stay' }),
    },
    guards: { small: ({ context }) => context.n < 3 },
  }).createMachine({
    id: 'everything',
    context: { n: 0 },
    entry: 'bump',
    initial: 'a',
    states: {
      a: {
        entry: 'bump',
        exit: 'reset',
        on: { go: [{ guard: 'small', target: 'b', actions: 'bump' }, { target: 'a', reenter: true }], end: 'done' },
      },
      b: { on: { stay: { guard: ({ context }) => context.n > 0, actions: assign({ n: ({ context }) => context.n + 2 }) }, end: 'done' } },
      done: { type: 'final' },
    },
  });

  it('have the shape compileMachine expects, on planlog machines and on a machine using every construct it reads', () => {
    for (const machine of [taskMachine, planMachine, everything]) {
      expect(xstateInternalsChanged(machine), `xstate ${installed}: internals of machine '${machine.id}' changed`).toEqual([]);
    }
    expect(() => compileMachine(everything)).not.toThrow();
  });

  it('tell assign, built-in and higher-order actions and guards apart as compileMachine does', () => {
    const { actions } = everything.implementations as unknown as { actions: Record<string, { type?: unknown; assignment?: unknown; resolve?: unknown }> };
    expect(actions.bump!.type, "assign() gives an action whose type is 'xstate.assign'").toBe('xstate.assign');
    expect(typeof actions.bump!.assignment, "assign(fn) keeps fn as 'assignment'").toBe('function');
    expect(typeof actions.reset!.assignment, "assign({ … }) keeps the property map as 'assignment'").toBe('object');
    expect(actions.again!.type, 'raise() is not an assign').not.toBe('xstate.assign');
    expect(typeof actions.again!.resolve, "a built-in action (raise) has 'resolve'").toBe('function');
    const higher = and(['small']) as unknown as { check?: unknown };
    expect(typeof higher.check, "a higher-order guard (and/or/not) has 'check'").toBe('function');
  });

  it('a change fails loudly, naming the field', () => {
    const machine = createMachine({ id: 'changed', initial: 'a', states: { a: { on: { go: 'b' } }, b: {} } });
    const root = machine.root as unknown as { transitions: unknown };
    const original = root.transitions;
    // As if a new xstate kept transitions in a plain object instead of a Map.
    Object.defineProperty(root, 'transitions', { value: Object.fromEntries(original as Map<string, unknown>), configurable: true });
    expect(xstateInternalsChanged(machine)).toEqual(['machine.root.transitions is a Map of event type → transition definitions']);
    expect(() => compileMachine(machine)).toThrow(/internals are not those @planlog\/core was built against[\s\S]*machine\.root\.transitions is a Map/);
  });
});
