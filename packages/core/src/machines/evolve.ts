import type { SnapshotFrom } from 'xstate';
import type { CompiledState } from './compileMachine.js';
import { decide } from './decide.js';
import type { MachineEvent } from './machineEvent.js';
import type { planMachine } from './planMachine.js';
import { compiledRulesVersions, rulesVersion, rulesVersions, type CompiledRules } from './rulesVersions.js';
import type { taskMachine } from './taskMachine.js';

export type MachineKind = 'task' | 'plan';

/**
 * The order in which versions are asked to fold a recorded event: the version in force first, then
 * every other carried version, newest first.
 */
function askingOrder(inForce: number, carried: Iterable<number>): number[] {
  return [inForce, ...[...carried].filter((version) => version !== inForce).sort((a, b) => b - a)];
}

/**
 * Folding asks a different question from deciding. Deciding a new command asks only the version in
 * force for the plan (`decide`, refusals are `ILLEGAL_TRANSITION`). Folding a recorded event asks
 * that version first and, when it refuses, every other carried version, newest first: a fact is a
 * fact. A command decided under version 1 that committed just after another engine upgraded the plan
 * (the task's stream does not see the plan's) is folded as version 1 decided it, and a log written
 * under any released version loads under every later planlog. Both answers come from the machines.
 *
 * Returns the next state and the version that folded it, or `null` when no carried version accepts
 * the event: a log no released rules could have written (hand-made or damaged), refused as before.
 * `versions` (default: every version this planlog carries) lets a test fold with a set of rules
 * that is not released, as a maintainer's next version would be.
 */
export function evolveCompiled<K extends MachineKind, C>(
  kind: K,
  inForce: number,
  machineState: CompiledState<C>,
  event: MachineEvent,
  versions: ReadonlyMap<number, CompiledRules> = compiledRulesVersions,
): { machineState: CompiledState<C>; by: number } | null {
  type Step = { step(machineState: CompiledState<C>, event: MachineEvent): CompiledState<C> | null };
  // The common case, on every event of every replay: the version in force accepts it.
  const own = versions.get(inForce);
  const first = own === undefined ? null : (own[kind] as unknown as Step).step(machineState, event);
  if (first !== null) return { machineState: first, by: inForce };
  for (const version of askingOrder(inForce, versions.keys()).slice(1)) {
    const next = (versions.get(version)![kind] as unknown as Step).step(machineState, event);
    if (next !== null) return { machineState: next, by: version };
  }
  return null;
}

type SnapshotOf<K extends MachineKind> = SnapshotFrom<K extends 'task' ? typeof taskMachine : typeof planMachine>;

/**
 * `evolveCompiled` asked of XState itself (`transition()` on each version's machine, the snapshot
 * resolved by that machine): the reference the compiled fold is proven equal to.
 */
export function evolve<K extends MachineKind>(kind: K, inForce: number, snapshot: SnapshotOf<K>, event: MachineEvent): { snapshot: SnapshotOf<K>; by: number } | null {
  for (const version of askingOrder(inForce, rulesVersions.map((rules) => rules.version))) {
    const machine = rulesVersion(version)[kind];
    const { value, context } = snapshot as unknown as { value: string; context: unknown };
    const own = machine.resolveState({ value: value as never, context: context as never });
    const next = decide(machine, own as never, event);
    if (next !== null) return { snapshot: next as SnapshotOf<K>, by: version };
  }
  return null;
}
