import { v7 as uuidv7 } from 'uuid';
import { systemClock, type Clock } from '../clock.js';
import { PlanlogError, isPlanlogError } from '../errors.js';
import { decide } from '../machines/decide.js';
import { instantMs, type MachineEvent } from '../machines/machineEvent.js';
import { planMachine } from '../machines/planMachine.js';
import { commandSchemas, type CommandInput, type CommandName } from '../schemas/commands.js';
import { SCHEMA_VERSION, type NewEvent, type StoredEvent } from '../schemas/events.js';
import type { AppendRequest, EventStore } from '../store/EventStore.js';
import { summarizeTasks, type PlanSummary } from '../summarizeTasks.js';
import { CommandContext } from './CommandContext.js';
import { handlers, signatureEvent, type CommandResult, type CommandResults } from './handlers.js';
import { LiveState, SYSTEM_ACTOR, canFallOverdue, requestKey, type PlanEntry } from './LiveState.js';
import { defaultPolicy, type Policy } from './policy.js';
import { replayLog, type ReplayOptions, type ReplayResult } from './replayLog.js';
import { replayTaskStream } from '../snapshots/replayTaskStream.js';
import type { SnapshotStore } from '../snapshots/SnapshotStore.js';
import { resultOf } from './resultOf.js';
import { timeline, type TimelineEntry, type TimelineOptions } from '../audit/timeline.js';
import { verifyLog, type VerifyOptions, type VerifyResult } from '../audit/verifyLog.js';
import { decree09Calendar, periodDueAt, periodOpensAt, type ReportingCalendar } from '../reportingCalendar.js';
import { localDate, localMidnight } from '../resolveDeadline.js';
import type { UnitRef } from '../schemas/primitives.js';
import { planStream, taskStream } from './streams.js';
import { toPlanView, toTaskView, type PlanView, type TaskView } from './views.js';
import { builtinProjections } from '../projections/builtinProjections.js';
import { memoryReadModels } from '../projections/memoryReadModels.js';
import type { Projection } from '../projections/Projection.js';
import { ProjectionRunner } from '../projections/ProjectionRunner.js';
import { createQueries, type Queries } from '../projections/queries.js';
import type { ReadModels } from '../projections/ReadModels.js';

export type EngineOptions = {
  store: EventStore;
  clock?: Clock;
  policy?: Policy;
  /** How many times a command is re-decided after a `CONFLICT` before the error reaches the caller. */
  maxRetries?: number;
  /** Reporting periods for plans with a periodic reporting regime (default: Decree 09/2019/NĐ-CP). */
  reportingCalendar?: ReportingCalendar;
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
};

export type DueSoon = {
  tasks: TaskView[];
  reports: { planId: string; requestId: string; subject: string; dueAt: string; units: UnitRef[] }[];
};

type Commands = { [C in CommandName]: (input: CommandInput<C>) => Promise<CommandResults[C]> };

export type Engine = Commands & {
  /** Appends the `task.overdue` and `report.overdue` events due at `clock.now()`; resolves to them. */
  tick(): Promise<StoredEvent[]>;
  getTask(taskId: string): Promise<TaskView>;
  getPlan(planId: string): Promise<PlanView>;
  /** The tasks of a plan, in the order they were added. */
  getTasks(planId: string): Promise<TaskView[]>;
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
  /** Questions answered from the read models (brought up to date first). */
  readonly queries: Queries;
  /** The projection runner behind `queries`: `catchUp()`, `rebuild(name)`. */
  readonly projections: ProjectionRunner;
  readonly readModels: ReadModels;
  readonly store: EventStore;
  readonly clock: Clock;
};

/** Lead units of tasks in these states owe periodic reports. */
const OBLIGED_STATES: ReadonlySet<string> = new Set(['assigned', 'acknowledged', 'in_progress', 'submitted']);

function fieldOf(path: readonly PropertyKey[]): string {
  return path.map(String).join('.') || '(input)';
}

