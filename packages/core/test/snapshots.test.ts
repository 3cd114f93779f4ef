import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assign, setup } from 'xstate';
import {
  SCHEMA_VERSION,
  compileMachine,
  createEngine,
  describeMachine,
  loadStream,
  machineFingerprint,
  manualClock,
  memorySnapshots,
  memoryStore,
  planMachine,
  taskMachine,
  type EventStore,
  type MachineEvent,
  type NewEvent,
  type SnapshotStore,
  type StreamSnapshot,
} from '@planlog/core';
import { machineEventArbitrary, runScenario, scenarioArbitrary } from '@planlog/core/testing';
import { LEAD, issuedPlan } from './fixtures.js';

const runs = (n: number) => Number(process.env.PLANLOG_PROPERTY_RUNS ?? n);
const compiledTask = compileMachine(taskMachine);
const STREAM = 'task-nv-1';

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

/** A machine event as the store takes it. */
function newEvent(event: MachineEvent): NewEvent {
  const id = randomUUID();
  return { id, type: event.type, schemaVersion: SCHEMA_VERSION, data: event.data, actor: event.actor, commandId: id, causationId: null, correlationId: id, recordedAt: event.recordedAt } as NewEvent;
}

/** The events of a random sequence that the task machine accepts, in order (refused ones dropped). */
function accepted(events: MachineEvent[]): MachineEvent[] {
  const kept: MachineEvent[] = [];
  let state = compiledTask.initial;
  for (const event of events) {
    const next = compiledTask.step(state, event);
    if (next === null) continue;
    kept.push(event);
    state = next;
  }
  return kept;
}

async function appendAll(store: EventStore, streamId: string, events: MachineEvent[]) {
  for (const event of events) await store.append(streamId, [newEvent(event)], { expectedVersion: 'any' });
}

/** A snapshot store that counts what it is asked. */
function counting(inner: SnapshotStore = memorySnapshots()) {
  const calls = { load: 0, save: [] as StreamSnapshot[] };
  const store: SnapshotStore = {
    load: (streamId) => (calls.load++, inner.load(streamId)),
    save: (snapshot) => (calls.save.push(snapshot), inner.save(snapshot)),
  };
  return { store, calls };
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

/** Random task events, rarely ending the task (cancel, accept), so that streams grow long. */
const ENDINGS = new Set(['task.cancelled', 'task.report_accepted']);
const lifeEvent = fc.oneof(
  { weight: 40, arbitrary: machineEventArbitrary('task').filter((event) => !ENDINGS.has(event.type)) },
  { weight: 1, arbitrary: machineEventArbitrary('task') },
);

describe('loadStream', () => {
  it('gives exactly the state of a full fold, reading only the tail after the snapshot', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(lifeEvent, { minLength: 1, maxLength: 120, size: 'max' }),
        fc.integer({ min: 1, max: 12 }),
        fc.array(fc.nat(), { maxLength: 4 }),
        async (raw, every, cuts) => {
          const events = accepted([{ ...raw[0]!, type: 'task.added', data: { taskId: 'nv-1', planId: 'kh-1', ref: 'II.1', title: 'Việc', lead: null, support: [], deadline: null, dueAt: null } } as MachineEvent, ...raw]);
          const store = memoryStore();
          const { store: snapshots, calls } = counting();
          // Load at a few points of the stream's life (each may save a snapshot), then at its end.
          const points = [...new Set(cuts.map((cut) => 1 + (cut % events.length)))].sort((a, b) => a - b);
          let appended = 0;
          let lastSnapshot = 0;
          for (const point of [...points, events.length]) {
            await appendAll(store, STREAM, events.slice(appended, point));
            appended = point;
            const full = await loadStream(store, STREAM);
            const loaded = await loadStream(store, STREAM, { snapshots, every });
            expect({ value: loaded.state.value, context: loaded.state.context }).toEqual({ value: full.state.value, context: full.state.context });
            expect([loaded.version, loaded.position]).toEqual([full.version, full.position]);
            expect(full.eventsRead).toBe(point);
            expect(loaded.fromSnapshot).toBe(lastSnapshot > 0);
            expect(loaded.eventsRead).toBe(point - lastSnapshot);
            if (point - lastSnapshot >= every) lastSnapshot = point;
            expect(calls.save.at(-1)?.version ?? 0).toBe(lastSnapshot);
          }
          // The fold itself is the compiled machine's.
          let state = compiledTask.initial;
          for (const event of events) state = compiledTask.step(state, event)!;
          const final = await loadStream(store, STREAM, { snapshots, every });
          expect({ value: final.state.value, context: final.state.context }).toEqual(state);
        },
      ),
      { numRuns: runs(300) },
    );
  });

  it('reads only the events after the snapshot on a long stream', async () => {
    const { engine, store, taskId } = await issuedPlan();
    for (let i = 0; i < 250; i++) await engine.reportTask({ actor: LEAD, taskId, text: `Báo cáo tiến độ lần ${i + 1}`, progress: i % 100 });
    const streamId = `task-${taskId}`;
    const snapshots = memorySnapshots();
    const first = await loadStream(store, streamId, { snapshots });
    expect([first.version, first.fromSnapshot, first.eventsRead]).toEqual([252, false, 252]);
    expect((await snapshots.load(streamId))?.version).toBe(252);
    for (let i = 0; i < 7; i++) await engine.reportTask({ actor: LEAD, taskId, text: 'Báo cáo bổ sung', progress: 50 });
    const later = await loadStream(store, streamId, { snapshots });
    expect([later.version, later.fromSnapshot, later.eventsRead]).toEqual([259, true, 7]);
    expect(later.state.context).toEqual((await loadStream(store, streamId)).state.context);
    expect((await snapshots.load(streamId))?.version).toBe(252); // 7 < every: no new snapshot yet
  });

  it('ignores a snapshot with another fingerprint, however wrong its state, and replaces it', async () => {
    const { engine, store, taskId } = await issuedPlan();
    await engine.acknowledgeTask({ actor: LEAD, taskId });
    const streamId = `task-${taskId}`;
    const full = await loadStream(store, streamId);
    const snapshots = memorySnapshots();
    const stale: StreamSnapshot = {
      streamId,
      version: full.version,
      position: full.position,
      machine: 'task',
      fingerprint: 'f'.repeat(64),
      state: { value: 'completed', context: { ...full.state.context, title: 'WRONG', outcome: 'late' } },
    };
    await snapshots.save(stale);
    const loaded = await loadStream(store, streamId, { snapshots, every: 1 });
    expect(loaded.fromSnapshot).toBe(false);
    expect(loaded.eventsRead).toBe(full.version);
    expect(loaded.state).toEqual(full.state);
    expect(loaded.state.value).toBe('acknowledged');
    const replaced = await snapshots.load(streamId);
    expect(replaced?.fingerprint).toBe(machineFingerprint(taskMachine));
    expect(replaced?.state).toEqual(full.state);
  });

  it('ignores a snapshot of the right machine that the log contradicts (stream shorter, or another stream or machine)', async () => {
    const { engine, store, taskId, planId } = await issuedPlan();
    await engine.acknowledgeTask({ actor: LEAD, taskId });
    const streamId = `task-${taskId}`;
    const full = await loadStream(store, streamId);
    const wrong = { ...full.state, value: 'completed' };
    const fingerprint = machineFingerprint(taskMachine);
    for (const snapshot of [
      { streamId, version: full.version + 5, position: full.position + 5, machine: 'task', fingerprint, state: wrong },
      { streamId, version: 1, position: full.position, machine: 'task', fingerprint, state: wrong },
      { streamId, version: full.version, position: full.position, machine: 'plan', fingerprint: machineFingerprint(planMachine), state: wrong },
      { streamId: `task-other`, version: full.version, position: full.position, machine: 'task', fingerprint, state: wrong },
    ] as StreamSnapshot[]) {
      const loaded = await loadStream(store, streamId, { snapshots: { load: async () => snapshot, save: async () => undefined } });
      expect([loaded.fromSnapshot, loaded.state]).toEqual([false, full.state]);
    }
    // A plan stream loads the plan's own state (its task list comes from other streams).
    const plan = await loadStream(store, `plan-${planId}`, { snapshots: memorySnapshots(), every: 1 });
    expect(plan.machine).toBe('plan');
    expect(plan.state.value).toBe('issued');
    expect(plan.state.context).toMatchObject({ planId, number: '45/KH-STP' });
  });

  it('refuses what is not a task or plan stream and a bad `every`', async () => {
    await expect(loadStream(memoryStore(), 'unit-1')).rejects.toMatchObject({ code: 'VALIDATION', field: 'streamId' });
    await expect(loadStream(memoryStore(), 'task-1', { every: 0 })).rejects.toMatchObject({ code: 'VALIDATION', field: 'every' });
    expect(await loadStream(memoryStore(), 'task-none', { snapshots: memorySnapshots(), every: 1 })).toMatchObject({ version: 0, position: 0, eventsRead: 0, fromSnapshot: false });
  });
});

