import { taskEntry } from '../state/LiveState.js';
import type { ReplayResult } from './replayLog.js';
import { toTaskView } from '../state/views.js';
import type { TaskContext } from '../machines/taskMachine.js';
import type { CompiledState } from '../machines/compileMachine.js';
import type { EventStore } from '../store/EventStore.js';
import { loadStream } from '../snapshots/loadStream.js';
import type { SnapshotStore } from '../snapshots/SnapshotStore.js';

/**
 * `engine.replay({ streamId: 'task-…' })` (no `asOf`) answered from the task's snapshot and the tail
 * of its stream, with the view the whole-log replay gives. `position` is the head read before the
 * stream (or the stream's last event, if later), so the task's state is exactly its state at
 * `position`, as in the whole-log replay.
 */
export async function replayTaskStream(store: EventStore, streamId: string, snapshots: { store: SnapshotStore; every?: number }): Promise<ReplayResult> {
  const head = await store.headPosition();
  const loaded = await loadStream(store, streamId, { snapshots: snapshots.store, ...(snapshots.every === undefined ? {} : { every: snapshots.every }) });
  const tasks = loaded.version === 0 ? [] : [toTaskView(taskEntry(loaded.machineState as CompiledState<TaskContext>, loaded.version, loaded.rules))];
  return { position: Math.max(head, loaded.position), plans: [], tasks };
}
