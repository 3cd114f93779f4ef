import { describe, expect, it } from 'vitest';
import { manualClock } from '../base/clock.js';
import { createEngine } from '../engine/createEngine.js';
import type { EventStore } from '../store/EventStore.js';
import { issueSamplePlan, SAMPLE_LEAD } from './samplePlan.js';

export type LiveCheckpointsFixture = {
  /** An empty store with `liveCheckpoints`, once per test. */
  store(): Promise<EventStore> | EventStore;
  /** The same database opened again, as a restarted process would (memory: the same store). */
  reopen(store: EventStore): Promise<EventStore> | EventStore;
};

/** A store that counts the events its `readAll` yields. */
function countingReads(store: EventStore): { store: EventStore; read: () => number } {
  let read = 0;
  return {
    store: {
      ...store,
      readAll(options) {
        const events = store.readAll(options);
        return (async function* () {
          for await (const event of events) {
            read++;
            yield event;
          }
        })();
      },
    },
    read: () => read,
  };
}

/**
 * The engine's live-state checkpoint on a store: saved beside the log, found again by a restarted
 * process, which then folds only the tail; a checkpoint never moves back along the log.
 */
export function describeLiveCheckpoints(name: string, fixture: LiveCheckpointsFixture): void {
  describe(`live checkpoints: ${name}`, () => {
    it('a restarted engine starts from the checkpoint and reads only the tail of the log', async () => {
      const store = await fixture.store();
      const { engine, taskId } = await issueSamplePlan(store);
      await engine.acknowledgeTask({ actor: SAMPLE_LEAD, taskId });
      await engine.reportTask({ actor: SAMPLE_LEAD, taskId, text: 'Đã rà soát 40%', progress: 40 });
      expect(await engine.checkpoint()).toBe(6);
      await engine.reportTask({ actor: SAMPLE_LEAD, taskId, text: 'Đã rà soát 70%', progress: 70 });
      const expected = await engine.getTask(taskId);
      const reopened = await fixture.reopen(store);
      const counted = countingReads(reopened);
      const restarted = createEngine({ store: counted.store, clock: manualClock('2026-05-01T00:00:00Z') });
      expect(await restarted.getTask(taskId)).toEqual(expected);
      // The event at the checkpoint (its hash checked) and the one event after it.
      expect(counted.read()).toBe(2);
      expect((await restarted.getTask(taskId)).reports.map((report) => report.text)).toEqual(['Đã rà soát 40%', 'Đã rà soát 70%']);
      if (reopened !== store) await reopened.close();
      await store.close();
    });

    it('keeps the checkpoint furthest along the log', async () => {
      const store = await fixture.store();
      const checkpoints = store.liveCheckpoints!;
      expect(await checkpoints.load()).toBeNull();
      const at = (position: number) => ({ position, hash: `h${position}`, fingerprint: 'f', state: `{"position":${position}}` });
      await checkpoints.save(at(7));
      await checkpoints.save(at(5));
      expect(await checkpoints.load()).toEqual(at(7));
      await checkpoints.save(at(9));
      const reopened = await fixture.reopen(store);
      expect(await reopened.liveCheckpoints!.load()).toEqual(at(9));
      if (reopened !== store) await reopened.close();
      await store.close();
    });
  });
}
