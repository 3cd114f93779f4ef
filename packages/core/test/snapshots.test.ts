import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { assign, createMachine, setup } from 'xstate';
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

  it('sees the helpers a machine names in meta.helpers: a changed helper body changes it', () => {
    const withHelper = (rounding: (n: number) => number) => createMachine({ id: 'h', meta: { helpers: { rounding } }, initial: 'a', states: { a: {} } });
    expect(machineFingerprint(withHelper((n) => Math.floor(n)))).toBe(machineFingerprint(withHelper((n) => Math.floor(n))));
    expect(machineFingerprint(withHelper((n) => Math.floor(n)))).not.toBe(machineFingerprint(withHelper((n) => Math.round(n))));
  });

  it("planlog's machines name in meta.helpers every function or constant of their modules that their guards, actions and helpers use", () => {
    const sources = ['taskMachine', 'planMachine', 'machineEvent'].map((name) => readFileSync(new URL(`../src/machines/${name}.ts`, import.meta.url), 'utf8'));
    const declared = new Set(sources.flatMap((source) => [...source.matchAll(/^(?:export )?(?:function|const|let) (\w+)/gm)].map((match) => match[1]!)));
    // Not code a guard runs: the machines themselves, their initial contexts (part of the fingerprint as values) and the helper bundle.
    for (const name of ['taskMachine', 'planMachine', 'emptyTaskContext', 'emptyPlanContext', 'machineEventHelpers']) declared.delete(name);
    expect(declared.size).toBeGreaterThan(2);
    for (const machine of [taskMachine, planMachine]) {
      const helpers = (machine.root.meta as { helpers: Record<string, unknown> }).helpers;
      const { guards, actions } = machine.implementations as unknown as { guards: Record<string, unknown>; actions: Record<string, unknown> };
      const code = [...Object.values(guards), ...Object.values(actions), ...Object.values(helpers)]
        .map((value) => (typeof value === 'function' ? `${String(value)} ${String((value as { assignment?: unknown }).assignment ?? '')}` : String(value)))
        .join('\n');
      const used = [...declared].filter((name) => new RegExp(`\\b${name}\\b`).test(code));
      expect(used.filter((name) => !(name in helpers)), `${machine.id}: used but not named in meta.helpers`).toEqual([]);
    }
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
