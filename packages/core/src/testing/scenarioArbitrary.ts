import fc from 'fast-check';
import { commandSchemas, type CommandName } from '../schemas/commands.js';
import type { Deadline, UnitRef } from '../schemas/primitives.js';
import { unitRef } from '../schemas/unitId.js';
import { clockAdvanceArbitrary, deadlineArbitrary, instantArbitrary, textArbitrary, UNIT_NAMES, unitRefArbitrary } from './valueArbitraries.js';

// Scenarios: a plan, then a sequence of steps (run them with `runScenario`).

const DAY = 86_400_000;

export type TaskSpec = {
  ref: string;
  title: string;
  lead: { id?: string; name: string } | null;
  support: { id?: string; name: string }[];
  deadline: Deadline | null;
};

export type PlanSpec = {
  issuer: UnitRef;
  title: string;
  /** Whether the plan is issued before the steps start (else the steps may issue it). */
  issued: boolean;
  tasks: TaskSpec[];
};

/** Who acts: the unit the default policy expects (`right`), a named role, or a unit with no part in the plan. */
export type ActorPick = 'right' | 'issuer' | 'lead' | 'support' | 'outsider';

/** Ways a command's input is spoiled. */
export type BadInput = 'missing-field' | 'wrong-type' | 'unknown-id' | 'bad-deadline' | 'bad-actor' | 'out-of-range';

/** Arguments a command step may use (each command takes what it needs). */
export type StepArgs = {
  text: string;
  deadline: Deadline;
  lead: { id?: string; name: string };
  support: { id?: string; name: string }[];
  final: boolean;
  progress: number | undefined;
  period: string | undefined;
  /** requestReport: due this long after the clock (negative: already due). */
  dueInMs: number;
  /** reportTask: answer an earlier report request. draftPlan: a new plan (else the scenario's own, refused). */
  flag: boolean;
  /** Leave an optional field out (addTask: no lead; reassignTask: keep support). */
  omit: boolean;
};

export type CommandStep = {
  kind: 'command';
  command: CommandName;
  /** Which task (or plan) the command targets, modulo those that exist. */
  target: number;
  actor: ActorPick;
  bad: BadInput | null;
  /** Give the command a command id (so that a later `repeat` step can send it again). */
  withId: boolean;
  /** Which engine runs it, modulo the engines of the run. */
  via: number;
  args: StepArgs;
};

export type ScenarioStep =
  | CommandStep
  /** Send an earlier command with a command id again, unchanged. */
  | { kind: 'repeat'; of: number; via: number }
  | { kind: 'advance'; ms: number }
  /** `tick()`: on one engine, or on every engine of the run at once. */
  | { kind: 'tick'; via: number; all: boolean };

export type Scenario = { start: string; plan: PlanSpec; steps: ScenarioStep[] };

/** Every command of the engine, in the order `commandSchemas` declares them. */
export const COMMAND_NAMES: readonly CommandName[] = Object.keys(commandSchemas) as CommandName[];

/** How often each command is drawn: work on tasks often, closing the plan rarely. */
const COMMAND_WEIGHTS: Record<CommandName, number> = {
  draftPlan: 2,
  addTask: 4,
  issuePlan: 3,
  assignTask: 6,
  acknowledgeTask: 8,
  reportTask: 12,
  acceptReport: 10,
  returnReport: 6,
  extendDeadline: 6,
  reassignTask: 5,
  cancelTask: 3,
  requestReport: 4,
  closePlan: 1,
  upgradeRules: 1,
};

export const taskSpecArbitrary: fc.Arbitrary<TaskSpec> = fc.record({
  ref: fc.tuple(fc.constantFrom('I', 'II', 'III'), fc.integer({ min: 1, max: 9 }), fc.constantFrom('', '.a', '.b', '.c')).map(([a, b, c]) => `${a}.${b}${c}`),
  title: textArbitrary,
  lead: fc.option(unitRefArbitrary, { freq: 6, nil: null }),
  support: fc.array(unitRefArbitrary, { maxLength: 2 }),
  deadline: fc.option(deadlineArbitrary, { freq: 6, nil: null }),
});

