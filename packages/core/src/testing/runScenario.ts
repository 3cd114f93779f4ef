import { manualClock, type ManualClock } from '../base/clock.js';
import { createEngine, type Engine } from '../engine/createEngine.js';
import type { CommandResult } from '../engine/handlers.js';
import type { Policy } from '../engine/policy.js';
import type { StoredEvent } from '../schemas/events.js';
import type { EventStore } from '../store/EventStore.js';
import { memoryStore } from '../store/memoryStore.js';
import type { Scenario, ScenarioStep } from './scenarioArbitrary.js';
import { commandFor, SCENARIO_PLAN_ID as PLAN_ID, type SentCommand } from './scenarioCommand.js';

export type { SentCommand } from './scenarioCommand.js';

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


async function eventsFrom(store: EventStore, fromPosition: number): Promise<StoredEvent[]> {
  const events: StoredEvent[] = [];
  for await (const event of store.readAll({ fromPosition })) events.push(event);
  return events;
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
