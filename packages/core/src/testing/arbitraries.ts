import fc from 'fast-check';
import { manualClock, type ManualClock } from '../clock.js';
import { createEngine, type Engine } from '../engine/createEngine.js';
import type { CommandResult } from '../engine/handlers.js';
import { ISSUER_COMMANDS, type Policy } from '../engine/policy.js';
import type { TaskView } from '../engine/views.js';
import { EVENT_TYPES, type EventType, type StoredEvent } from '../schemas/events.js';
import { commandSchemas, type CommandInput, type CommandName } from '../schemas/commands.js';
import type { Actor, Deadline, UnitRef } from '../schemas/primitives.js';
import type { MachineEvent } from '../machines/machineEvent.js';
import { LATEST_RULES_VERSION } from '../machines/rulesVersions.js';
import type { EventStore } from '../store/EventStore.js';
import { memoryStore } from '../store/memoryStore.js';
import { unitRef } from '../unitId.js';

// ---------------------------------------------------------------------------------------------
// Building blocks: units, texts, deadlines, instants
// ---------------------------------------------------------------------------------------------

/** Units of a provincial administration, as written in the plans (NFC). */
export const UNIT_NAMES: readonly string[] = [
  'Sở Tư pháp',
  'Sở Ngoại vụ',
  'Công an tỉnh',
  'Sở Kế hoạch và Đầu tư',
  'Sở Lao động - Thương binh và Xã hội',
  'Sở Y tế',
  'Sở Giáo dục và Đào tạo',
  'Sở Văn hóa, Thể thao và Du lịch',
  'Bộ Chỉ huy Bộ đội Biên phòng tỉnh',
  'Đài Phát thanh - Truyền hình tỉnh',
  'Hội Liên hiệp Phụ nữ tỉnh',
  'UBND huyện Đức Cơ',
];

const TEXTS: readonly string[] = [
  'Rà soát hệ thống văn bản quy phạm pháp luật',
  'Tuyên truyền, phổ biến giáo dục pháp luật',
  'Đôn đốc, kiểm tra việc thực hiện',
  'Tổng hợp báo cáo kết quả 6 tháng đầu năm',
  'Tập huấn nghiệp vụ cho cán bộ cơ sở',
  'Hoàn thành, gửi báo cáo về Sở Tư pháp',
  'Chưa đạt yêu cầu, đề nghị bổ sung số liệu',
  'Điều chỉnh thời hạn theo chỉ đạo của UBND tỉnh',
];

/** A Vietnamese text (titles, report texts, reasons). */
export const textArbitrary: fc.Arbitrary<string> = fc.constantFrom(...TEXTS);

/** A unit name from the pool, sometimes written in NFD (decomposed) as copied from another document. */
export const unitNameArbitrary: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom(...UNIT_NAMES), fc.integer({ min: 0, max: 3 }))
  .map(([name, form]) => (form === 0 ? name.normalize('NFD') : name));

/** A unit reference: sometimes only its name (the id is derived), sometimes id and name. */
export const unitRefArbitrary: fc.Arbitrary<{ id?: string; name: string }> = fc
  .tuple(unitNameArbitrary, fc.boolean())
  .map(([name, withId]) => (withId ? unitRef(name) : { name }));

const DAY = 86_400_000;
const pad = (n: number) => String(n).padStart(2, '0');

/** A calendar date (YYYY-MM-DD) between `from` and `to` (inclusive, UTC calendar). */
export function isoDateArbitrary(from = '2025-10-01', to = '2027-03-31'): fc.Arbitrary<string> {
  const min = Math.floor(Date.parse(from) / DAY);
  const max = Math.floor(Date.parse(to) / DAY);
  return fc.integer({ min, max }).map((day) => {
    const date = new Date(day * DAY);
    return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
  });
}