describe('engine.replay({ streamId }) with snapshots', () => {
  it('equals the whole-log replay for every stream of random scenarios, before and after snapshots exist', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArbitrary({ maxSteps: 25, maxTasks: 3 }), fc.integer({ min: 1, max: 4 }), async (scenario, every) => {
        const run = await runScenario(scenario);
        const plain = createEngine({ store: run.store, clock: run.clock });
        const { store: snapshots, calls } = counting();
        const snapshotting = createEngine({ store: run.store, clock: run.clock, snapshots: { store: snapshots, every } });
        const streams = [...run.taskIds.map((id) => `task-${id}`), ...run.planIds.map((id) => `plan-${id}`), 'task-unknown'];
        for (let round = 0; round < 2; round++) {
          for (const streamId of streams) expect(await snapshotting.replay({ streamId })).toEqual(await plain.replay({ streamId }));
        }
        expect(calls.load).toBe(2 * (run.taskIds.length + 1)); // task streams only
        expect(await snapshotting.replay()).toEqual(await plain.replay());
        expect(await snapshotting.replay({ streamId: streams[0]!, asOf: 3 })).toEqual(await plain.replay({ streamId: streams[0]!, asOf: 3 }));
      }),
      { numRuns: runs(40) },
    );
  });

  it('reads only the tail of a long task stream once a snapshot exists', async () => {
    const { engine, store, taskId } = await issuedPlan();
    for (let i = 0; i < 120; i++) await engine.reportTask({ actor: LEAD, taskId, text: 'Tiến độ', progress: i % 100 });
    const snapshots = memorySnapshots();
    const withSnapshots = createEngine({ store, clock: manualClock('2026-05-01T00:00:00Z'), snapshots: { store: snapshots } });
    const streamId = `task-${taskId}`;
    const expected = await engine.replay({ streamId });
    expect(await withSnapshots.replay({ streamId })).toEqual(expected);
    expect((await snapshots.load(streamId))?.version).toBe(122);
    let read = 0;
    const counted: EventStore = { ...store, readStream: async (id, options) => { const events = await store.readStream(id, options); read += events.length; return events; } };
    const tail = createEngine({ store: counted, snapshots: { store: snapshots } });
    await engine.reportTask({ actor: LEAD, taskId, text: 'Hoàn thành', final: true });
    expect(await tail.replay({ streamId })).toEqual(await engine.replay({ streamId }));
    expect(read).toBe(1);
  });
});
