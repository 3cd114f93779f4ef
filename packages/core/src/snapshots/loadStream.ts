import { PlanlogError } from '../base/errors.js';
import type { CompiledState } from '../machines/compileMachine.js';
import { evolveCompiled } from '../machines/evolve.js';
import type { PlanContext } from '../machines/planMachine.js';
import { DEFAULT_RULES_VERSION } from '../machines/rulesVersions.js';
import type { TaskContext } from '../machines/taskMachine.js';
import type { StoredEvent } from '../schemas/events.js';
import { upcastEvent } from '../schemas/upcast.js';
import type { EventStore } from '../store/EventStore.js';
import { compiledPlan, compiledTask } from '../machines/compiledMachines.js';
import type { SnapshotStore, StreamSnapshot } from './SnapshotStore.js';
import { snapshotFingerprint } from './snapshotFingerprint.js';

export type LoadStreamOptions = {
  /** Where snapshots are read and written; without it the whole stream is folded and nothing is saved. */
  snapshots?: SnapshotStore;
  /** Save a new snapshot once the stream is this many events past the one used (default 100). */
  every?: number;
};

export type LoadedStream = (
  | { machine: 'task'; machineState: CompiledState<TaskContext> }
  | { machine: 'plan'; machineState: CompiledState<PlanContext> }
) & {
  /** The stream's version: that of its last event (0 when it has none). */
  version: number;
  /** The global position of the stream's last event (0 when it has none). */
  position: number;
  /** The rules version in force for the stream at its last event (a task's: its plan's). */
  rules: number;
  /** Whether the fold started from a snapshot (one taken under the rules version still in force, by today's machines). */
  fromSnapshot: boolean;
  /** How many events were read from the log: all of them, or only those after the snapshot. */
  eventsRead: number;
};

export const DEFAULT_SNAPSHOT_EVERY = 100;

const MACHINES = {
  task: { compiled: compiledTask },
  plan: { compiled: compiledPlan },
} as const;

/** When a plan's rules version changed: its draft's version and each upgrade, at their positions. */
type RulesChange = { position: number; rules: number };

function rulesChangesOf(planEvents: readonly StoredEvent[]): RulesChange[] {
  const changes: RulesChange[] = [];
  for (const event of planEvents) {
    if (event.type === 'plan.drafted') changes.push({ position: event.position, rules: event.data.rules ?? DEFAULT_RULES_VERSION });
    if (event.type === 'plan.rules_upgraded') changes.push({ position: event.position, rules: event.data.to });
  }
  return changes;
}

/** The version in force just before `position` (for an event at `position`). */
function rulesBefore(changes: readonly RulesChange[], position: number): number {
  return changes.findLast((change) => change.position < position)?.rules ?? DEFAULT_RULES_VERSION;
}

function kindOfStream(streamId: string): 'task' | 'plan' {
  if (typeof streamId === 'string' && streamId.startsWith('task-')) return 'task';
  if (typeof streamId === 'string' && streamId.startsWith('plan-')) return 'plan';
  throw new PlanlogError('VALIDATION', `streamId: not a task or plan stream (task-… / plan-…): ${String(streamId)}`, { field: 'streamId' });
}

/** A snapshot this code may start from: this stream, this machine, folded by these very machine definitions. */
function usable(snapshot: StreamSnapshot | null, streamId: string, kind: 'task' | 'plan'): snapshot is StreamSnapshot {
  return (
    snapshot !== null &&
    snapshot.streamId === streamId &&
    snapshot.machine === kind &&
    Number.isInteger(snapshot.version) &&
    snapshot.version >= 1 &&
    MACHINES[kind].compiled.states.includes(snapshot.machineState?.value)
  );
}