/** Every kind of `Deadline`, around 2026 (years 2025 to 2027). */
export const deadlineArbitrary: fc.Arbitrary<Deadline> = fc.oneof(
  { weight: 3, arbitrary: fc.tuple(isoDateArbitrary(), fc.constantFrom(undefined, true, false)).map(([on, before]): Deadline => (before === undefined ? { kind: 'date', on } : { kind: 'date', on, before })) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('month' as const), year: fc.integer({ min: 2025, max: 2027 }), month: fc.integer({ min: 1, max: 12 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('quarter' as const), year: fc.integer({ min: 2025, max: 2027 }), quarter: fc.constantFrom(1 as const, 2 as const, 3 as const, 4 as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('half' as const), year: fc.integer({ min: 2025, max: 2027 }), half: fc.constantFrom(1 as const, 2 as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('year' as const), year: fc.integer({ min: 2025, max: 2027 }) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'ongoing' as const }) },
);

/** An instant (ISO, UTC) between `from` and `to`. */
export function instantArbitrary(from = '2025-12-01T00:00:00Z', to = '2026-09-30T00:00:00Z'): fc.Arbitrary<string> {
  return fc.integer({ min: Date.parse(from), max: Date.parse(to) }).map((ms) => new Date(ms).toISOString());
}

const MINUTE = 60_000;
/** How far a clock moves in one go: minutes, hours, days or months. */
export const clockAdvanceArbitrary: fc.Arbitrary<number> = fc.oneof(
  fc.integer({ min: 1, max: 180 }).map((n) => n * MINUTE),
  fc.integer({ min: 1, max: 48 }).map((n) => n * 60 * MINUTE),
  fc.integer({ min: 1, max: 30 }).map((n) => n * DAY),
  fc.integer({ min: 1, max: 4 }).map((n) => n * 30 * DAY),
);

// ---------------------------------------------------------------------------------------------
// Scenarios: a plan, then a sequence of steps
// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------
// Running a scenario
// ---------------------------------------------------------------------------------------------

/** A command as sent to the engine. */
export type SentCommand = { name: CommandName; input: Record<string, unknown> };

export type StepRecord = {
  /** Index in `scenario.steps`, or -1 for the set-up commands (draft, add tasks, issue). */
  index: number;
  step: ScenarioStep | { kind: 'setup' };
  /** The command sent (command, setup and repeat steps). */
  sent?: SentCommand;
  /** For a repeat step: the index in `records` of the command it sends again. */
  repeatOf?: number;
  /** Which engine ran the step (for ticks on every engine: -1). */
  engine: number;
  ok: boolean;
  result?: CommandResult;
  error?: unknown;
  /** What each `tick()` call resolved to. */
  ticked?: StoredEvent[][];
  now: string;
  headBefore: number;
  headAfter: number;
  /** The events the store received during the step. */
  appended: StoredEvent[];
};

export type ScenarioRun = {
  scenario: Scenario;
  store: EventStore;
  clock: ManualClock;
  engines: Engine[];
  planId: string;
  planIds: string[];
  taskIds: string[];
  requestIds: string[];
  records: StepRecord[];
};

export type RunScenarioOptions = {
  /** How many engines share the store (default 1). */
  engines?: number;
  store?: EventStore;
  policy?: Policy;
  /** Build an engine (default: `createEngine({ store, clock, policy })`). */
  makeEngine?: (store: EventStore, clock: ManualClock) => Engine;
  /** Called after every step, set-up included (for invariants checked as the scenario goes). */
  afterStep?: (record: StepRecord, run: ScenarioRun) => void | Promise<void>;
};

const PLAN_ID = 'kh-1';

async function eventsFrom(store: EventStore, fromPosition: number): Promise<StoredEvent[]> {
  const events: StoredEvent[] = [];
  for await (const event of store.readAll({ fromPosition })) events.push(event);
  return events;
}

function pickOutsider(excluded: readonly (string | undefined)[]): Actor {
  const name = UNIT_NAMES.map(unitRef).find((unit) => !excluded.includes(unit.id));
  return { unitId: name?.id ?? 'don-vi-khac' };
}

async function taskViewOf(engine: Engine, taskId: string): Promise<TaskView | null> {
  try {
    return await engine.getTask(taskId);
  } catch {
    return null;
  }
}

/** The actor a step asks for, on the state the engine has now. */
async function actorFor(run: ScenarioRun, engine: Engine, name: CommandName, pick: ActorPick, taskId: string | undefined, final: boolean): Promise<Actor> {
  const issuer = run.scenario.plan.issuer.id;
  const task = taskId === undefined ? null : await taskViewOf(engine, taskId);
  const lead = task?.lead?.id;
  const support = task?.support[0]?.id;
  switch (pick) {
    case 'right':
      if (ISSUER_COMMANDS.has(name)) return { unitId: issuer };
      if (name === 'reportTask' && !final && support !== undefined && lead === undefined) return { unitId: support };
      return { unitId: lead ?? issuer, userId: 'chuyen-vien-1' };
    case 'issuer':
      return { unitId: issuer };
    case 'lead':
      return { unitId: lead ?? issuer };
    case 'support':
      return { unitId: support ?? lead ?? issuer };
    case 'outsider':
      return pickOutsider([issuer, lead, ...(task?.support ?? []).map((unit) => unit.id)]);
  }
}

function spoil(name: CommandName, input: Record<string, unknown>, bad: BadInput): void {
  const idField = 'taskId' in input ? 'taskId' : 'planId';
  const required: Record<CommandName, string> = {
    draftPlan: 'title',
    addTask: 'title',
    issuePlan: 'number',
    assignTask: 'deadline',
    acknowledgeTask: 'taskId',
    reportTask: 'text',
    acceptReport: 'taskId',
    returnReport: 'reason',
    extendDeadline: 'reason',
    reassignTask: 'lead',
    cancelTask: 'reason',
    requestReport: 'units',
    closePlan: 'planId',
    upgradeRules: 'version',
  };
  switch (bad) {
    case 'missing-field':
      delete input[required[name]];
      return;
    case 'wrong-type':
      input[name === 'draftPlan' ? 'title' : idField] = 42;
      return;
    case 'unknown-id':
      if (name === 'draftPlan') input.parentPlanId = 'khong-co-ke-hoach';
      else input[idField] = 'khong-co';
      return;
    case 'bad-deadline':
      if ('deadline' in input || name === 'assignTask' || name === 'extendDeadline' || name === 'addTask') {
        input.deadline = { kind: 'quarter', year: 2026, quarter: 5 };
      } else {
        input.actor = { unitId: '   ' };
      }
      return;
    case 'bad-actor':
      delete input.actor;
      return;
    case 'out-of-range':
      if (name === 'reportTask') input.progress = 150;
      else if (name === 'issuePlan') input.issuedOn = '2026-13-45';
      else if (name === 'requestReport') input.dueAt = 'cuối tháng';
      else if (name === 'draftPlan') input.timeZone = 'Asia/Hanoi_Khong_Co';
      else input.commandId = '';
      return;
  }
}

/** The command a step sends: input built on the state the engine has now. */
async function commandFor(run: ScenarioRun, engine: Engine, step: CommandStep, index: number): Promise<SentCommand> {
  const { args } = step;
  const name = step.command;
  const taskId = run.taskIds[step.target % run.taskIds.length]!;
  const planId = run.planIds[step.target % run.planIds.length]!;
  const onTask = !ISSUER_COMMANDS.has(name) || ['assignTask', 'acceptReport', 'returnReport', 'extendDeadline', 'reassignTask', 'cancelTask'].includes(name);
  const actor = await actorFor(run, engine, name, step.actor, onTask ? taskId : undefined, args.final);
  let input: Record<string, unknown>;
  switch (name) {
    case 'draftPlan':
      input = { actor, title: args.text, planId: args.flag ? `kh-${run.planIds.length + 1}` : PLAN_ID, issuer: run.scenario.plan.issuer };
      break;
    case 'addTask':
      input = {
        actor,
        planId,
        title: args.text,
        taskId: `nv-${run.taskIds.length + 1}`,
        ref: `III.${index + 1}`,
        ...(args.omit ? {} : { lead: args.lead }),
        support: args.support,
        deadline: args.deadline,
      };
      break;
    case 'issuePlan':
      input = { actor, planId, number: `${index + 10}/KH-UBND`, issuedOn: '2026-02-25' };
      break;
    case 'assignTask':
      input = { actor, taskId, lead: args.lead, support: args.support, deadline: args.deadline };
      break;
    case 'acknowledgeTask':
      input = { actor, taskId };
      break;
    case 'reportTask': {
      const requestId = args.flag && run.requestIds.length > 0 ? run.requestIds[step.target % run.requestIds.length] : undefined;
      input = {
        actor,
        taskId,
        text: args.text,
        final: args.final,
        ...(args.period === undefined ? {} : { period: args.period }),
        ...(args.progress === undefined ? {} : { progress: args.progress }),
        ...(requestId === undefined ? {} : { requestId }),
      };
      break;
    }
    case 'acceptReport':
      input = { actor, taskId, ...(args.omit ? {} : { note: args.text }) };
      break;
    case 'returnReport':
      input = { actor, taskId, reason: args.text };
      break;
    case 'extendDeadline':
      input = { actor, taskId, deadline: args.deadline, reason: args.text };
      break;
    case 'reassignTask':
      input = { actor, taskId, lead: args.lead, ...(args.omit ? {} : { support: args.support }), reason: args.text };
      break;
    case 'cancelTask':
      input = { actor, taskId, reason: args.text };
      break;
    case 'requestReport':
      input = {
        actor,
        planId,
        units: [args.lead, ...args.support],
        subject: `Báo cáo đột xuất: ${args.text}`,
        dueAt: new Date(run.clock.now().getTime() + args.dueInMs).toISOString(),
        requestId: `yc-${index + 1}`,
      };
      break;
    case 'closePlan':
      input = { actor, planId };
      break;
    case 'upgradeRules':
      input = { actor, planId, version: args.flag ? LATEST_RULES_VERSION : 1 + (args.progress ?? 0) % LATEST_RULES_VERSION };
      break;
  }
  if (step.withId) input.commandId = `lenh-${index + 1}`;
  if (step.bad) spoil(name, input, step.bad);
  return { name, input };
}

async function send(engine: Engine, sent: SentCommand): Promise<{ ok: true; result: CommandResult } | { ok: false; error: unknown }> {
  try {
    const result = await (engine[sent.name] as (input: unknown) => Promise<CommandResult>)(structuredClone(sent.input));
    return { ok: true, result };
  } catch (error) {
    return { ok: false, error };
  }
}

/**
 * Run a scenario on a fresh memory store (or `options.store`) with a manual clock and one or more
 * engines, recording for every step what was sent, what came back and what the store received.
 * Set-up commands that fail throw; step outcomes (refusals included) are only recorded.
 */
export async function runScenario(scenario: Scenario, options: RunScenarioOptions = {}): Promise<ScenarioRun> {
  const store = options.store ?? memoryStore();
  const clock = manualClock(scenario.start);
  const make = options.makeEngine ?? ((s: EventStore, c: ManualClock) => createEngine({ store: s, clock: c, ...(options.policy ? { policy: options.policy } : {}) }));
  const engines = Array.from({ length: Math.max(1, options.engines ?? 1) }, () => make(store, clock));
  const run: ScenarioRun = { scenario, store, clock, engines, planId: PLAN_ID, planIds: [PLAN_ID], taskIds: [], requestIds: [], records: [] };

  const record = async (partial: Omit<StepRecord, 'headBefore' | 'headAfter' | 'appended' | 'now'>, headBefore: number, now: string) => {
    const headAfter = await store.headPosition();
    const entry: StepRecord = { ...partial, now, headBefore, headAfter, appended: headAfter > headBefore ? await eventsFrom(store, headBefore + 1) : [] };
    run.records.push(entry);
    await options.afterStep?.(entry, run);
    return entry;
  };

  // Set-up: draft the plan, add its tasks, issue it.
  const issuer = scenario.plan.issuer;
  const setup: SentCommand[] = [
    { name: 'draftPlan', input: { actor: { unitId: issuer.id }, planId: PLAN_ID, title: scenario.plan.title, issuer, commandId: 'setup-draft' } },
    ...scenario.plan.tasks.map((task, i): SentCommand => ({
      name: 'addTask',
      input: {
        actor: { unitId: issuer.id },
        planId: PLAN_ID,
        taskId: `nv-${i + 1}`,
        ref: task.ref,
        title: task.title,
        ...(task.lead ? { lead: task.lead } : {}),
        support: task.support,
        ...(task.deadline ? { deadline: task.deadline } : {}),
        commandId: `setup-task-${i + 1}`,
      },
    })),
    ...(scenario.plan.issued
      ? [{ name: 'issuePlan' as const, input: { actor: { unitId: issuer.id }, planId: PLAN_ID, number: '88/KH-UBND', issuedOn: '2026-02-25', commandId: 'setup-issue' } }]
      : []),
  ];
  for (const sent of setup) {
    const headBefore = await store.headPosition();
    const now = clock.now().toISOString();
    const outcome = await send(engines[0]!, sent);
    if (!outcome.ok) throw new Error(`scenario set-up ${sent.name} failed: ${String(outcome.error)}`, { cause: outcome.error });
    if (sent.name === 'addTask') run.taskIds.push(sent.input.taskId as string);
    await record({ index: -1, step: { kind: 'setup' }, sent, engine: 0, ok: true, result: outcome.result }, headBefore, now);
  }

  for (const [index, step] of scenario.steps.entries()) {
    const headBefore = await store.headPosition();
    const now = clock.now().toISOString();
    switch (step.kind) {
      case 'advance':
        clock.advance(step.ms);
        await record({ index, step, engine: -1, ok: true }, headBefore, now);
        break;
      case 'tick': {
        const which = step.all ? engines : [engines[step.via % engines.length]!];
        try {
          const ticked = await Promise.all(which.map((engine) => engine.tick()));
          await record({ index, step, engine: step.all ? -1 : step.via % engines.length, ok: true, ticked }, headBefore, now);
        } catch (error) {
          await record({ index, step, engine: step.all ? -1 : step.via % engines.length, ok: false, error }, headBefore, now);
        }
        break;
      }
      case 'repeat': {
        const candidates = run.records.map((entry, i) => ({ entry, i })).filter(({ entry }) => entry.sent && typeof entry.sent.input.commandId === 'string' && entry.index >= 0);
        if (candidates.length === 0) {
          await record({ index, step, engine: -1, ok: true }, headBefore, now);
          break;
        }
        const { entry, i } = candidates[step.of % candidates.length]!;
        const via = step.via % engines.length;
        const outcome = await send(engines[via]!, entry.sent!);
        await record({ index, step, sent: entry.sent!, repeatOf: i, engine: via, ...outcome }, headBefore, now);
        break;
      }
      case 'command': {
        const via = step.via % engines.length;
        const sent = await commandFor(run, engines[via]!, step, index);
        const outcome = await send(engines[via]!, sent);
        if (outcome.ok) {
          if (sent.name === 'addTask' && !run.taskIds.includes(sent.input.taskId as string)) run.taskIds.push(sent.input.taskId as string);
          if (sent.name === 'draftPlan' && !run.planIds.includes(sent.input.planId as string)) run.planIds.push(sent.input.planId as string);
          if (sent.name === 'requestReport' && outcome.result.requestId && !run.requestIds.includes(outcome.result.requestId)) run.requestIds.push(outcome.result.requestId);
        }
        await record({ index, step, sent, engine: via, ...outcome }, headBefore, now);
        break;
      }
    }
  }
  return run;
}

// ---------------------------------------------------------------------------------------------
// Events for the machines alone
// ---------------------------------------------------------------------------------------------

const TASK_EVENT_TYPES = EVENT_TYPES.filter((type) => type.startsWith('task.'));
const PLAN_EVENT_TYPES = EVENT_TYPES.filter((type) => !type.startsWith('task.'));

/** Due instants from a small pool, so that guards comparing them sometimes agree. */
const DUE_POOL = ['2026-03-31T17:00:00.000Z', '2026-06-30T17:00:00.000Z', '2026-12-31T17:00:00.000Z'] as const;
const DEADLINE_OF_DUE: Record<(typeof DUE_POOL)[number], Deadline> = {
  '2026-03-31T17:00:00.000Z': { kind: 'quarter', year: 2026, quarter: 1 },
  '2026-06-30T17:00:00.000Z': { kind: 'quarter', year: 2026, quarter: 2 },
  '2026-12-31T17:00:00.000Z': { kind: 'year', year: 2026 },
};

function machineEventOf(type: EventType, f: { due: (typeof DUE_POOL)[number] | null; unit: UnitRef; text: string; flag: boolean; n: number; at: string; by: Actor }): MachineEvent {
  const dueAt = f.due;
  const deadline: Deadline = dueAt === null ? { kind: 'ongoing' } : DEADLINE_OF_DUE[dueAt];
  const requestId = `yc-${f.n % 3}`;
  const data: Record<EventType, unknown> = {
    'plan.drafted': { planId: 'kh-1', title: f.text, issuer: f.unit, basis: [], objectives: [], requirements: [], reporting: [], recipients: [], timeZone: 'Asia/Ho_Chi_Minh', parentPlanId: null },
    'plan.issued': { number: '88/KH-UBND', issuedOn: '2026-02-25' },
    'plan.closed': { note: null },
    'plan.rules_upgraded': { from: f.flag ? 1 : 2, to: 2 + (f.n % 2), note: null },
    'task.added': { taskId: 'nv-1', planId: 'kh-1', ref: 'II.1', title: f.text, lead: f.flag ? f.unit : null, support: [], deadline: dueAt === null ? null : deadline, dueAt },
    'task.assigned': { lead: f.unit, support: [], deadline, dueAt },
    'task.acknowledged': {},
    'task.reported': { text: f.text, final: f.flag, period: null, progress: f.flag ? 100 : f.n % 101, requestId: null },
    'task.report_accepted': { note: null },
    'task.report_returned': { reason: f.text },
    'task.deadline_extended': { deadline, dueAt, reason: f.text },
    'task.reassigned': { lead: f.unit, support: [], reason: f.text },
    'task.cancelled': { reason: f.text },
    'task.overdue': { dueAt: dueAt ?? DUE_POOL[0] },
    'report.requested': { requestId, units: [f.unit], subject: f.text, dueAt: dueAt ?? DUE_POOL[1] },
    'report.overdue': { requestId, unit: f.unit, dueAt: dueAt ?? DUE_POOL[1] },
  };
  return { type, data: data[type], actor: f.by, recordedAt: f.at } as MachineEvent;
}

/**
 * A random event for a task (`'task'`) or plan (`'plan'`) machine, with plausible data: any type of
 * that machine, due instants from a small pool, times in 2026. Most sequences of them are refused
 * somewhere: use it to check that machines decide (accept or refuse) without throwing.
 */
export function machineEventArbitrary(kind: 'task' | 'plan'): fc.Arbitrary<MachineEvent> {
  return fc
    .record({
      type: fc.constantFrom(...(kind === 'task' ? TASK_EVENT_TYPES : PLAN_EVENT_TYPES)),
      due: fc.constantFrom(null, ...DUE_POOL),
      unit: fc.constantFrom(...UNIT_NAMES).map(unitRef),
      text: textArbitrary,
      flag: fc.boolean(),
      n: fc.nat({ max: 1000 }),
      at: instantArbitrary('2026-01-01T00:00:00Z', '2027-06-30T00:00:00Z'),
    })
    .map((f) => machineEventOf(f.type, { ...f, by: { unitId: f.unit.id } }));
}

/** Commands as input objects, for policies: `{ name, input }` with an actor from the unit pool. */
export type CommandArbitraryOptions = { taskIds?: readonly string[]; planIds?: readonly string[] };

/**
 * A single well-formed command (name and input) against given plan and task ids, by any unit of the
 * pool: handy to property-test a custom `policy` (for example "only the issuer may close").
 */
export function commandArbitrary(options: CommandArbitraryOptions = {}): fc.Arbitrary<{ [C in CommandName]: { name: C; input: CommandInput<C> } }[CommandName]> {
  const taskIds = options.taskIds ?? ['nv-1'];
  const planIds = options.planIds ?? ['kh-1'];
  return fc
    .record({
      name: fc.constantFrom(...COMMAND_NAMES),
      unit: fc.constantFrom(...UNIT_NAMES).map(unitRef),
      taskId: fc.constantFrom(...taskIds),
      planId: fc.constantFrom(...planIds),
      args: stepArgsArbitrary,
      at: instantArbitrary(),
    })
    .map(({ name, unit, taskId, planId, args, at }) => {
      const actor = { unitId: unit.id };
      const inputs: Record<CommandName, Record<string, unknown>> = {
        draftPlan: { actor, title: args.text, planId, issuer: unit },
        addTask: { actor, planId, title: args.text, lead: args.lead, support: args.support, deadline: args.deadline },
        issuePlan: { actor, planId, number: '88/KH-UBND', issuedOn: '2026-02-25' },
        assignTask: { actor, taskId, lead: args.lead, support: args.support, deadline: args.deadline },
        acknowledgeTask: { actor, taskId },
        reportTask: { actor, taskId, text: args.text, final: args.final, ...(args.progress === undefined ? {} : { progress: args.progress }) },
        acceptReport: { actor, taskId },
        returnReport: { actor, taskId, reason: args.text },
        extendDeadline: { actor, taskId, deadline: args.deadline, reason: args.text },
        reassignTask: { actor, taskId, lead: args.lead, reason: args.text },
        cancelTask: { actor, taskId, reason: args.text },
        requestReport: { actor, planId, units: [args.lead], subject: args.text, dueAt: at },
        closePlan: { actor, planId },
        upgradeRules: { actor, planId, version: args.final ? LATEST_RULES_VERSION : 1 },
      };
      return { name, input: inputs[name] } as never;
    });
}
