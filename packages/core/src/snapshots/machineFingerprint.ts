import { createHash } from 'node:crypto';
import type { AnyStateMachine } from 'xstate';
import { canonicalJson } from '../store/canonicalJson.js';

// What the fingerprint reads of xstate's state nodes (internal but stable across v5, as in compileMachine).
type Transition = { target?: { id: string }[]; guard?: unknown; actions: unknown[]; reenter: boolean };
type Node = {
  id: string;
  key: string;
  type: string;
  history: unknown;
  meta?: unknown;
  tags: string[];
  entry: unknown[];
  exit: unknown[];
  output?: unknown;
  states: Record<string, Node>;
  initial?: { target: { id: string }[]; actions: unknown[] };
  transitions: Map<string, Transition[]>;
  always?: Transition[];
  invoke: { id: string; src: unknown; systemId?: string; input?: unknown }[];
};

/** Properties of xstate's own action and guard creators that hold library code, not the machine's. */
const LIBRARY_MEMBERS = new Set(['resolve', 'execute', 'check']);

/**
 * A JSON-able description of any value: functions become their source text (`String(fn)`) plus
 * their own enumerable properties; xstate's built-in action and guard creators (`assign`, `raise`,
 * `and`, …) are described by their kind and arguments only, since their source differs between
 * xstate's development and production builds. Cycles are cut.
 */
function describe(value: unknown, seen: Set<object> = new Set()): unknown {
  if (value === null || value === undefined || typeof value === 'boolean' || typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value === 'bigint' || typeof value === 'symbol') return String(value);
  if (value instanceof RegExp) return { regexp: String(value) };
  if (seen.has(value)) return '(cycle)';
  seen.add(value);
  try {
    if (Array.isArray(value)) return value.map((item) => describe(item, seen) ?? null);
    const members = Object.entries(value as Record<string, unknown>);
    if (typeof value === 'function') {
      const builtin = members.some(([key, member]) => LIBRARY_MEMBERS.has(key) && typeof member === 'function');
      const props = Object.fromEntries(members.filter(([key]) => !(builtin && LIBRARY_MEMBERS.has(key))).map(([key, member]) => [key, describe(member, seen)]));
      return builtin ? { builtin: (value as { type?: string }).type ?? value.name, ...props } : { source: String(value), ...props };
    }
    return Object.fromEntries(members.map(([key, member]) => [key, describe(member, seen)]));
  } finally {
    seen.delete(value);
  }
}

const describeTransition = (t: Transition) => ({
  target: t.target?.map((node) => node.id) ?? null,
  guard: describe(t.guard) ?? null,
  actions: t.actions.map((action) => describe(action)),
  reenter: t.reenter,
});

/** A state node as data: its kind, tags, entry/exit actions, transitions in the machine's order, children. */
function describeNode(node: Node): unknown {
  return {
    id: node.id,
    key: node.key,
    type: node.type,
    history: describe(node.history),
    tags: [...node.tags],
    meta: describe(node.meta) ?? null,
    initial: node.initial ? { target: node.initial.target.map((target) => target.id), actions: node.initial.actions.map((action) => describe(action)) } : null,
    entry: node.entry.map((action) => describe(action)),
    exit: node.exit.map((action) => describe(action)),
    on: Object.fromEntries([...node.transitions].map(([eventType, transitions]) => [eventType, transitions.map(describeTransition)])),
    always: (node.always ?? []).map(describeTransition),
    invoke: node.invoke.map((invoke) => ({ id: invoke.id, src: describe(invoke.src), systemId: invoke.systemId, input: describe(invoke.input) })),
    output: describe(node.output),
    states: Object.fromEntries(Object.entries(node.states).map(([key, child]) => [key, describeNode(child)])),
  };
}

/**
 * The canonical description a fingerprint hashes: the machine's definition (states, transitions
 * with their event types, targets, guard and action names, tags, initial state, context) and the
 * implementations it names (guards, actions with their assignment functions or property maps,
 * actors, delays), functions as their source text.
 */
export function describeMachine(machine: AnyStateMachine): unknown {
  const { guards, actions, actors, delays } = machine.implementations as unknown as Record<string, Record<string, unknown> | undefined>;
  const implementations = (map: Record<string, unknown> | undefined) => Object.fromEntries(Object.entries(map ?? {}).map(([name, impl]) => [name, describe(impl)]));
  return {
    id: machine.id,
    version: machine.version ?? null,
    context: describe((machine.config as { context?: unknown }).context) ?? null,
    root: describeNode(machine.root as unknown as Node),
    guards: implementations(guards),
    actions: implementations(actions),
    actors: implementations(actors),
    delays: implementations(delays),
  };
}

/**
 * SHA-256 (hex) of the machine's canonical description (see `describeMachine`): equal for the same
 * machine in every run of the same build, different as soon as a state, a transition, a tag, the
 * initial context or the body of a guard or action changes. Snapshots carry it, so a snapshot folded
 * by another machine is never used.
 *
 * Code that a guard or action calls but does not contain (an imported helper) is seen when the
 * machine names it in its root `meta.helpers` (planlog's machines do; a test checks they name all of
 * it). What it cannot see: code named nowhere, and the text of the build (a transpiled or minified build gives other source text, so other
 * fingerprints: snapshots written by one build are ignored by another, never misused).
 */
export function machineFingerprint(machine: AnyStateMachine): string {
  return createHash('sha256').update(canonicalJson(describeMachine(machine))).digest('hex');
}
