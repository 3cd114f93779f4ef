import { v7 as uuidv7 } from 'uuid';
import { timeline, type TimelineEntry, type TimelineOptions } from '../audit/timeline.js';
import { verifyLog, type VerifyOptions, type VerifyResult } from '../audit/verifyLog.js';
import { systemClock, type Clock } from '../base/clock.js';
import { PlanlogError, isPlanlogError } from '../base/errors.js';
import { builtinProjections } from '../projections/builtinProjections.js';
import { memoryReadModels } from '../projections/memoryReadModels.js';
import type { Projection } from '../projections/Projection.js';
import { ProjectionRunner } from '../projections/ProjectionRunner.js';
import { createQueries, type Queries } from '../projections/queries.js';
import type { ReadModels } from '../projections/ReadModels.js';
import type { ReportingCalendar } from '../calendar/reportingCalendar.js';
import type { WorkingDayCalendar } from '../calendar/workingDays.js';
import { calendarSettings } from '../state/CalendarSettings.js';
import { commandSchemas, type CommandInput, type CommandName } from '../schemas/commands.js';
import type { StoredEvent } from '../schemas/events.js';
import { replayTaskStream } from './replayTaskStream.js';
import type { SnapshotStore } from '../snapshots/SnapshotStore.js';
import type { StreamAppend, EventStore } from '../store/EventStore.js';
import { summarizeTasks, type PlanSummary } from '../state/summarizeTasks.js';
import { CommandRun } from './CommandRun.js';
import { commandFingerprint } from './commandFingerprint.js';
import { dueAppends } from './dueAppends.js';
import { unassignedAppends } from './unassignedAppends.js';
import { dueSoonOf, type DueSoon } from './dueSoon.js';
import { handlers, signatureEvent, type CommandResult, type CommandResults } from './handlers.js';
import { LiveFold } from '../state/LiveFold.js';
import { listPlansArguments, listPlansOf, type ListPlansOptions, type PlanListItem } from './listPlans.js';
import type { Page } from '../projections/Page.js';
import { defaultPolicy, type Policy } from './policy.js';
import { replayLog, type ReplayOptions, type ReplayResult } from './replayLog.js';
import { daysArgument, lookupId, replayArguments, timelineArguments, verifyArguments } from './readArguments.js';
import { resultOf } from './resultOf.js';
import { refusalVerdict, type Verdict } from './Verdict.js';
import { optionsArgument } from '../store/storeArguments.js';
import { subscribeToLog, type SubscribeOptions, type Subscription } from '../consumers/subscribeToLog.js';
import { taskViews } from './taskViews.js';
import { toPlanView, toTaskStateView, type PlanView, type TaskView } from '../state/views.js';
import type { LiveState } from '../state/LiveState.js';
import { engineTelemetry, type CommandProbe } from '../telemetry/engineTelemetry.js';
import type { Telemetry } from '../telemetry/Telemetry.js';

export type EngineOptions = {
  store: EventStore;
  clock?: Clock;
  policy?: Policy;
  /** How many times a command is re-decided after a `CONFLICT` before the error reaches the caller. */
  maxRetries?: number;
  /** Reporting periods for plans with a periodic reporting regime (default: Decree 09/2019/NĐ-CP). */
  reportingCalendar?: ReportingCalendar;
  /**
   * Working days for plans drafted with `workingDays: true` and for dues counted in working days
   * (default `vietnamWorkingDays()`; pass `vietnamWorkingDays({ announced })` for a year's announced days).
   */
  workingDayCalendar?: WorkingDayCalendar;
  /** Days from a period's data cut-off to its report's due instant when the rule names no due date (default 5). */
  reportDueLagDays?: number;
  /** Where read models live (default: in memory). */
  readModels?: ReadModels;
  /**
   * Whether queries first bring the read models up to the log's end (default true). Set it to false
   * when a projection worker in another process owns them (PostgreSQL leases).
   */
  catchUpReadModels?: boolean;
  /** Which projections feed them (default: the built-in read models). */
  projections?: readonly Projection[];
  /** Task-stream snapshots for `replay({ streamId: 'task-…' })` without `asOf`: only the tail after the snapshot is read. */
  snapshots?: { store: SnapshotStore; every?: number };
  /**
   * Checkpoints of the live state in the store (`store.liveCheckpoints`): a fresh engine starts from
   * the saved one and folds only the log's tail; a new one is written in the background once the state
   * is `every` events (default 10,000) past the last. `false`: neither read nor written.
   */
  checkpoints?: { every?: number } | false;
  /** OpenTelemetry's tracer and meter (`@opentelemetry/api`); without it nothing is traced or measured (docs/telemetry.md). */
  telemetry?: Telemetry;
};


type Commands = { [C in CommandName]: (input: CommandInput<C>) => Promise<CommandResults[C]> };

