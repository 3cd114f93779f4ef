import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEngine, loadStream, manualClock, type SnapshotStore } from '@planlog/core';
import { describeSnapshotStore, issueSamplePlan, SAMPLE_LEAD } from '@planlog/core/testing';
import { sqliteSnapshots, sqliteStore } from '@planlog/sqlite';
import { tempDirs } from './tempDir.js';

const tempDir = tempDirs();

describeSnapshotStore('sqliteSnapshots', () => {
  const store = sqliteStore({ file: ':memory:' });
  return { store, snapshots: sqliteSnapshots(store), close: () => store.close() };
});

describe('sqliteSnapshots', () => {
  it('survive a reopen: the reopened file reads only the tail', async () => {
    const file = join(tempDir(), 'plans.db');
    let store = sqliteStore({ file });
    const { engine: writer, streamId, taskId } = await issueSamplePlan(store);
    for (let i = 0; i < 150; i++) await writer.reportTask({ actor: SAMPLE_LEAD, taskId, text: `Tiến độ ${i + 1}`, progress: i % 100 });
    const first = await loadStream(store, streamId, { snapshots: sqliteSnapshots(store) });
    expect([first.version, first.fromSnapshot, first.eventsRead]).toEqual([152, false, 152]);
    await store.close();

    store = sqliteStore({ file });
    const engine = createEngine({ store, clock: manualClock('2026-05-01T00:00:00Z') });
    await engine.reportTask({ actor: SAMPLE_LEAD, taskId, text: 'Hoàn thành', final: true });
    const snapshots: SnapshotStore = sqliteSnapshots(store);
    expect((await snapshots.load(streamId))?.version).toBe(152);
    const later = await loadStream(store, streamId, { snapshots });
    expect([later.version, later.fromSnapshot, later.eventsRead]).toEqual([153, true, 1]);
    expect(later.machineState).toEqual((await loadStream(store, streamId)).machineState);
    expect(later.machineState.value).toBe('submitted');
    const withSnapshots = createEngine({ store, snapshots: { store: snapshots } });
    expect(await withSnapshots.replay({ streamId })).toEqual(await engine.replay({ streamId }));
    await store.close();
  });
});
