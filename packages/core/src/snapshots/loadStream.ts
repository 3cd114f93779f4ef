import { PlanlogError } from '../errors.js';
import type { CompiledState } from '../machines/compileMachine.js';
import { planMachine, type PlanContext } from '../machines/planMachine.js';
import { taskMachine, type TaskContext } from '../machines/taskMachine.js';
import { upcastEvent } from '../schemas/upcast.js';
import type { EventStore } from '../store/EventStore.js';
import { compiledPlan, compiledTask } from './compiledMachines.js';
import { machineFingerprint } from './machineFingerprint.js';
import type { SnapshotStore, StreamSnapshot } from './SnapshotStore.js';

export type LoadStreamOptions = {
  /** Where snapshots are read and written; without it the whole stream is folded and nothing is saved. */
  snapshots?: SnapshotStore;
  /** Save a new snapshot once the stream is this many events past the one used (default 100). */
  every?: number;
};

export type LoadedStream = (
  | { machine: 'task'; state: CompiledState<TaskContext> }
  | { machine: 'plan'; state: CompiledState<PlanContext> }
) & {
  /** The stream's version: that of its last event (0 when it has none). */
  version: number;
  /** The global position of the stream's last event (0 when it has none). */
  position: number;
  /** Whether the fold started from a snapshot (one with the current machine's fingerprint). */
  fromSnapshot: boolean;
  /** How many events were read from the log: all of them, or only those after the snapshot. */
  eventsRead: number;
};

export const DEFAULT_SNAPSHOT_EVERY = 100;

const MACHINES = {
  task: { machine: taskMachine, compiled: compiledTask },
  plan: { machine: planMachine, compiled: compiledPlan },
} as const;

const fingerprints = new Map<'task' | 'plan', string>();
/** The current machine's fingerprint, computed once per process. */
function fingerprintOf(kind: 'task' | 'plan'): string {
  let fingerprint = fingerprints.get(kind);
  if (fingerprint === undefined) fingerprints.set(kind, (fingerprint = machineFingerprint(MACHINES[kind].machine)));
  return fingerprint;
}

function kindOfStream(streamId: string): 'task' | 'plan' {
  if (typeof streamId === 'string' && streamId.startsWith('task-')) return 'task';
  if (typeof streamId === 'string' && streamId.startsWith('plan-')) return 'plan';
  throw new PlanlogError('VALIDATION', `streamId: not a task or plan stream (task-… / plan-…): ${String(streamId)}`, { field: 'streamId' });
}

/** A snapshot this code may start from: this stream, this machine, folded by this very machine definition. */
function usable(snapshot: StreamSnapshot | null, streamId: string, kind: 'task' | 'plan'): snapshot is StreamSnapshot {
  return (
    snapshot !== null &&
    snapshot.streamId === streamId &&
    snapshot.machine === kind &&
    snapshot.fingerprint === fingerprintOf(kind) &&
    Number.isInteger(snapshot.version) &&
    snapshot.version >= 1 &&
    MACHINES[kind].compiled.states.includes(snapshot.state?.value)
  );
}

/**
 * One task or plan stream's state, folded through the step compiled from its machine. With
 * `snapshots`, the stream's snapshot is used when its fingerprint is the current machine's
 * (`machineFingerprint`): only the events after it are read (`readStream` from `version + 1`). A
 * snapshot of another machine definition, or one the log contradicts (the stream is shorter than
 * the snapshot, or its next event is not after the snapshot's position), is ignored and the whole
 * stream folded. When the stream has moved `every` events or more past the snapshot used (or past
 * version 0), a new snapshot is saved; a failing save rejects the load.
 *
 * Plan streams: only the plan's own state (value and context) is loaded. Its task list comes from
 * the task streams (`task.added`), not from its own stream, so it is neither loaded nor saved here;
 * use the engine (`getPlan`, `replay`) for a plan with its tasks.
 */
export async function loadStream(store: EventStore, streamId: string, options: LoadStreamOptions = {}): Promise<LoadedStream> {
  const kind = kindOfStream(streamId);
  const every = options.every ?? DEFAULT_SNAPSHOT_EVERY;
  if (!Number.isInteger(every) || every < 1) throw new PlanlogError('VALIDATION', 'every: must be a whole number ≥ 1', { field: 'every' });
  const { compiled } = MACHINES[kind];
  const fingerprint = fingerprintOf(kind);

  const stored = options.snapshots ? await options.snapshots.load(streamId) : null;
  let base = usable(stored, streamId, kind) ? stored : null;
  let events = await store.readStream(streamId, { fromVersion: base ? base.version + 1 : 1 });
  let eventsRead = events.length;
  if (base !== null) {
    const consistent = events.length > 0 ? events[0]!.position > base.position : (await store.streamVersion(streamId)) === base.version;
    if (!consistent) {
      base = null;
      events = await store.readStream(streamId);
      eventsRead += events.length;
    }
  }

  let state = (base?.state ?? compiled.initial) as CompiledState<Record<string, unknown>>;
  const step = compiled.step as (state: CompiledState<Record<string, unknown>>, event: unknown) => CompiledState<Record<string, unknown>> | null;
  for (const storedEvent of events) {
    const next = step(state, upcastEvent(storedEvent));
    if (next === null) {
      throw new Error(`the log holds an event its machine refuses: ${storedEvent.type} at position ${storedEvent.position} (stream ${streamId}, state ${state.value})`);
    }
    state = next;
  }
  const last = events.at(-1);
  const version = last?.version ?? base?.version ?? 0;
  const position = last?.position ?? base?.position ?? 0;

  if (options.snapshots && version - (base?.version ?? 0) >= every) {
    await options.snapshots.save({ streamId, version, position, machine: kind, fingerprint, state: { value: state.value, context: state.context } });
  }
  return { machine: kind, state, version, position, fromSnapshot: base !== null, eventsRead } as LoadedStream;
}