export type Engine = Commands & {
  /**
   * Whether `command` with this input would be accepted now: the same validation, policy and machine
   * decision as running it, appending nothing. A refusal comes back as `{ ok: false, code, field,
   * reason }` (the error the command would throw), so a page can show only the actions a unit may take.
   */
  can<C extends CommandName>(command: C, input: CommandInput<C>): Promise<Verdict>;
  /**
   * Appends what is due at `clock.now()` — `task.overdue`, `report.overdue`, and the
   * `report.requested` of periodic obligations that have opened — and resolves to exactly those events.
   */
  tick(): Promise<StoredEvent[]>;
  /**
   * The same, and the reminders (`dueSoon`) as of the same moment, after the tick: what falls due
   * within `days` (default 5); the reminders append nothing.
   */
  tick(options: { dueSoon: { days?: number } }): Promise<{ appended: StoredEvent[]; dueSoon: DueSoon }>;
  getTask(taskId: string): Promise<TaskView>;
  getPlan(planId: string): Promise<PlanView>;
  /** The tasks of a plan, in the order they were added. */
  getTasks(planId: string): Promise<TaskView[]>;
  /** The plans in the log, a page at a time, by plan id; filter by `state` or `issuerId`. */
  listPlans(options?: ListPlansOptions): Promise<Page<PlanListItem>>;
  /** The plan's 4-way statistics as of `clock.now()`. */
  getPlanSummary(planId: string): Promise<PlanSummary>;
  /**
   * Reminders (nhắc hạn), appending nothing: unfinished tasks and unanswered report requests falling
   * due within `days` (default 5) after `clock.now()`, soonest first.
   */
  dueSoon(options?: { days?: number }): Promise<DueSoon>;
  /** State rebuilt from the log alone, up to a position or an instant. */
  replay(options?: ReplayOptions): Promise<ReplayResult>;
  /** Walks the hash chain of the whole log; names the first bad position. */
  verify(options?: VerifyOptions): Promise<VerifyResult>;
  /** Every event of a task or a plan (with its tasks), in order, described in Vietnamese and English. */
  timeline(id: string, options?: TimelineOptions): Promise<TimelineEntry[]>;
  /**
   * The log's events from `fromPosition` (default 1) in global order, then each one appended after —
   * by this engine or any other on the store — as it commits, as an async iterable; `break` or
   * `return()` ends it. `types` keeps only those event types.
   */
  subscribe(options?: SubscribeOptions): Subscription;
  /**
   * Write the live state's checkpoint now (after the folds under way), without waiting for `every`
   * events; resolves to its position (0 when none was written: no checkpoints, or nothing folded yet).
   */
  checkpoint(): Promise<number>;
  /** Questions answered from the read models (brought up to date first). */
  readonly queries: Queries;
  /** The projection runner behind `queries`: `catchUp()`, `rebuild(name)`. */
  readonly projections: ProjectionRunner;
  readonly readModels: ReadModels;
  readonly store: EventStore;
  readonly clock: Clock;
};

/**
 * For a command id stored without a fingerprint (events copied in by an import, or appended through
 * the store without one): the same command (its signature event) by the same actor. Its input cannot
 * be compared.
 */
function sameLegacyCommand(name: CommandName, actor: { unitId: string; userId?: string }, earlier: readonly StoredEvent[]): boolean {
  return (
    earlier.some((event) => event.type === signatureEvent[name]) &&
    earlier.every((event) => event.actor.unitId === actor.unitId && event.actor.userId === actor.userId)
  );
}

function checkpointEvery(given: { every?: number } | undefined): number {
  const every = given?.every ?? 10_000;
  if (!Number.isInteger(every) || every < 1) throw new PlanlogError('VALIDATION', 'checkpoints.every: a whole number ≥ 1', { field: 'checkpoints.every' });
  return every;
}

function fieldOf(path: readonly PropertyKey[]): string {
  return path.map(String).join('.') || '(input)';
}

type ParsedCommand = {
  actor: { unitId: string; userId?: string };
  commandId?: string;
  correlationId?: string;
  causationId?: string;
};

/** The command's input checked against its schema: VALIDATION names the first field at fault. */
function parseCommand<C extends CommandName>(name: C, input: CommandInput<C>): Parameters<(typeof handlers)[C]>[1] & ParsedCommand {
  const parsed = commandSchemas[name].safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = fieldOf(issue.path);
    throw new PlanlogError('VALIDATION', `${field}: ${issue.message}`, { field, details: { command: name } });
  }
  return parsed.data as never as Parameters<(typeof handlers)[C]>[1] & ParsedCommand;
}