/**
 * One task or plan stream's state, folded through the steps compiled from its machines, each event
 * by the rules version in force for it (a task's: its plan's, read from the plan's stream; see
 * machines/evolve.ts). With `snapshots`, the stream's snapshot is used when its fingerprint is
 * `snapshotFingerprint` of the version in force at the snapshot and that version is still in force
 * (no upgrade since): only the events after it are read (`readStream` from `version + 1`). A
 * snapshot of another machine definition or another rules version, or one the log contradicts (the
 * stream is shorter than the snapshot, or its next event is not after the snapshot's position), is
 * ignored, the whole stream folded and a new snapshot saved. When the stream has moved `every`
 * events or more past the snapshot used (or past version 0), a new snapshot is saved; a failing save
 * rejects the load.
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

  const stored = options.snapshots ? await options.snapshots.load(streamId) : null;
  let base = usable(stored, streamId, kind) ? stored : null;
  let events = (await store.readStream(streamId, { fromVersion: base ? base.version + 1 : 1 })).map((event) => upcastEvent(event));
  let eventsRead = events.length;
  const refold = async () => {
    base = null;
    events = (await store.readStream(streamId)).map((event) => upcastEvent(event));
    eventsRead += events.length;
  };
  if (base !== null) {
    const consistent = events.length > 0 ? events[0]!.position > base.position : (await store.streamVersion(streamId)) === base.version;
    if (!consistent) await refold();
  }

  // When the rules changed: a plan's own stream says; a task's is its plan's (the plan named by the
  // snapshot, or by the task's first event).
  let changes: RulesChange[];
  if (kind === 'plan') changes = base === null ? rulesChangesOf(events) : [{ position: base.position, rules: (base.machineState.context as PlanContext).rules ?? DEFAULT_RULES_VERSION }, ...rulesChangesOf(events)];
  else {
    // A snapshot that names no plan cannot say which rules folded it: fold the stream from its start.
    if (base !== null && typeof (base.machineState.context as TaskContext | undefined)?.planId !== 'string') await refold();
    const first = events[0];
    const planId = base !== null ? (base.machineState.context as TaskContext).planId : first?.type === 'task.added' ? first.data.planId : undefined;
    changes = planId === undefined ? [] : rulesChangesOf((await store.readStream(`plan-${planId}`)).map((event) => upcastEvent(event)));
  }
  // A snapshot is tagged with the version in force for the stream when it was saved: one saved
  // under another version (the plan was upgraded since) or by other machines is rebuilt.
  if (base !== null) {
    const current = changes.at(-1)?.rules ?? DEFAULT_RULES_VERSION;
    const upgradedSince = changes.some((change) => change.position > base!.position);
    if (base.fingerprint !== snapshotFingerprint(kind, current) || (kind === 'plan' && upgradedSince)) {
      await refold();
      if (kind === 'plan') changes = rulesChangesOf(events);
    }
  }

  let machineState = (base?.machineState ?? compiled.initial) as CompiledState<Record<string, unknown>>;
  for (const event of events) {
    const inForce =
      kind === 'plan'
        ? event.type === 'plan.drafted'
          ? (event.data.rules ?? DEFAULT_RULES_VERSION)
          : ((machineState.context as PlanContext).rules ?? DEFAULT_RULES_VERSION)
        : rulesBefore(changes, event.position);
    const next = evolveCompiled(kind, inForce, machineState, event);
    if (next === null) {
      throw new Error(`the log holds an event no version of its machine accepts: ${event.type} at position ${event.position} (stream ${streamId}, state ${machineState.value})`);
    }
    machineState = next.machineState;
  }
  const last = events.at(-1);
  const version = last?.version ?? base?.version ?? 0;
  const position = last?.position ?? base?.position ?? 0;
  const rules = kind === 'plan' ? ((machineState.context as PlanContext).rules ?? DEFAULT_RULES_VERSION) : (changes.at(-1)?.rules ?? DEFAULT_RULES_VERSION);

  const rebuilt = stored !== null && base === null && version > 0;
  if (options.snapshots && (version - (base?.version ?? 0) >= every || rebuilt)) {
    const fingerprint = snapshotFingerprint(kind, rules);
    await options.snapshots.save({ streamId, version, position, machine: kind, fingerprint, machineState: { value: machineState.value, context: machineState.context } });
  }
  return { machine: kind, machineState, version, position, rules, fromSnapshot: base !== null, eventsRead } as LoadedStream;
}