/** Run plans and tasks on an event store: every decision asked of the machines, every change an event. */
export function createEngine(options: EngineOptions): Engine {
  const { store } = options;
  const clock = options.clock ?? systemClock();
  const policy = options.policy ?? defaultPolicy;
  const maxRetries = options.maxRetries ?? 8;
  const state = new LiveState();
  const reportingCalendar = options.reportingCalendar ?? decree09Calendar;
  const readModels = options.readModels ?? memoryReadModels();
  const runner = new ProjectionRunner({ store, readModels, projections: options.projections ?? builtinProjections });

  let catchingUp: Promise<void> = Promise.resolve();
  /** Fold into the live state whatever the log has beyond what it has seen (one catch-up at a time). */
  function catchUp(): Promise<void> {
    const run = catchingUp.then(async () => {
      for await (const event of store.readAll({ fromPosition: state.position + 1 })) state.apply(event);
    });
    catchingUp = run.catch(() => undefined);
    return run.catch((error: unknown) => {
      throw isPlanlogError(error) ? error : new PlanlogError('STORE', `reading the log failed: ${String(error)}`, { cause: error });
    });
  }

  async function appendAndFold(requests: AppendRequest[]): Promise<StoredEvent[]> {
    const results = await store.appendMany(requests);
    await catchUp();
    return results.flatMap((result) => result.events).sort((a, b) => a.position - b.position);
  }

  async function run<C extends CommandName>(name: C, input: CommandInput<C>): Promise<CommandResult> {
    const parsed = commandSchemas[name].safeParse(input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const field = fieldOf(issue.path);
      throw new PlanlogError('VALIDATION', `${field}: ${issue.message}`, { field, details: { command: name } });
    }
    const command = parsed.data as never as Parameters<(typeof handlers)[C]>[1] & {
      actor: { unitId: string; userId?: string };
      commandId?: string;
      correlationId?: string;
      causationId?: string;
    };
    const commandId = command.commandId ?? uuidv7();
    for (let attempt = 0; ; attempt++) {
      const earlier = command.commandId === undefined ? [] : await store.readCommand(commandId);
      if (earlier.length > 0) {
        if (!earlier.some((event) => event.type === signatureEvent[name])) {
          throw new PlanlogError('VALIDATION', `commandId: ${commandId} was used by another command`, { field: 'commandId' });
        }
        return resultOf(name, earlier);
      }
      await catchUp();
      const context = new CommandContext(
        state,
        clock.now(),
        { command: name, actor: command.actor, commandId, correlationId: command.correlationId ?? commandId, causationId: command.causationId ?? null },
        policy,
      );
      (handlers[name] as (context: CommandContext, command: unknown) => void)(context, command);
      try {
        return resultOf(name, await appendAndFold(context.requests()));
      } catch (error) {
        if (!isPlanlogError(error, 'CONFLICT') || attempt >= maxRetries) throw error;
      }
    }
  }

  /** Units that can still answer a report request of the plan: lead or support of one of its open tasks. */
  function answeringUnits(plan: PlanEntry): Set<string> {
    const units = new Set<string>();
    for (const taskId of plan.taskIds) {
      const task = state.tasks.get(taskId)!.state;
      if (!OBLIGED_STATES.has(String(task.value))) continue;
      if (task.context.lead) units.add(task.context.lead.id);
      for (const unit of task.context.support) units.add(unit.id);
    }
    return units;
  }

  /**
   * The periodic report obligations (Decree 09 calendar, the plan's own due dates first) that have
   * opened by `now` on issued plans and are not yet requested: one `report.requested` per period, to
   * the lead units of the plan's open tasks.
   */
  function openPeriodicObligations(
    now: number,
    open: (planId: string, plan: PlanEntry, requestId: string, data: { units: UnitRef[]; subject: string; dueAt: string; period: string }) => void,
  ): void {
    for (const [planId, plan] of state.plans) {
      const { reporting, timeZone, issuedOn, requests } = plan.state.context;
      if (!plan.snapshot.hasTag('running') || issuedOn === null || !reporting.some((rule) => rule.period !== 'ad-hoc')) continue;
      const issuedAt = localMidnight(...(issuedOn.split('-').map(Number) as [number, number, number]), timeZone).getTime();
      const lastYear = Number(localDate(new Date(now), timeZone).slice(0, 4)) + 1;
      const units = new Map<string, UnitRef>();
      for (const taskId of plan.taskIds) {
        const task = state.tasks.get(taskId)!.state;
        if (OBLIGED_STATES.has(String(task.value)) && task.context.lead) units.set(task.context.lead.id, task.context.lead);
      }
      if (units.size === 0) continue;
      for (const rule of reporting) {
        if (rule.period === 'ad-hoc') continue;
        for (let year = Number(issuedOn.slice(0, 4)); year <= lastYear; year++) {
          for (const period of reportingCalendar[rule.period](year)) {
            const requestId = `periodic-${period.key}`;
            if (requestId in requests || periodOpensAt(period, timeZone).getTime() > now) continue;
            const dueAt = periodDueAt(period, rule, timeZone);
            if (dueAt.getTime() <= issuedAt) continue; // closed before the plan was issued
            open(planId, plan, requestId, { units: [...units.values()], subject: `Báo cáo ${period.label}`, dueAt: dueAt.toISOString(), period: period.key });
          }
        }
      }
    }
  }

  type DueBatch = { requests: AppendRequest[]; putBack: () => void };

  /**
   * The overdue events due at `at`, each decided by its machine: one append per task, one per plan
   * for its late report requests. Entries taken from the due heaps go back if the append fails.
   */
  function dueAppends(at: string, tickId: string): DueBatch {
    const now = instantMs(at);
    const requests: AppendRequest[] = [];
    const taken: { key: number; task?: { taskId: string; dueAt: string }; request?: { planId: string; requestId: string } }[] = [];
    const systemEvent = (type: NewEvent['type'], data: unknown, commandId: string) =>
      ({ id: uuidv7(), type, schemaVersion: SCHEMA_VERSION, data, actor: SYSTEM_ACTOR, commandId, causationId: null, correlationId: tickId, recordedAt: at }) as NewEvent;

    const tasksDue = new Set<string>();
    while ((state.dueTasks.peekKey() ?? Infinity) <= now) {
      const key = state.dueTasks.peekKey()!;
      const entry = state.dueTasks.pop()!;
      taken.push({ key, task: entry });
      const task = state.tasks.get(entry.taskId);
      const plan = task && state.plans.get(task.state.context.planId);
      if (!task || !plan || tasksDue.has(entry.taskId) || !plan.snapshot.hasTag('running')) continue;
      if (task.state.context.dueAt !== entry.dueAt || !canFallOverdue(task.state, at)) continue;
      tasksDue.add(entry.taskId);
      requests.push({
        streamId: taskStream(entry.taskId),
        expectedVersion: task.version,
        events: [systemEvent('task.overdue', { dueAt: entry.dueAt }, `overdue-${entry.taskId}-v${task.version}`)],
      });
    }

    // Each report.overdue is decided by the plan machine on the snapshot the plan's earlier events of
    // this batch lead to, so a unit named twice in a request (or a request met twice) is chased once.
    const latePerPlan = new Map<string, { events: NewEvent[]; snapshot: PlanEntry['snapshot'] }>();
    while ((state.dueRequests.peekKey() ?? Infinity) <= now) {
      const key = state.dueRequests.peekKey()!;
      const entry = state.dueRequests.pop()!;
      taken.push({ key, request: entry });
      const plan = state.plans.get(entry.planId);
      const request = plan?.state.context.requests[entry.requestId];
      if (!plan || !request || !plan.snapshot.hasTag('running')) continue;
      const answered = state.received.get(requestKey(entry.planId, entry.requestId));
      const able = answeringUnits(plan);
      const late = latePerPlan.get(entry.planId) ?? { events: [], snapshot: plan.snapshot };
      for (const unit of request.units) {
        // A periodic obligation follows task ownership: a unit left with no open task in the plan has
        // no way to answer it in the log and is not chased. An ad-hoc request chases every unit asked.
        if (answered?.has(unit.id) || (request.period !== null && !able.has(unit.id))) continue;
        const event = systemEvent('report.overdue', { requestId: entry.requestId, unit, dueAt: request.dueAt }, `report-overdue-${entry.planId}-v${plan.version}`);
        const next = decide(planMachine, late.snapshot, event as MachineEvent);
        if (next === null) continue;
        late.events.push(event);
        late.snapshot = next;
      }
      if (late.events.length > 0) latePerPlan.set(entry.planId, late);
    }
    openPeriodicObligations(now, (planId, plan, requestId, data) => {
      const pending = latePerPlan.get(planId) ?? { events: [], snapshot: plan.snapshot };
      const event = systemEvent('report.requested', { requestId, ...data }, `report-requested-${planId}-v${plan.version}`);
      const next = decide(planMachine, pending.snapshot, event as MachineEvent);
      if (next === null) return;
      pending.events.push(event);
      pending.snapshot = next;
      latePerPlan.set(planId, pending);
    });
    for (const [planId, { events }] of latePerPlan) {
      requests.push({ streamId: planStream(planId), expectedVersion: state.plans.get(planId)!.version, events });
    }

    return {
      requests,
      putBack() {
        for (const { key, task, request } of taken) {
          if (task) state.dueTasks.push(key, task);
          if (request) state.dueRequests.push(key, request);
        }
      },
    };
  }

  async function tick(): Promise<StoredEvent[]> {
    const at = clock.now().toISOString();
    const tickId = uuidv7();
    const appended: StoredEvent[] = [];
    for (let attempt = 0; attempt <= maxRetries; attempt++) {
      await catchUp();
      const batch = dueAppends(at, tickId);
      if (batch.requests.length === 0) return appended.sort((a, b) => a.position - b.position);
      try {
        appended.push(...(await appendAndFold(batch.requests)));
        continue;
      } catch (error) {
        batch.putBack();
        if (!isPlanlogError(error, 'CONFLICT')) throw error;
      }
      // Another engine got there first for some: the next round re-decides each on the caught-up state,
      // appending one stream at a time so one conflict does not hold back the rest.
      await catchUp();
      const single = dueAppends(at, tickId);
      single.putBack();
      for (const request of single.requests) {
        try {
          appended.push(...(await appendAndFold([request])));
        } catch (error) {
          if (!isPlanlogError(error, 'CONFLICT')) throw error;
        }
      }
    }
    return appended.sort((a, b) => a.position - b.position);
  }

  async function getTaskEntry(taskId: string) {
    if (typeof taskId !== 'string' || taskId.length === 0) throw new PlanlogError('VALIDATION', 'taskId: must be a non-empty string', { field: 'taskId' });
    await catchUp();
    const entry = state.tasks.get(taskId);
    if (!entry) throw new PlanlogError('NOT_FOUND', `taskId: no task ${taskId}`, { field: 'taskId' });
    return entry;
  }

  async function getPlanEntry(planId: string) {
    if (typeof planId !== 'string' || planId.length === 0) throw new PlanlogError('VALIDATION', 'planId: must be a non-empty string', { field: 'planId' });
    await catchUp();
    const entry = state.plans.get(planId);
    if (!entry) throw new PlanlogError('NOT_FOUND', `planId: no plan ${planId}`, { field: 'planId' });
    return entry;
  }

  const commands = Object.fromEntries(
    (Object.keys(commandSchemas) as CommandName[]).map((name) => [name, (input: never) => run(name, input)]),
  ) as Commands;

  return {
    ...commands,
    tick,
    async getTask(taskId) {
      return toTaskView(await getTaskEntry(taskId));
    },
    async getPlan(planId) {
      return toPlanView(await getPlanEntry(planId));
    },
    async getTasks(planId) {
      const plan = await getPlanEntry(planId);
      return plan.taskIds.map((taskId) => toTaskView(state.tasks.get(taskId)!));
    },
    async getPlanSummary(planId) {
      const plan = await getPlanEntry(planId);
      return summarizeTasks(plan.taskIds.map((taskId) => toTaskView(state.tasks.get(taskId)!)), clock.now());
    },
    async dueSoon({ days = 5 } = {}) {
      if (!Number.isFinite(days) || days < 0) throw new PlanlogError('VALIDATION', 'days: must be a number ≥ 0', { field: 'days' });
      await catchUp();
      const now = clock.now().getTime();
      const until = now + days * 86_400_000;
      const within = (iso: string | null) => iso !== null && Date.parse(iso) > now && Date.parse(iso) <= until;
      const tasks = [...state.tasks.values()]
        .filter((task) => within(task.state.context.dueAt) && state.plans.get(task.state.context.planId)?.snapshot.hasTag('running'))
        .filter((task) => canFallOverdue(task.state))
        .map(toTaskView)
        .sort((a, b) => a.dueAt!.localeCompare(b.dueAt!));
      const reports: DueSoon['reports'] = [];
      for (const [planId, plan] of state.plans) {
        if (!plan.snapshot.hasTag('running')) continue;
        for (const request of Object.values(plan.state.context.requests)) {
          if (!within(request.dueAt)) continue;
          const answered = state.received.get(requestKey(planId, request.requestId));
          const units = request.units.filter((unit) => !answered?.has(unit.id));
          if (units.length > 0) reports.push({ planId, requestId: request.requestId, subject: request.subject, dueAt: request.dueAt, units });
        }
      }
      reports.sort((a, b) => a.dueAt.localeCompare(b.dueAt));
      return { tasks, reports };
    },
    replay: (replayOptions) =>
      options.snapshots && replayOptions?.asOf === undefined && replayOptions?.streamId?.startsWith('task-')
        ? replayTaskStream(store, replayOptions.streamId, options.snapshots)
        : replayLog(store, replayOptions),
    verify: (verifyOptions) => verifyLog(store, verifyOptions),
    timeline: (id, timelineOptions) => timeline(store, id, timelineOptions),
    queries: createQueries(readModels, options.catchUpReadModels === false ? null : runner, clock),
    projections: runner,
    readModels,
    store,
    clock,
  };
}
