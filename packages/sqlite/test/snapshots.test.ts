import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  SCHEMA_VERSION,
  compileMachine,
  createEngine,
  loadStream,
  machineFingerprint,
  manualClock,
  taskMachine,
  type EventStore,
  type MachineEvent,
  type NewEvent,
  type SnapshotStore,
  type StreamSnapshot,
} from '@planlog/core';
import { machineEventArbitrary, runScenario, scenarioArbitrary } from '@planlog/core/testing';
import { sqliteSnapshots, sqliteStore } from '@planlog/sqlite';
import { tempDirs } from './tempDir.js';

const runs = (n: number) => Number(process.env.PLANLOG_PROPERTY_RUNS ?? n);
const tempDir = tempDirs();
const compiledTask = compileMachine(taskMachine);
const STREAM = 'task-nv-1';
const ADDED = { taskId: 'nv-1', planId: 'kh-1', ref: 'II.1', title: 'Việc', lead: null, support: [], deadline: null, dueAt: null };
const ENDINGS = new Set(['task.cancelled', 'task.report_accepted']);
/** Random task events, rarely ending the task, so that streams grow long. */
const lifeEvent = fc.oneof(
  { weight: 40, arbitrary: machineEventArbitrary('task').filter((event) => !ENDINGS.has(event.type)) },
  { weight: 1, arbitrary: machineEventArbitrary('task') },
);

function newEvent(event: MachineEvent): NewEvent {
  const id = randomUUID();
  return { id, type: event.type, schemaVersion: SCHEMA_VERSION, data: event.data, actor: event.actor, commandId: id, causationId: null, correlationId: id, recordedAt: event.recordedAt } as NewEvent;
}

/** The events the task machine accepts, in order (refused ones dropped). */
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
  if (events.length > 0) await store.append(streamId, events.map(newEvent), { expectedVersion: 'any' });
}

const LEAD = { unitId: 'phong-xay-dung-phap-luat' };
const STP = { unitId: 'so-tu-phap' };

/** An issued plan with one task and `reports` progress reports on it. */
async function longTask(store: EventStore, reports: number) {
  const engine = createEngine({ store, clock: manualClock('2026-04-10T02:00:00Z') });
  const { planId } = await engine.draftPlan({ actor: STP, title: 'Kế hoạch', issuer: { id: STP.unitId, name: 'Sở Tư pháp' } });
  const { taskId } = await engine.addTask({ actor: STP, planId, title: 'Rà soát văn bản', lead: { id: LEAD.unitId, name: 'Phòng Xây dựng pháp luật' }, deadline: { kind: 'quarter', year: 2026, quarter: 2 } });
  await engine.issuePlan({ actor: STP, planId, number: '45/KH-STP', issuedOn: '2026-04-15' });
  for (let i = 0; i < reports; i++) await engine.reportTask({ actor: LEAD, taskId, text: `Tiến độ ${i + 1}`, progress: i % 100 });
  return { engine, planId, taskId, streamId: `task-${taskId}` };
}

