import { initialTransition, transition, type AnyStateMachine, type SnapshotFrom } from 'xstate';
import type { MachineEvent } from './machineEvent.js';

const initialSnapshots = new WeakMap<AnyStateMachine, unknown>();

/** The machine's snapshot before any event (state `new`). */
export function initialSnapshotOf<M extends AnyStateMachine>(machine: M): SnapshotFrom<M> {
  let snapshot = initialSnapshots.get(machine);
  if (snapshot === undefined) {
    snapshot = (initialTransition as unknown as (logic: AnyStateMachine) => [unknown])(machine)[0];
    initialSnapshots.set(machine, snapshot);
  }
  return snapshot as SnapshotFrom<M>;
}

/**
 * Ask the machine about one event: the next snapshot when the machine accepts it, `null` when it
 * refuses (no enabled transition). Pure: no actions are executed.
 */
export function decide<M extends AnyStateMachine>(machine: M, snapshot: SnapshotFrom<M>, event: MachineEvent): SnapshotFrom<M> | null {
  if (!(snapshot as { can(event: MachineEvent): boolean }).can(event)) return null;
  return transition(machine, snapshot, event as never)[0] as SnapshotFrom<M>;
}

/** Fold events through the machine from `from` (default: the initial snapshot); a refused event is an error. */
export function fold<M extends AnyStateMachine>(
  machine: M,
  events: Iterable<MachineEvent>,
  from: SnapshotFrom<M> = initialSnapshotOf(machine),
): SnapshotFrom<M> {
  let snapshot = from;
  for (const event of events) {
    const next = decide(machine, snapshot, event);
    if (next === null) {
      throw new Error(`${machine.id} machine refuses a logged ${event.type} in state ${JSON.stringify((snapshot as { value: unknown }).value)}`);
    }
    snapshot = next;
  }
  return snapshot;
}
