import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { manualClock } from '../base/clock.js';
import { createEngine } from '../engine/createEngine.js';
import { compileMachine } from '../machines/compileMachine.js';
import type { MachineEvent } from '../machines/machineEvent.js';
import { taskMachine } from '../machines/taskMachine.js';
import { SCHEMA_VERSION, type NewEvent } from '../schemas/events.js';
import { loadStream } from '../snapshots/loadStream.js';
import { snapshotFingerprint } from '../snapshots/snapshotFingerprint.js';
import type { SnapshotStore, StreamSnapshot } from '../snapshots/SnapshotStore.js';
import type { EventStore } from '../store/EventStore.js';
import { machineEventArbitrary } from './machineEventArbitrary.js';
import { runScenario } from './runScenario.js';
import { scenarioArbitrary } from './scenarioArbitrary.js';
import { issueSamplePlan, SAMPLE_LEAD } from './samplePlan.js';

/** An event store and the snapshot store to test beside it; `close` is called after each test. */
export type SnapshotStoreFixture = { store: EventStore; snapshots: SnapshotStore; close?: () => Promise<void> };

const runs = (n: number) => Number(process.env.PLANLOG_PROPERTY_RUNS ?? n);
const compiledTask = compileMachine(taskMachine);
const STREAM = 'task-nv-1';
const ADDED = { taskId: 'nv-1', planId: 'kh-1', ref: 'II.1', title: 'Việc', lead: null, support: [], deadline: null, dueAt: null };

/** Random task events, rarely ending the task (cancel, accept), so that streams grow long. */
const ENDINGS = new Set(['task.cancelled', 'task.report_accepted']);
const lifeEvent = fc.oneof(
  { weight: 40, arbitrary: machineEventArbitrary('task').filter((event) => !ENDINGS.has(event.type)) },
  { weight: 1, arbitrary: machineEventArbitrary('task') },
);

/** A machine event as the store takes it. */
function newEvent(event: MachineEvent): NewEvent {
  const id = randomUUID();
  return { id, type: event.type, schemaVersion: SCHEMA_VERSION, data: event.data, actor: event.actor, commandId: id, causationId: null, correlationId: id, recordedAt: event.recordedAt } as NewEvent;
}

/** The events of a random sequence that the task machine accepts, in order (refused ones dropped). */
function accepted(events: MachineEvent[]): MachineEvent[] {
  const kept: MachineEvent[] = [];
  let machineState = compiledTask.initial;
  for (const event of events) {
    const next = compiledTask.step(machineState, event);
    if (next === null) continue;
    kept.push(event);
    machineState = next;
  }
  return kept;
}

async function appendAll(store: EventStore, streamId: string, events: MachineEvent[]) {
  if (events.length > 0) await store.append(streamId, events.map(newEvent), { expectedVersion: 'any' });
}

/** `inner`, counting what it is asked. */
function counting(inner: SnapshotStore) {
  const calls = { load: 0, save: [] as StreamSnapshot[] };
  const store: SnapshotStore = {
    load: (streamId) => (calls.load++, inner.load(streamId)),
    save: (snapshot) => (calls.save.push(snapshot), inner.save(snapshot)),
  };
  return { store, calls };
}

/**
 * The snapshot store suite, written once: every adapter (memory, SQLite) runs it. `make` gives a
 * fresh, empty event store and the snapshot store beside it, for each test and each property run.
 */