describe('sqliteSnapshots', () => {
  it('loadStream over it gives exactly the state of a full fold, reading only the tail', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(lifeEvent, { minLength: 1, maxLength: 120, size: 'max' }),
        fc.integer({ min: 1, max: 12 }),
        fc.array(fc.nat(), { maxLength: 4 }),
        async (raw, every, cuts) => {
          const events = accepted([{ ...raw[0]!, type: 'task.added', data: ADDED } as MachineEvent, ...raw]);
          const store = sqliteStore({ file: ':memory:' });
          try {
            const snapshots = sqliteSnapshots(store);
            const points = [...new Set(cuts.map((cut) => 1 + (cut % events.length)))].sort((a, b) => a - b);
            let appended = 0;
            let lastSnapshot = 0;
            for (const point of [...points, events.length]) {
              await appendAll(store, STREAM, events.slice(appended, point));
              appended = point;
              const full = await loadStream(store, STREAM);
              const loaded = await loadStream(store, STREAM, { snapshots, every });
              expect({ value: loaded.state.value, context: loaded.state.context }).toEqual({ value: full.state.value, context: full.state.context });
              expect([loaded.version, loaded.position, loaded.fromSnapshot, loaded.eventsRead]).toEqual([full.version, full.position, lastSnapshot > 0, point - lastSnapshot]);
              if (point - lastSnapshot >= every) lastSnapshot = point;
              expect((await snapshots.load(STREAM))?.version ?? 0).toBe(lastSnapshot);
            }
          } finally {
            await store.close();
          }
        },
      ),
      { numRuns: runs(200) },
    );
  });

  it('keeps the newest snapshot of a stream, and a plan’s task ids', async () => {
    const snapshots = sqliteSnapshots(new Database(':memory:'));
    const snapshot = (version: number): StreamSnapshot => ({
      streamId: 'plan-kh-1',
      version,
      position: version * 10,
      machine: 'plan',
      fingerprint: 'a'.repeat(64),
      state: { value: 'issued', context: { planId: 'kh-1', version } },
      taskIds: ['nv-1', `nv-${version}`],
    });
    await snapshots.save(snapshot(5));
    await snapshots.save(snapshot(3));
    expect(await snapshots.load('plan-kh-1')).toEqual(snapshot(5));
    await snapshots.save(snapshot(7));
    expect(await snapshots.load('plan-kh-1')).toEqual(snapshot(7));
    expect(await snapshots.load('plan-other')).toBeNull();
  });

  it('ignores a snapshot with another fingerprint, however wrong its state', async () => {
    const store = sqliteStore({ file: ':memory:' });
    const { engine, streamId } = await longTask(store, 3);
    const full = await loadStream(store, streamId);
    const snapshots = sqliteSnapshots(store);
    await snapshots.save({
      streamId,
      version: full.version,
      position: full.position,
      machine: 'task',
      fingerprint: 'f'.repeat(64),
      state: { value: 'completed', context: { ...full.state.context, title: 'WRONG', outcome: 'late' } },
    });
    const loaded = await loadStream(store, streamId, { snapshots, every: 1 });
    expect([loaded.fromSnapshot, loaded.eventsRead, loaded.state]).toEqual([false, full.version, full.state]);
    expect((await snapshots.load(streamId))?.fingerprint).toBe(machineFingerprint(taskMachine));
    const withSnapshots = createEngine({ store, snapshots: { store: snapshots, every: 1 } });
    expect(await withSnapshots.replay({ streamId })).toEqual(await engine.replay({ streamId }));
    await store.close();
  });

  it('makes engine.replay({ streamId }) equal the whole-log replay for random scenarios', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArbitrary({ maxSteps: 20, maxTasks: 3 }), fc.integer({ min: 1, max: 4 }), async (scenario, every) => {
        const store = sqliteStore({ file: ':memory:' });
        try {
          const run = await runScenario(scenario, { store });
          const plain = createEngine({ store, clock: run.clock });
          const snapshotting = createEngine({ store, clock: run.clock, snapshots: { store: sqliteSnapshots(store), every } });
          const streams = [...run.taskIds.map((id) => `task-${id}`), ...run.planIds.map((id) => `plan-${id}`)];
          for (let round = 0; round < 2; round++) {
            for (const streamId of streams) expect(await snapshotting.replay({ streamId })).toEqual(await plain.replay({ streamId }));
          }
        } finally {
          await store.close();
        }
      }),
      { numRuns: runs(25) },
    );
  });

  it('survive a reopen: the reopened file reads only the tail', async () => {
    const file = join(tempDir(), 'plans.db');
    let store = sqliteStore({ file });
    const { streamId, taskId } = await longTask(store, 150);
    const first = await loadStream(store, streamId, { snapshots: sqliteSnapshots(store) });
    expect([first.version, first.fromSnapshot, first.eventsRead]).toEqual([152, false, 152]);
    await store.close();

    store = sqliteStore({ file });
    const engine = createEngine({ store, clock: manualClock('2026-05-01T00:00:00Z') });
    await engine.reportTask({ actor: LEAD, taskId, text: 'Hoàn thành', final: true });
    const snapshots: SnapshotStore = sqliteSnapshots(store);
    expect((await snapshots.load(streamId))?.version).toBe(152);
    const later = await loadStream(store, streamId, { snapshots });
    expect([later.version, later.fromSnapshot, later.eventsRead]).toEqual([153, true, 1]);
    expect(later.state).toEqual((await loadStream(store, streamId)).state);
    expect(later.state.value).toBe('submitted');
    const withSnapshots = createEngine({ store, snapshots: { store: snapshots } });
    expect(await withSnapshots.replay({ streamId })).toEqual(await engine.replay({ streamId }));
    await store.close();
  });
});
