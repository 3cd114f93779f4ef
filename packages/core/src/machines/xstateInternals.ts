import type { AnyStateMachine } from 'xstate';

/**
 * What `compileMachine` reads of XState's state nodes and implementations. They are internals, not
 * XState's API: @planlog/core pins xstate to the minor versions this was proven on (package.json)
 * and `xstateInternalsChanged` checks the shape before anything is compiled.
 */
export type XStateNode = {
  id: string;
  key: string;
  type: string;
  parent?: XStateNode;
  states: Record<string, XStateNode>;
  tags: string[];
  config: { after?: unknown; route?: unknown; on?: Record<string, unknown> };
  entry: unknown[];
  exit: unknown[];
  invoke: unknown[];
  always?: unknown[];
  initial?: { actions: unknown[] };
  transitions: Map<string, XStateTransition[]>;
};

export type XStateTransition = { target?: XStateNode[]; guard?: unknown; actions: unknown[]; reenter: boolean };

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** One node's shape: a list of what differs from what compileMachine reads, each naming the field. */
function nodeProblems(node: unknown, where: string, isRoot: boolean): string[] {
  if (!isRecord(node)) return [`${where} is not an object`];
  const problems: string[] = [];
  const expect = (ok: boolean, what: string) => {
    if (!ok) problems.push(`${where}.${what}`);
  };
  expect(typeof node.id === 'string', 'id is a string');
  expect(typeof node.key === 'string', 'key is a string');
  expect(typeof node.type === 'string', "type is a string ('atomic' | 'compound' | 'parallel' | 'final' | 'history')");
  expect(isRoot ? node.parent === undefined : isRecord(node.parent), isRoot ? 'parent is undefined on the root' : 'parent is the parent state node');
  expect(isRecord(node.states), 'states is an object of child state nodes');
  expect(isRecord(node.config), 'config is the state config');
  expect(Array.isArray(node.tags) && node.tags.every((tag) => typeof tag === 'string'), 'tags is an array of strings');
  for (const list of ['entry', 'exit', 'invoke'] as const) expect(Array.isArray(node[list]), `${list} is an array`);
  expect(node.always === undefined || Array.isArray(node.always), 'always is an array or undefined');
  expect(node.initial === undefined || (isRecord(node.initial) && Array.isArray(node.initial.actions)), 'initial is undefined or { actions: [] }');
  if (!(node.transitions instanceof Map)) {
    problems.push(`${where}.transitions is a Map of event type → transition definitions`);
    return problems;
  }
  for (const [eventType, transitions] of node.transitions as Map<unknown, unknown>) {
    const at = `${where}.transitions.get('${String(eventType)}')`;
    if (!Array.isArray(transitions)) {
      problems.push(`${at} is an array of transition definitions`);
      continue;
    }
    transitions.forEach((transition: unknown, i) => {
      if (!isRecord(transition)) return void problems.push(`${at}[${i}] is an object`);
      if (!(transition.target === undefined || (Array.isArray(transition.target) && transition.target.every(isRecord)))) {
        problems.push(`${at}[${i}].target is undefined or an array of state nodes`);
      }
      if (!Array.isArray(transition.actions)) problems.push(`${at}[${i}].actions is an array`);
      if (typeof transition.reenter !== 'boolean') problems.push(`${at}[${i}].reenter is a boolean`);
    });
  }
  return problems;
}

/**
 * How the installed xstate's internals differ from what `compileMachine` reads, for this machine:
 * an empty list when they agree, else one line per difference naming the field
 * (`machine.root.transitions is a Map …`). The root and its top-level states are checked (the
 * compiler refuses deeper nesting anyway), and the machine's guard and action implementations.
 */
export function xstateInternalsChanged(machine: AnyStateMachine): string[] {
  const root = (machine as { root?: unknown }).root;
  const problems = nodeProblems(root, 'machine.root', true);
  if (isRecord(root) && isRecord(root.states)) {
    for (const [name, node] of Object.entries(root.states)) problems.push(...nodeProblems(node, `machine.root.states.${name}`, false));
  }
  const implementations = (machine as { implementations?: unknown }).implementations;
  if (!isRecord(implementations) || !isRecord(implementations.guards) || !isRecord(implementations.actions)) {
    problems.push('machine.implementations is { guards: {…}, actions: {…} }');
  } else {
    for (const [name, action] of Object.entries(implementations.actions)) {
      // An assign action creator: a function whose `type` is 'xstate.assign' and whose `assignment`
      // is the function or property map given to assign().
      const kind = (action as { type?: unknown } | null)?.type;
      if (typeof action !== 'function') problems.push(`machine.implementations.actions.${name} is a function (an action creator)`);
      else if (kind === 'xstate.assign' && !('assignment' in action)) problems.push(`machine.implementations.actions.${name}.assignment holds what was given to assign()`);
    }
  }
  return problems;
}
