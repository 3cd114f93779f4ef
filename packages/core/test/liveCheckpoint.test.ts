/**
 * Cold start from a checkpoint (issue 19): the live state saved beside the log, restored, plus a
 * fold of the tail, is the state a full fold gives; a fresh engine starts from it and reads only the
 * tail; a checkpoint of other machines, format or log is ignored.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createEngine, manualClock, memoryStore, type EventStore, type StoredEvent } from '@planlog/core';
import { describeLiveCheckpoints, runScenario, scenarioArbitrary } from '@planlog/core/testing';
import { calendarSettings } from '../src/state/CalendarSettings.js';
import { dueAppends } from '../src/engine/dueAppends.js';
import { LiveState } from '../src/state/LiveState.js';
import { liveCheckpointFingerprint, liveStateFromJson, liveStateJson } from '../src/state/liveStateJson.js';
import { allEvents, issuedPlan, LEAD } from './fixtures.js';

const SEED = Number(process.env.PLANLOG_PROPERTY_SEED ?? 1919);
const NUM_RUNS = Math.max(60, Number(process.env.PLANLOG_PROPERTY_RUNS) || 0);

function fullFold(events: readonly StoredEvent[]): LiveState {
  const live = new LiveState();
  for (const event of events) live.fold(event);
  return live;
}

/** Fold `events[0, cut)`, save it as a checkpoint's JSON text, restore that and fold the rest. */
function checkpointThenTail(events: readonly StoredEvent[], cut: number): LiveState {
  const head = fullFold(events.slice(0, cut));
  const restored = liveStateFromJson(liveStateJson(head));
  for (const event of events.slice(cut)) restored.fold(event);
  return restored;
}

/** What a tick at `at` would append, stream by stream, without the random event ids. */
function dueAt(live: LiveState, at: string): string[] {
  const { appends } = dueAppends(live, calendarSettings({}), at, 'tick');
  return appends
    .map((append) => JSON.stringify([append.streamId, append.expectedVersion, append.events.map((event) => [event.type, event.data, event.commandId])]))
    .sort();
}

describe('live checkpoints', () => {
  it('checkpoint + tail ≡ full fold, on random scenarios and cuts (state and what ticks would append)', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArbitrary({ maxSteps: 40 }), fc.double({ min: 0, max: 1, noNaN: true }), async (scenario, where) => {
        const run = await runScenario(scenario);
        const events = await allEvents(run.store);
        const cut = Math.floor(where * events.length);
        const full = fullFold(events);
        const resumed = checkpointThenTail(events, cut);
        expect(liveStateJson(resumed)).toBe(liveStateJson(full));
        expect(resumed.position).toBe(full.position);
        const now = run.clock.now();
        for (const at of [now, new Date(now.getTime() + 400 * 86_400_000)].map((date) => date.toISOString())) {
          expect(dueAt(checkpointThenTail(events, cut), at)).toEqual(dueAt(fullFold(events), at));
        }
      }),
      { numRuns: NUM_RUNS, seed: SEED },
    );
  });

  it('a fresh engine starts from the saved checkpoint and reads only the tail of the log', async () => {
    const { store, engine, taskId, clock } = await issuedPlan();
    await engine.acknowledgeTask({ actor: LEAD, taskId });
    await engine.reportTask({ actor: LEAD, taskId, text: 'Đã rà soát 40%', progress: 40 });
    expect(await engine.checkpoint()).toBe(6);
    await engine.reportTask({ actor: LEAD, taskId, text: 'Đã rà soát 70%', progress: 70 });
    let readAll = 0;
    const counted: EventStore = {
      ...store,
      readAll(options) {
        const events = store.readAll(options);
        return (async function* () {
          for await (const event of events) {
            readAll++;
            yield event;
          }
        })();
      },
    };
    const fresh = createEngine({ store: counted, clock, checkpoints: false });
    expect(await fresh.getTask(taskId)).toEqual(await engine.getTask(taskId));
    expect(readAll).toBe(7);
    readAll = 0;
    const resumed = createEngine({ store: counted, clock });
    const expected = await engine.getTask(taskId);
    expect(await resumed.getTask(taskId)).toEqual(expected);
    // The event at the checkpoint (its hash checked) and the one after it.
    expect(readAll).toBe(2);
    const cold = createEngine({ store, clock, checkpoints: false });
    expect(await cold.getTask(taskId)).toEqual(expected);
  });

  it('ignores a checkpoint of other machines or format, or of another log, and folds from the start', async () => {
    const { store, engine, taskId, clock } = await issuedPlan();
    await engine.acknowledgeTask({ actor: LEAD, taskId });
    await engine.checkpoint();
    const saved = (await store.liveCheckpoints!.load())!;
    expect(saved.fingerprint).toBe(liveCheckpointFingerprint());
    // A checkpoint claiming the task is still `assigned`: used, it would show.
    const stale = saved.state.replace('"acknowledged"', '"assigned"');
    expect(stale).not.toBe(saved.state);
    for (const bad of [
      { ...saved, state: stale, fingerprint: 'other machines' },
      { ...saved, state: stale, hash: '0'.repeat(64) },
    ]) {
      await store.liveCheckpoints!.save(bad);
      const fresh = createEngine({ store, clock: manualClock(clock.now()) });
      expect((await fresh.getTask(taskId)).state).toBe('acknowledged');
    }
    // The same checkpoint with its own fingerprint and hash is used (so the two above were refused for them).
    await store.liveCheckpoints!.save({ ...saved, state: stale });
    expect((await createEngine({ store, clock }).getTask(taskId)).state).toBe('assigned');
  });

  it('writes a checkpoint in the background every N events', async () => {
    const store = memoryStore();
    const { engine, taskId } = await issuedPlan({ store });
    const every = createEngine({ store, clock: engine.clock, checkpoints: { every: 3 } });
    for (let i = 1; i <= 4; i++) await every.reportTask({ actor: LEAD, taskId, text: `Tiến độ ${i}`, progress: i * 10 });
    await every.getTask(taskId);
    const saved = await store.liveCheckpoints!.load();
    expect(saved?.position).toBeGreaterThanOrEqual(6);
    expect(() => createEngine({ store, checkpoints: { every: 0 } })).toThrow(/checkpoints.every/);
  });
});

describeLiveCheckpoints('memoryStore', { store: () => memoryStore(), reopen: (store) => store });
