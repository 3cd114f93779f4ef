import { initialTransition, type AnyStateMachine, type ContextFrom, type EventFromLogic, type TagsFrom } from 'xstate';
import { xstateInternalsChanged, type XStateNode } from './xstateInternals.js';

/** A machine state as the compiled step sees it: a top-level state name and the context. */
export type CompiledState<TContext> = { readonly value: string; readonly context: TContext };

/** The compiled state equal to an XState snapshot of a flat machine (its top-level state name and context). */
export function compiledStateOf<TContext>(snapshot: { readonly value: unknown; readonly context: TContext }): CompiledState<TContext> {
  return { value: String(snapshot.value), context: snapshot.context };
}

/**
 * A fast, pure step function derived from an XState machine (never written by hand): for every
 * state and event it runs the machine's own guards and `assign` implementations, in the order
 * `xstate` would. `step` returns `null` exactly when `snapshot.can(event)` is false.
 */
export type CompiledMachine<TContext, TEvent extends { type: string }, TTag extends string = string> = {
  readonly id: string;
  /** The machine's initial state (taken from `xstate`'s own `initialTransition`). */
  readonly initial: CompiledState<TContext>;
  /** The top-level state names, in document order. */
  readonly states: readonly string[];
  step(machineState: CompiledState<TContext>, event: TEvent): CompiledState<TContext> | null;
  /** Whether `step` would accept the event (`snapshot.can(event)`): the same guards, no assign run, nothing built. */
  can(machineState: CompiledState<TContext>, event: TEvent): boolean;
  /**
   * Whether the state carries the tag (`snapshot.hasTag(tag)`), read from the machine's config: every
   * state question (may it fall overdue, does it owe reports, is the plan running) is a tag, asked
   * here without building an XState snapshot.
   */
  hasTag(machineState: Pick<CompiledState<TContext>, 'value'>, tag: TTag): boolean;
  /** The top-level states that carry the tag, in document order. */
  tagged(tag: TTag): ReadonlySet<string>;
  /** The top-level final states (`type: 'final'`): nothing happens to the machine after them. */
  readonly final: ReadonlySet<string>;
};

export type CompiledMachineOf<M extends AnyStateMachine> = CompiledMachine<ContextFrom<M>, EventFromLogic<M>, TagsFrom<M> & string>;

/** Raised at start-up when a machine uses a feature the compiler does not handle. */
export class MachineCompileError extends Error {
  constructor(
    readonly machineId: string,
    readonly feature: string,
    readonly stateId: string,
    detail = '',
  ) {
    super(
      `compileMachine(${machineId}): state '${stateId}' uses ${feature}${detail ? ` (${detail})` : ''}, which the compiler cannot compile; ` +
        `fold this machine with xstate's transition() instead`,
    );
    this.name = 'MachineCompileError';
  }
}

type Ctx = Record<string, unknown>;
type Guard = (args: { context: Ctx; event: unknown }, params: undefined) => boolean;
type Assignment = (args: AssignArgs, params: undefined) => Ctx | undefined;
type AssignArgs = { context: Ctx; event: unknown; spawn: () => never; self: undefined; system: undefined };
/** One candidate transition for a state and event type, in the machine's order. */
type Candidate = {
  readonly guard: Guard | null;
  readonly target: string;
  /** No target and no actions: `xstate` selects it, yet `can()` is false. */
  readonly forbidden: boolean;
  /** exit(source) + transition actions + entry(target), as assignment functions. */
  readonly assigns: readonly Assignment[];
};

const noSpawn = (): never => {
  throw new Error('compileMachine: an assign action may not spawn actors in a compiled step');
};

type Node = XStateNode;

/**
 * Compile a flat XState v5 machine (top-level atomic and final states, event transitions with
 * named or inline guards and `assign` actions) into a table keyed by state and event type. Throws
 * `MachineCompileError` naming the feature and the state for anything else.
 */