/** Run plans and tasks on an event store: every decision asked of the machines, every change an event. */
export function createEngine(options: EngineOptions): Engine {
  const { store } = options;
  const clock = options.clock ?? systemClock();
  const policy = options.policy ?? defaultPolicy;
  const maxRetries = options.maxRetries ?? 8;
  // One fold of the log for this engine and its projection runner.
  const checkpointStore = options.checkpoints === false ? undefined : store.liveCheckpoints;
  const fold = new LiveFold(store, checkpointStore && { store: checkpointStore, every: checkpointEvery(options.checkpoints || undefined) });
  const live = fold.live;
  const calendars = calendarSettings(options);
  const readModels = options.readModels ?? memoryReadModels();
  const runner = new ProjectionRunner({ store, readModels, projections: options.projections ?? builtinProjections, fold, telemetry: options.telemetry });
  const telemetry = options.telemetry ? engineTelemetry(options.telemetry) : null;
  const appendMany = telemetry ? telemetry.appendMany(store) : store.appendMany.bind(store);

  /** Fold into the live state whatever the log has beyond what it has seen (one catch-up at a time). */
  function catchUp(): Promise<void> {
    return fold.catchUp();
  }

  async function appendAndFold(appends: StreamAppend[], fingerprint?: string): Promise<StoredEvent[]> {
    const results = await appendMany(appends, fingerprint === undefined ? undefined : { commandFingerprint: fingerprint });
    const appended = results.flatMap((result) => result.events).sort((a, b) => a.position - b.position);
    // What the store returned is folded as it is, unless another writer came in between.
    await fold.foldAppended(appended);
    return appended;
  }

  async function run<C extends CommandName>(name: C, input: CommandInput<C>, probe?: CommandProbe): Promise<CommandResult> {
    const command = parseCommand(name, input);
    const commandId = command.commandId ?? uuidv7();
    const fingerprint = commandFingerprint(name, command);
    for (let attempt = 0; ; attempt++) {
      if (probe) probe.retries = attempt;
      const earlier = command.commandId === undefined ? [] : await store.readCommand(commandId);
      if (earlier.length > 0) {
        const stored = await store.commandFingerprint(commandId);
        if (stored === null ? !sameLegacyCommand(name, command.actor, earlier) : stored !== fingerprint) {
          throw new PlanlogError('CONFLICT', `commandId: ${commandId} was used by another command, actor or input`, {
            field: 'commandId',
            details: { commandId, command: name },
          });
        }
        return resultOf(name, earlier);
      }
      await catchUp();
      const run = new CommandRun(
        live,
        clock.now(),
        { command: name, actor: command.actor, commandId, correlationId: command.correlationId ?? commandId, causationId: command.causationId ?? null },
        policy,
        calendars,
      );
      (handlers[name] as (run: CommandRun, command: unknown) => void)(run, command);
      let appended: StoredEvent[];
      try {
        appended = await appendAndFold(run.appends(), fingerprint);
      } catch (error) {
        if (!isPlanlogError(error, 'CONFLICT') || attempt >= maxRetries) throw error;
        continue;
      }
      if (name === 'addTask' || name === 'issuePlan') await assignUnassigned((command as { planId: string }).planId, run.at, commandId);
      return resultOf(name, appended);
    }
  }

  /**
   * After addTask or issuePlan: assign the plan's tasks left `added` with a lead because another
   * engine added one while this one issued the plan (both orders end here, on the engine that
   * committed last). Best effort: the command has committed, so a failure here is left to the next
   * `tick()`, which assigns them too (errors other than planlog's own are not hidden).
   */
  async function assignUnassigned(planId: string, at: string, correlationId: string): Promise<void> {
    for (let attempt = 0; attempt <= maxRetries; attempt++) {
      const [appends] = unassignedAppends(live, calendars, at, correlationId, planId);
      if (appends === undefined) return;
      try {
        await appendAndFold(appends);
      } catch (error) {
        // CONFLICT: another engine assigned one, or the plan or a task moved on — decide again.
        // STORE: the command has committed; the next tick() assigns them.
        if (isPlanlogError(error, 'CONFLICT')) await catchUp().catch(() => undefined);
        else if (isPlanlogError(error)) return;
        else throw error;
      }
    }
  }

  async function tick(): Promise<StoredEvent[]> {
    const at = clock.now().toISOString();
    const tickId = uuidv7();
    const appended: StoredEvent[] = [];
    for (let attempt = 0; attempt <= maxRetries; attempt++) {
      await catchUp();
      const batch = dueAppends(live, calendars, at, tickId);
      if (batch.appends.length === 0) return appended.sort((a, b) => a.position - b.position);
      try {
        appended.push(...(await appendAndFold(batch.appends)));
        continue;
      } catch (error) {
        batch.putBack();
        if (!isPlanlogError(error, 'CONFLICT')) throw error;
      }
      // Another engine got there first for some: the next round re-decides each on the caught-up state,
      // appending one group (a stream, or a plan's unassigned tasks) at a time so one conflict does not hold back the rest.
      await catchUp();
      const single = dueAppends(live, calendars, at, tickId);
      single.putBack();
      for (const group of single.groups) {
        try {
          appended.push(...(await appendAndFold(group)));
        } catch (error) {
          if (!isPlanlogError(error, 'CONFLICT')) throw error;
        }
      }
    }
    return appended.sort((a, b) => a.position - b.position);
  }

  /** The reminders with their tasks' views (report texts read from the log). */
  async function dueSoonWithTexts(live: LiveState, now: Date, days: number): Promise<DueSoon> {
    const due = dueSoonOf(live, now, days);
    return { tasks: await taskViews(store, live, due.tasks), reports: due.reports };
  }
  /** The same checks and decision as `run`, at `clock.now()`, without appending (a repeated command id is not looked up). */
  async function can<C extends CommandName>(name: C, input: CommandInput<C>): Promise<Verdict> {
    try {
      const command = parseCommand(name, input);
      await catchUp();
      const run = new CommandRun(
        live,
        clock.now(),
        { command: name, actor: command.actor, commandId: command.commandId ?? 'can', correlationId: 'can', causationId: null },
        policy,
        calendars,
      );
      (handlers[name] as (run: CommandRun, command: unknown) => void)(run, command);
      return { ok: true };
    } catch (error) {
      return refusalVerdict(error);
    }
  }

  const tracedTick = telemetry ? () => telemetry.tick(clock, tick) : tick;

  async function getTaskEntry(id: string) {
    const taskId = lookupId(id, 'taskId');
    await catchUp();
    const entry = live.tasks.get(taskId);
    if (!entry) throw new PlanlogError('NOT_FOUND', `taskId: no task ${taskId}`, { field: 'taskId' });
    return entry;
  }

  async function getPlanEntry(id: string) {
    const planId = lookupId(id, 'planId');
    await catchUp();
    const entry = live.plans.get(planId);
    if (!entry) throw new PlanlogError('NOT_FOUND', `planId: no plan ${planId}`, { field: 'planId' });
    return entry;
  }

  const commands = Object.fromEntries(
    (Object.keys(commandSchemas) as CommandName[]).map((name) => [
      name,
      (input: never) => (telemetry ? telemetry.command(name, input, (probe) => run(name, input, probe)) : run(name, input)),
    ]),
  ) as Commands;

  return {
    ...commands,
    can,
    tick: (async (tickOptions?: { dueSoon: { days?: number } }) => {
      if (tickOptions === undefined) return tracedTick();
      const { dueSoon } = optionsArgument(tickOptions);
      const days = daysArgument(optionsArgument(dueSoon, 'dueSoon').days, 'dueSoon.days');
      const appended = await tracedTick();
      return { appended, dueSoon: await dueSoonWithTexts(live, clock.now(), days) };
    }) as Engine['tick'],
    async getTask(taskId) {
      const [view] = await taskViews(store, live, [await getTaskEntry(taskId)]);
      return view!;
    },
    async getPlan(planId) {
      return toPlanView(await getPlanEntry(planId));
    },
    async getTasks(planId) {
      const plan = await getPlanEntry(planId);
      return taskViews(store, live, plan.taskIds.map((taskId) => live.tasks.get(taskId)!));
    },
    async listPlans(listOptions) {
      const checked = listPlansArguments(listOptions);
      await catchUp();
      return listPlansOf(live.plans, checked);
    },
    async getPlanSummary(planId) {
      const plan = await getPlanEntry(planId);
      return summarizeTasks(plan.taskIds.map((taskId) => toTaskStateView(live.tasks.get(taskId)!)), clock.now());
    },
    async dueSoon(dueSoonOptions) {
      const days = daysArgument(optionsArgument(dueSoonOptions).days, 'days');
      await catchUp();
      return dueSoonWithTexts(live, clock.now(), days);
    },
    async replay(given) {
      const replayOptions = replayArguments(given);
      return options.snapshots && replayOptions.asOf === undefined && replayOptions.streamId?.startsWith('task-')
        ? replayTaskStream(store, replayOptions.streamId, options.snapshots)
        : replayLog(store, replayOptions);
    },
    async verify(verifyOptions) {
      return verifyLog(store, verifyArguments(verifyOptions));
    },
    async timeline(id, timelineOptions) {
      const checked = timelineArguments(id, timelineOptions);
      return timeline(store, checked.id, checked.options);
    },
    subscribe: (subscribeOptions) => subscribeToLog(store, subscribeOptions),
    checkpoint: () => fold.checkpoint(),
    queries: createQueries(readModels, options.catchUpReadModels === false ? null : runner, clock),
    projections: runner,
    readModels,
    store,
    clock,
  };
}
