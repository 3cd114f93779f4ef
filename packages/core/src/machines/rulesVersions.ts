import type { AnyStateMachine, TagsFrom } from 'xstate';
import { PlanlogError } from '../base/errors.js';
import { compileMachine, type CompiledMachineOf, type CompiledState } from './compileMachine.js';
import { planMachine, type PlanContext } from './planMachine.js';
import { taskMachine, type TaskContext } from './taskMachine.js';
import { taskMachineV2 } from './taskMachineV2.js';

/**
 * One released version of planlog's rules: the machines that decide the commands of a plan running
 * under it (and fold the events recorded while it was in force). Released versions are never edited:
 * each one's fingerprint is checked in (packages/core/test/fixtures/released-rules.json), and a
 * change of rules is a new version that plans take by an explicit, logged `upgradeRules`.
 */
export type RulesVersion = {
  readonly version: number;
  readonly task: typeof taskMachine;
  readonly plan: typeof planMachine;
  /** What this version changes from the one before it (English, then Vietnamese). */
  readonly change: string;
};

/** Every version this planlog carries, oldest first: old logs are folded by the version they were written under. */
export const rulesVersions: readonly RulesVersion[] = [
  {
    version: 1,
    task: taskMachine,
    plan: planMachine,
    change: 'The first rules: an acknowledged or in-progress task may be reassigned to another lead unit. (Quy tắc ban đầu.)',
  },
  {
    version: 2,
    task: taskMachineV2,
    plan: planMachine,
    change:
      'A task whose lead unit has acknowledged it (acknowledged, in_progress) may no longer be reassigned: the issuer cancels it and adds a new one. ' +
      '(Nhiệm vụ đã được đơn vị chủ trì tiếp nhận thì không giao lại cho đơn vị khác.)',
  },
];

/** The newest version this planlog carries. */
export const LATEST_RULES_VERSION = rulesVersions.at(-1)!.version;

/**
 * The version a new plan runs under when its draft names none: version 1, until the issuer opts in
 * (`draftPlan({ rules: 2 })` or `upgradeRules`). A change of rules is a decision of the issuing
 * agency, never a side effect of updating planlog.
 */
export const DEFAULT_RULES_VERSION = 1;

const byNumber = new Map(rulesVersions.map((rules) => [rules.version, rules]));

/** The released version `version`; `VALIDATION` (field `field`) for a version this planlog does not carry. */
export function rulesVersion(version: number, field = 'rules'): RulesVersion {
  const found = byNumber.get(version);
  if (found === undefined) {
    throw new PlanlogError('VALIDATION', `${field}: rules version ${String(version)} is not one this planlog carries (1–${LATEST_RULES_VERSION})`, {
      field,
      details: { supported: rulesVersions.map((rules) => rules.version) },
    });
  }
  return found;
}

export type CompiledRules = {
  readonly version: number;
  readonly task: CompiledMachineOf<typeof taskMachine>;
  readonly plan: CompiledMachineOf<typeof planMachine>;
  /** The task states tagged `chased` / `obliged` in this version's task machine. */
  readonly chased: ReadonlySet<string>;
  readonly obliged: ReadonlySet<string>;
};

const compiledByMachine = new WeakMap<AnyStateMachine, unknown>();
function compiledOnce<M extends AnyStateMachine>(machine: M): CompiledMachineOf<M> {
  let compiled = compiledByMachine.get(machine) as CompiledMachineOf<M> | undefined;
  if (compiled === undefined) compiledByMachine.set(machine, (compiled = compileMachine(machine)));
  return compiled;
}

/**
 * Each version's machines compiled to step functions (once per machine; versions sharing a machine
 * share its compiled step), with its state tags.
 */
export const compiledRulesVersions: ReadonlyMap<number, CompiledRules> = new Map(
  rulesVersions.map((rules) => [
    rules.version,
    {
      version: rules.version,
      task: compiledOnce(rules.task),
      plan: compiledOnce(rules.plan),
      chased: compiledOnce(rules.task).tagged('chased'),
      obliged: compiledOnce(rules.task).tagged('obliged'),
    },
  ]),
);

/** The compiled machines of a carried version (an unknown one is refused as `rulesVersion` refuses it). */
export function compiledRules(version: number): CompiledRules {
  return compiledRulesVersions.get(version) ?? (rulesVersion(version), compiledRulesVersions.get(version)!);
}

/** A plan or a task as the log has it: its compiled state and the rules version in force for it. */
type AsIs<C> = { readonly machineState: CompiledState<C>; readonly rules: number };

/** Whether the plan's state carries the tag, asked of its own rules version's plan machine (no XState snapshot built). */
export function planHasTag(plan: AsIs<PlanContext>, tag: TagsFrom<typeof planMachine>): boolean {
  return compiledRules(plan.rules).plan.hasTag(plan.machineState, tag);
}

/** Whether the task's state carries the tag, asked of its own rules version's task machine. */
export function taskHasTag(task: AsIs<TaskContext>, tag: TagsFrom<typeof taskMachine>): boolean {
  return compiledRules(task.rules).task.hasTag(task.machineState, tag);
}