export function describeSnapshotStore(name: string, make: () => Promise<SnapshotStoreFixture> | SnapshotStoreFixture): void {
describe(`snapshot store: ${name}`, () => {
  /** Run `body` on a fixture of its own, closed when it ends, passed or failed (property runs make hundreds). */
  const withFixture = async (body: (made: SnapshotStoreFixture) => Promise<void>) => {
    const made = await make();
    try {
      await body(made);
    } finally {
      await made.close?.();
    }
  };
  /** A test on a fixture of its own. */
  const test = (title: string, body: (made: SnapshotStoreFixture) => Promise<void>) => it(title, () => withFixture(body));

  it('loadStream over it gives exactly the state of a full fold, reading only the tail after the snapshot', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(lifeEvent, { minLength: 1, maxLength: 120, size: 'max' }),
        fc.integer({ min: 1, max: 12 }),
        fc.array(fc.nat(), { maxLength: 4 }),
        async (raw, every, cuts) =>
          withFixture(async ({ store, snapshots: inner }) => {
            const events = accepted([{ ...raw[0]!, type: 'task.added', data: ADDED } as MachineEvent, ...raw]);
            const { store: snapshots, calls } = counting(inner);
            // Load at a few points of the stream's life (each may save a snapshot), then at its end.
            const points = [...new Set(cuts.map((cut) => 1 + (cut % events.length)))].sort((a, b) => a - b);
            let appended = 0;
            let lastSnapshot = 0;
            for (const point of [...points, events.length]) {
              await appendAll(store, STREAM, events.slice(appended, point));
              appended = point;
              const full = await loadStream(store, STREAM);
              const loaded = await loadStream(store, STREAM, { snapshots, every });
              expect({ value: loaded.machineState.value, context: loaded.machineState.context }).toEqual({ value: full.machineState.value, context: full.machineState.context });
              expect([loaded.version, loaded.position]).toEqual([full.version, full.position]);
              expect(full.eventsRead).toBe(point);
              expect(loaded.fromSnapshot).toBe(lastSnapshot > 0);
              expect(loaded.eventsRead).toBe(point - lastSnapshot);
              if (point - lastSnapshot >= every) lastSnapshot = point;
              expect(calls.save.at(-1)?.version ?? 0).toBe(lastSnapshot);
              expect((await inner.load(STREAM))?.version ?? 0).toBe(lastSnapshot);
            }
            // The fold itself is the compiled machine's.
            let machineState = compiledTask.initial;
            for (const event of events) machineState = compiledTask.step(machineState, event)!;
            const final = await loadStream(store, STREAM, { snapshots, every });
            expect({ value: final.machineState.value, context: final.machineState.context }).toEqual(machineState);
          }),
      ),
      { numRuns: runs(300) },
    );
  });

  test('keeps the newest snapshot of a stream, and a plan’s task ids', async ({ snapshots }) => {
    const snapshot = (version: number): StreamSnapshot => ({
      streamId: 'plan-kh-1',
      version,
      position: version * 10,
      machine: 'plan',
      fingerprint: 'a'.repeat(64),
      machineState: { value: 'issued', context: { planId: 'kh-1', version } },
      taskIds: ['nv-1', `nv-${version}`],
    });
    await snapshots.save(snapshot(5));
    await snapshots.save(snapshot(3));
    expect(await snapshots.load('plan-kh-1')).toEqual(snapshot(5));
    await snapshots.save(snapshot(7));
    expect(await snapshots.load('plan-kh-1')).toEqual(snapshot(7));
    expect(await snapshots.load('plan-other')).toBeNull();
  });

  test('loadStream reads only the events after the snapshot on a long stream', async ({ store, snapshots }) => {
    const { engine, taskId, streamId } = await issueSamplePlan(store);
    for (let i = 0; i < 250; i++) await engine.reportTask({ actor: SAMPLE_LEAD, taskId, text: `Báo cáo tiến độ lần ${i + 1}`, progress: i % 100 });
    const first = await loadStream(store, streamId, { snapshots });
    expect([first.version, first.fromSnapshot, first.eventsRead]).toEqual([252, false, 252]);
    expect((await snapshots.load(streamId))?.version).toBe(252);
    for (let i = 0; i < 7; i++) await engine.reportTask({ actor: SAMPLE_LEAD, taskId, text: 'Báo cáo bổ sung', progress: 50 });
    const later = await loadStream(store, streamId, { snapshots });
    expect([later.version, later.fromSnapshot, later.eventsRead]).toEqual([259, true, 7]);
    expect(later.machineState.context).toEqual((await loadStream(store, streamId)).machineState.context);
    expect((await snapshots.load(streamId))?.version).toBe(252); // 7 < every: no new snapshot yet
  });

  test('loadStream ignores a snapshot with another fingerprint, however wrong its state, and replaces it', async ({ store, snapshots }) => {
    const { engine, taskId, streamId } = await issueSamplePlan(store);
    await engine.acknowledgeTask({ actor: SAMPLE_LEAD, taskId });
    const full = await loadStream(store, streamId);
    await snapshots.save({
      streamId,
      version: full.version,
      position: full.position,
      machine: 'task',
      fingerprint: 'f'.repeat(64),
      machineState: { value: 'completed', context: { ...full.machineState.context, title: 'WRONG', outcome: 'late' } },
    });
    const loaded = await loadStream(store, streamId, { snapshots, every: 1 });
    expect([loaded.fromSnapshot, loaded.eventsRead, loaded.machineState]).toEqual([false, full.version, full.machineState]);
    expect(loaded.machineState.value).toBe('acknowledged');
    const replaced = await snapshots.load(streamId);
    expect(replaced?.fingerprint).toBe(snapshotFingerprint('task', 1));
    expect(replaced?.machineState).toEqual(full.machineState);
    const withSnapshots = createEngine({ store, snapshots: { store: snapshots, every: 1 } });
    expect(await withSnapshots.replay({ streamId })).toEqual(await engine.replay({ streamId }));
  });

  test('loadStream ignores a snapshot of the right machine that the log contradicts (stream shorter, or another stream or machine)', async ({ store, snapshots }) => {
    const { engine, planId, taskId, streamId } = await issueSamplePlan(store);
    await engine.acknowledgeTask({ actor: SAMPLE_LEAD, taskId });
    const full = await loadStream(store, streamId);
    const wrong = { ...full.machineState, value: 'completed' };
    const fingerprint = snapshotFingerprint('task', 1);
    for (const snapshot of [
      { streamId, version: full.version + 5, position: full.position + 5, machine: 'task', fingerprint, machineState: wrong },
      { streamId, version: 1, position: full.position, machine: 'task', fingerprint, machineState: wrong },
      { streamId, version: full.version, position: full.position, machine: 'plan', fingerprint: snapshotFingerprint('plan', 1), machineState: wrong },
      { streamId: `task-other`, version: full.version, position: full.position, machine: 'task', fingerprint, machineState: wrong },
    ] as StreamSnapshot[]) {
      const loaded = await loadStream(store, streamId, { snapshots: { load: async () => snapshot, save: async () => undefined } });
      expect([loaded.fromSnapshot, loaded.machineState]).toEqual([false, full.machineState]);
    }
    // A plan stream loads the plan's own state (its task list comes from other streams).
    const plan = await loadStream(store, `plan-${planId}`, { snapshots, every: 1 });
    expect(plan.machine).toBe('plan');
    expect(plan.machineState.value).toBe('issued');
    expect(plan.machineState.context).toMatchObject({ planId, number: '45/KH-STP' });
  });

  it('makes engine.replay({ streamId }) equal the whole-log replay for every stream of random scenarios, before and after snapshots exist', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArbitrary({ maxSteps: 25, maxTasks: 3 }), fc.integer({ min: 1, max: 4 }), async (scenario, every) =>
        withFixture(async ({ store, snapshots: inner }) => {
          const run = await runScenario(scenario, { store });
          const plain = createEngine({ store, clock: run.clock });
          const { store: snapshots, calls } = counting(inner);
          const snapshotting = createEngine({ store, clock: run.clock, snapshots: { store: snapshots, every } });
          const streams = [...run.taskIds.map((id) => `task-${id}`), ...run.planIds.map((id) => `plan-${id}`), 'task-unknown'];
          for (let round = 0; round < 2; round++) {
            for (const streamId of streams) expect(await snapshotting.replay({ streamId })).toEqual(await plain.replay({ streamId }));
          }
          expect(calls.load).toBe(2 * (run.taskIds.length + 1)); // task streams only
          expect(await snapshotting.replay()).toEqual(await plain.replay());
          expect(await snapshotting.replay({ streamId: streams[0]!, asOf: 3 })).toEqual(await plain.replay({ streamId: streams[0]!, asOf: 3 }));
        }),
      ),
      { numRuns: runs(40) },
    );
  });

  test('tags snapshots with the rules version in force and rebuilds them after an upgrade', async ({ store, snapshots }) => {
    const { engine, planId, taskId, streamId } = await issueSamplePlan(store);
    await engine.acknowledgeTask({ actor: SAMPLE_LEAD, taskId });
    await loadStream(store, streamId, { snapshots, every: 1 });
    expect((await snapshots.load(streamId))?.fingerprint).toBe(snapshotFingerprint('task', 1));
    await engine.upgradeRules({ actor: { unitId: (await engine.getPlan(planId)).issuer!.id }, planId, version: 2 });
    const after = await loadStream(store, streamId, { snapshots, every: 1 });
    expect([after.rules, after.fromSnapshot, after.machineState]).toEqual([2, false, (await loadStream(store, streamId)).machineState]);
    expect((await snapshots.load(streamId))?.fingerprint).toBe(snapshotFingerprint('task', 2));
    expect((await loadStream(store, streamId, { snapshots, every: 1 })).fromSnapshot).toBe(true);
    const withSnapshots = createEngine({ store, snapshots: { store: snapshots, every: 1 } });
    expect(await withSnapshots.replay({ streamId })).toEqual(await engine.replay({ streamId }));
  });

  test('lets engine.replay({ streamId }) read only the tail of a long task stream once a snapshot exists', async ({ store, snapshots }) => {
    const { engine, taskId, streamId } = await issueSamplePlan(store);
    for (let i = 0; i < 120; i++) await engine.reportTask({ actor: SAMPLE_LEAD, taskId, text: 'Tiến độ', progress: i % 100 });
    const withSnapshots = createEngine({ store, clock: manualClock('2026-05-01T00:00:00Z'), snapshots: { store: snapshots } });
    const expected = await engine.replay({ streamId });
    expect(await withSnapshots.replay({ streamId })).toEqual(expected);
    expect((await snapshots.load(streamId))?.version).toBe(122);
    let read = 0;
    let planRead = 0;
    // A task's rules version is its plan's: the (short) plan stream is read beside the task's tail.
    const counted: EventStore = {
      ...store,
      readStream: async (id, options) => {
        const events = await store.readStream(id, options);
        if (id === streamId) read += events.length;
        else planRead += events.length;
        return events;
      },
    };
    const tail = createEngine({ store: counted, snapshots: { store: snapshots } });
    await engine.reportTask({ actor: SAMPLE_LEAD, taskId, text: 'Hoàn thành', final: true });
    expect(await tail.replay({ streamId })).toEqual(await engine.replay({ streamId }));
    expect(read).toBe(1);
    expect(planRead).toBe(2); // plan.drafted, plan.issued
  });
});
}