export function compileMachine<M extends AnyStateMachine>(machine: M): CompiledMachineOf<M> {
  // The compiler reads xstate's internals (xstateInternals.ts): refuse loudly if the installed xstate changed them.
  const changed = xstateInternalsChanged(machine);
  if (changed.length > 0) {
    throw new Error(
      `compileMachine(${machine.id}): the installed xstate's internals are not those @planlog/core was built against (see its xstate range):\n  ${changed.join('\n  ')}`,
    );
  }
  const root = machine.root as unknown as Node;
  const { guards, actions } = machine.implementations as { guards: Record<string, unknown>; actions: Record<string, unknown> };
  const refuse = (feature: string, node: Node, detail?: string): never => {
    throw new MachineCompileError(machine.id, feature, node.id, detail);
  };

  function compileGuard(guard: unknown, node: Node, eventType: string): Guard {
    let resolved = guard;
    if (typeof guard === 'string') resolved = guards[guard];
    else if (typeof guard === 'object' && guard !== null) {
      if ('params' in guard) refuse('a guard with params', node, `on '${eventType}'`);
      resolved = guards[(guard as { type: string }).type];
    }
    if (resolved === undefined) refuse('a guard with no implementation', node, `'${String((guard as { type?: string }).type ?? guard)}' on '${eventType}'`);
    if (typeof resolved !== 'function') refuse('a guard that refers to another guard', node, `on '${eventType}'`);
    if ('check' in (resolved as object)) refuse('a higher-order guard (and/or/not/stateIn)', node, `on '${eventType}'`);
    return resolved as Guard;
  }

  function compileAction(action: unknown, node: Node, where: string): Assignment {
    let resolved = action;
    let name = typeof action === 'function' ? action.name || '(inline)' : String(action);
    if (typeof action === 'string') resolved = actions[action];
    else if (typeof action === 'object' && action !== null) {
      name = (action as { type: string }).type;
      if ('params' in action) refuse('an action with params', node, `'${name}' ${where}`);
      resolved = actions[name];
    }
    if (typeof resolved !== 'function') return refuse('an action with no implementation', node, `'${name}' ${where}`);
    const kind = (resolved as { type?: unknown }).type;
    if (kind !== 'xstate.assign') {
      const feature = 'resolve' in resolved ? `a '${String(kind)}' action (only assign is compiled)` : 'a custom (side-effect) action (only assign is compiled)';
      return refuse(feature, node, `'${name}' ${where}`);
    }
    const assignment = (resolved as unknown as { assignment: unknown }).assignment;
    if (typeof assignment === 'function') return assignment as Assignment;
    // A property map: each function sees the same context, as in xstate's resolveAssign.
    const entries = Object.entries(assignment as Record<string, unknown>);
    return (args, params) => {
      const partial: Ctx = {};
      for (const [key, value] of entries) partial[key] = typeof value === 'function' ? value(args, params) : value;
      return partial;
    };
  }

  const compileActions = (list: unknown[], node: Node, where: string) => list.map((action) => compileAction(action, node, where));

  // The root: states only, no behaviour of its own beyond the initial state (and its entry assigns).
  if (root.type !== 'compound') refuse(root.type === 'parallel' ? 'parallel states' : 'no child states', root);
  if (root.transitions.size > 0) refuse('transitions on the root node (on/onDone/route)', root, [...root.transitions.keys()].join(', '));
  if (root.always?.length) refuse('eventless (always) transitions', root);
  if (root.config.after) refuse('delayed (after) transitions', root);
  if (root.invoke.length) refuse('invoked actors', root);
  if (root.exit.length) refuse('exit actions on the root node', root);
  compileActions(root.entry, root, 'in entry');
  compileActions(root.initial?.actions ?? [], root, 'in the initial transition');

  const stateNames = Object.keys(root.states);
  const table = new Map<string, Map<string, Candidate[]>>();
  for (const name of stateNames) {
    const node = root.states[name]!;
    if (node.type === 'compound') refuse('nested states', node);
    if (node.type === 'parallel') refuse('parallel states', node);
    if (node.type === 'history') refuse('a history state', node);
    if (node.always?.length) refuse('eventless (always) transitions', node);
    if (node.config.after) refuse('delayed (after) transitions', node);
    if (node.config.route) refuse('a route', node);
    if (node.invoke.length) refuse('invoked actors', node);
    if (node.type === 'final' && node.exit.length) refuse('exit actions on a final state', node);
    if (node.type === 'final' && node.transitions.size) refuse('transitions out of a final state', node);
  }
  const entryOf = new Map(stateNames.map((name) => [name, compileActions(root.states[name]!.entry, root.states[name]!, 'in entry')]));
  const exitOf = new Map(stateNames.map((name) => [name, compileActions(root.states[name]!.exit, root.states[name]!, 'in exit')]));

  for (const name of stateNames) {
    const node = root.states[name]!;
    const byEvent = new Map<string, Candidate[]>();
    for (const [eventType, transitions] of node.transitions) {
      if (eventType.includes('*')) refuse('a wildcard event descriptor', node, `'${eventType}'`);
      if (eventType.startsWith('xstate.')) refuse(`a transition on xstate's own event`, node, `'${eventType}'`);
      byEvent.set(
        eventType,
        transitions.map((t): Candidate => {
          if (t.target !== undefined && t.target.length !== 1) refuse('a transition with several targets', node, `on '${eventType}'`);
          const target = t.target?.[0];
          if (target !== undefined && target.parent !== root) refuse('a transition into a nested state', node, `on '${eventType}' to '${target.id}'`);
          const own = compileActions(t.actions, node, `on '${eventType}'`);
          // xstate: exit and re-enter the source when the target differs or reenter is set (flat machine).
          const moves = target !== undefined && (target !== node || t.reenter);
          return {
            guard: t.guard === undefined ? null : compileGuard(t.guard, node, eventType),
            target: target?.key ?? name,
            forbidden: target === undefined && t.actions.length === 0,
            assigns: moves ? [...exitOf.get(name)!, ...own, ...entryOf.get(target.key)!] : own,
          };
        }),
      );
    }
    table.set(name, byEvent);
  }

  const [first] = (initialTransition as unknown as (logic: AnyStateMachine) => [{ value: unknown; context: unknown }])(machine);
  if (typeof first.value !== 'string') refuse('a non-string initial state value', root);
  const initial = { value: first.value as string, context: first.context as ContextFrom<M> };

  /** The transition xstate would select for the event (guards run in order), or null. */
  function select(machineState: CompiledState<Ctx>, event: { type: string }): Candidate | null {
    const byEvent = table.get(machineState.value);
    if (byEvent === undefined) throw new Error(`compileMachine(${machine.id}): unknown state '${machineState.value}'`);
    const candidates = byEvent.get(event.type);
    if (candidates === undefined) return null;
    const { context } = machineState;
    for (let i = 0; i < candidates.length; i++) {
      const candidate = candidates[i]!;
      if (candidate.guard !== null && !candidate.guard({ context, event }, undefined)) continue;
      return candidate.forbidden ? null : candidate;
    }
    return null;
  }

  function step(machineState: CompiledState<Ctx>, event: { type: string }): CompiledState<Ctx> | null {
    const candidate = select(machineState, event);
    if (candidate === null) return null;
    const { assigns } = candidate;
    // One copy per step: the first assign's result is a fresh object this step owns, so later
    // assigns of the same transition merge into it. XState copies at every assign; the two agree
    // as long as an assign does not keep the context object it is given (none of ours does, and
    // the equality property tests run both).
    let next = machineState.context;
    for (let j = 0; j < assigns.length; j++) {
      const partial = assigns[j]!({ context: next, event, spawn: noSpawn, self: undefined, system: undefined }, undefined);
      next = j === 0 ? Object.assign({}, next, partial) : Object.assign(next, partial);
    }
    return { value: candidate.target, context: next };
  }

  const can = (machineState: CompiledState<Ctx>, event: { type: string }) => select(machineState, event) !== null;

  const tagsOf = new Map(stateNames.map((name) => [name, new Set<string>(root.states[name]!.tags)]));
  const hasTag = (machineState: { value: string }, tag: string): boolean => {
    const tags = tagsOf.get(machineState.value);
    if (tags === undefined) throw new Error(`compileMachine(${machine.id}): unknown state '${machineState.value}'`);
    return tags.has(tag);
  };
  const tagged = (tag: string): ReadonlySet<string> => new Set(stateNames.filter((name) => tagsOf.get(name)!.has(tag)));
  const final: ReadonlySet<string> = new Set(stateNames.filter((name) => root.states[name]!.type === 'final'));

  return { id: machine.id, initial, states: stateNames, step, can, hasTag, tagged, final } as unknown as CompiledMachineOf<M>;
}
