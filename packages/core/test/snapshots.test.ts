import { describe, expect, it } from 'vitest';
import { assign, setup } from 'xstate';
import { describeMachine, loadStream, machineFingerprint, memorySnapshots, memoryStore, planMachine, taskMachine } from '@planlog/core';
import { describeSnapshotStore } from '@planlog/core/testing';

describeSnapshotStore('memorySnapshots', () => ({ store: memoryStore(), snapshots: memorySnapshots() }));

/** Two machines of one shape whose guard bodies differ (and one whose guard is the same code, written again). */
function tinyMachine(limit: 'three' | 'four' | 'three-again') {
  const guards =
    limit === 'four'
      ? { small: ({ context }: { context: { n: number } }) => context.n < 4 }
      : { small: ({ context }: { context: { n: number } }) => context.n < 3 };
  return setup({
    types: { context: {} as { n: number }, events: {} as { type: 'inc' } },
    guards,
    actions: { inc: assign({ n: ({ context }) => context.n + 1 }) },
  }).createMachine({
    id: 'tiny',
    context: { n: 0 },
    initial: 'counting',
    states: { counting: { on: { inc: { guard: 'small', actions: 'inc' } } } },
  });
}

describe('machineFingerprint', () => {
  it('is a SHA-256 hex, the same on every call and for the same code built twice', () => {
    const fingerprint = machineFingerprint(taskMachine);
    expect(fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(machineFingerprint(taskMachine)).toBe(fingerprint);
    expect(machineFingerprint(tinyMachine('three'))).toBe(machineFingerprint(tinyMachine('three-again')));
  });

  it('changes when only the body of a guard changes', () => {
    const three = tinyMachine('three');
    const four = tinyMachine('four');
    expect({ ...(describeMachine(three) as object), guards: null }).toEqual({ ...(describeMachine(four) as object), guards: null });
    expect(machineFingerprint(three)).not.toBe(machineFingerprint(four));
  });

  it('tells the task machine from the plan machine, and sees assignments, targets, tags and context', () => {
    expect(machineFingerprint(taskMachine)).not.toBe(machineFingerprint(planMachine));
    const base = { types: { context: {} as { n: number }, events: {} as { type: 'go' } } };
    const make = (options: { by?: number; target?: 'a' | 'b'; tag?: string; n?: number }) =>
      setup({ ...base, actions: { add: assign({ n: options.by === 2 ? ({ context }) => context.n + 2 : ({ context }) => context.n + 1 }) } }).createMachine({
        id: 'm',
        context: { n: options.n ?? 0 },
        initial: 'a',
        states: { a: { tags: options.tag ? [options.tag] : [], on: { go: { target: options.target ?? 'b', actions: 'add' } } }, b: {} },
      });
    const fingerprints = [make({}), make({ by: 2 }), make({ target: 'a' }), make({ tag: 'running' }), make({ n: 1 })].map(machineFingerprint);
    expect(new Set(fingerprints).size).toBe(fingerprints.length);
  });
});

describe('loadStream', () => {
  it('refuses what is not a task or plan stream and a bad `every`', async () => {
    await expect(loadStream(memoryStore(), 'unit-1')).rejects.toMatchObject({ code: 'VALIDATION', field: 'streamId' });
    await expect(loadStream(memoryStore(), 'task-1', { every: 0 })).rejects.toMatchObject({ code: 'VALIDATION', field: 'every' });
    expect(await loadStream(memoryStore(), 'task-none', { snapshots: memorySnapshots(), every: 1 })).toMatchObject({ version: 0, position: 0, eventsRead: 0, fromSnapshot: false });
  });
});
