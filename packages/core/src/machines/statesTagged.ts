import type { AnyStateMachine } from 'xstate';

/**
 * The names of a machine's top-level states that carry `tag`, read from the machine's own config:
 * the one place a state question (may this task fall overdue? does its lead owe reports?) is
 * answered, for code that has a state name rather than a snapshot (read-model rows, views).
 */
export function statesTagged(machine: AnyStateMachine, tag: string): ReadonlySet<string> {
  return new Set(
    Object.entries(machine.states)
      .filter(([, node]) => node.tags.includes(tag))
      .map(([name]) => name),
  );
}
