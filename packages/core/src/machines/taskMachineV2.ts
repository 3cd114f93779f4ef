import { createMachine } from 'xstate';
import { taskMachine } from './taskMachine.js';

type StatesConfig = Record<string, { on?: Record<string, unknown> } & Record<string, unknown>>;

/**
 * The transitions version 2 of the task rules takes out of version 1, by state and event type: once
 * the lead unit has acknowledged a task (and while it works on it), the issuer may no longer hand it
 * to another unit. To move such work, the issuer cancels the task and adds a new one (khi đơn vị chủ
 * trì đã tiếp nhận nhiệm vụ thì không giao lại cho đơn vị khác).
 */
export const REMOVED_IN_TASK_V2: Readonly<Record<string, readonly string[]>> = {
  acknowledged: ['task.reassigned'],
  in_progress: ['task.reassigned'],
};

function withoutTransitions(states: StatesConfig, removed: Readonly<Record<string, readonly string[]>>): StatesConfig {
  return Object.fromEntries(
    Object.entries(states).map(([name, node]) => {
      const drop = removed[name];
      if (drop === undefined || node.on === undefined) return [name, node];
      return [name, { ...node, on: Object.fromEntries(Object.entries(node.on).filter(([type]) => !drop.includes(type))) }];
    }),
  );
}

/**
 * Version 2 of the task machine: version 1's definition (`taskMachine`: the same states, tags,
 * guards and actions, by reference) less the transitions named in `REMOVED_IN_TASK_V2`. Released:
 * never edit it in place (its fingerprint is checked in, `test/rulesVersions.test.ts`); a change of
 * rules is a new version (docs/concepts.md, "Rules versions").
 */
export const taskMachineV2 = createMachine(
  {
    ...taskMachine.config,
    version: '2',
    states: withoutTransitions(taskMachine.config.states as StatesConfig, REMOVED_IN_TASK_V2),
  } as never,
  taskMachine.implementations as never,
) as unknown as typeof taskMachine;