export function planSpecArbitrary(options: { minTasks?: number; maxTasks?: number } = {}): fc.Arbitrary<PlanSpec> {
  return fc.record({
    issuer: fc.constantFrom(...UNIT_NAMES).map(unitRef),
    title: fc.constantFrom('Kế hoạch phòng, chống tội phạm mua bán người năm 2026', 'Kế hoạch công tác đối ngoại năm 2026', 'Kế hoạch triển khai công tác pháp chế năm 2026'),
    // Nine plans in ten start issued; the others wait for an issuePlan step.
    issued: fc.integer({ min: 0, max: 9 }).map((n) => n > 0),
    tasks: fc.array(taskSpecArbitrary, { minLength: options.minTasks ?? 1, maxLength: options.maxTasks ?? 6 }),
  });
}

export const stepArgsArbitrary: fc.Arbitrary<StepArgs> = fc.record({
  text: textArbitrary,
  deadline: deadlineArbitrary,
  lead: unitRefArbitrary,
  support: fc.array(unitRefArbitrary, { maxLength: 2 }),
  final: fc.boolean(),
  progress: fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }),
  period: fc.option(fc.constantFrom('6 tháng đầu năm 2026', 'Quý I/2026', 'năm 2026'), { nil: undefined }),
  dueInMs: fc.integer({ min: -10 * DAY, max: 60 * DAY }),
  flag: fc.boolean(),
  omit: fc.boolean(),
});

const actorPickArbitrary: fc.Arbitrary<ActorPick> = fc.oneof(
  { weight: 14, arbitrary: fc.constant('right' as const) },
  { weight: 1, arbitrary: fc.constant('issuer' as const) },
  { weight: 1, arbitrary: fc.constant('lead' as const) },
  { weight: 1, arbitrary: fc.constant('support' as const) },
  { weight: 3, arbitrary: fc.constant('outsider' as const) },
);

const badInputArbitrary: fc.Arbitrary<BadInput | null> = fc.oneof(
  { weight: 18, arbitrary: fc.constant(null) },
  { weight: 2, arbitrary: fc.constantFrom<BadInput>('missing-field', 'wrong-type', 'unknown-id', 'bad-deadline', 'bad-actor', 'out-of-range') },
);

/** One engine command, drawn with `COMMAND_WEIGHTS`, or only among `commands` when given. */
export function commandStepArbitrary(commands: readonly CommandName[] = COMMAND_NAMES): fc.Arbitrary<CommandStep> {
  return fc.record({
    kind: fc.constant('command' as const),
    command: fc.oneof(...commands.map((name) => ({ weight: COMMAND_WEIGHTS[name], arbitrary: fc.constant(name) }))),
    target: fc.nat({ max: 63 }),
    actor: actorPickArbitrary,
    bad: badInputArbitrary,
    withId: fc.integer({ min: 0, max: 4 }).map((n) => n < 3),
    via: fc.nat({ max: 7 }),
    args: stepArgsArbitrary,
  });
}

/** Any step: mostly commands, then clock advances, ticks and repeated command ids. */
export function stepArbitrary(commands: readonly CommandName[] = COMMAND_NAMES): fc.Arbitrary<ScenarioStep> {
  return fc.oneof(
    { weight: 14, arbitrary: commandStepArbitrary(commands) },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('advance' as const), ms: clockAdvanceArbitrary }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('tick' as const), via: fc.nat({ max: 7 }), all: fc.boolean() }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('repeat' as const), of: fc.nat({ max: 63 }), via: fc.nat({ max: 7 }) }) },
  );
}

/**
 * A scenario: a plan with 1–6 tasks (drafted, its tasks added and, most of the time, issued) and
 * 0–60 steps of commands by right and wrong actors (some with bad input, some repeating an earlier
 * command id), clock advances and ticks. Run it with `runScenario`.
 */
export function scenarioArbitrary(options: { minSteps?: number; maxSteps?: number; maxTasks?: number; commands?: readonly CommandName[] } = {}): fc.Arbitrary<Scenario> {
  return fc.record({
    start: instantArbitrary(),
    plan: planSpecArbitrary({ maxTasks: options.maxTasks ?? 6 }),
    steps: fc.array(stepArbitrary(options.commands), { minLength: options.minSteps ?? 0, maxLength: options.maxSteps ?? 60, size: 'max' }),
  });
}
