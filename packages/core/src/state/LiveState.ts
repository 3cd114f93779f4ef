import type { SnapshotFrom } from 'xstate';
import type { CompiledState } from '../machines/compileMachine.js';
import { instantMs, type MachineEvent } from '../machines/machineEvent.js';
import { planMachine, type PlanContext } from '../machines/planMachine.js';
import { taskMachine, type TaskContext } from '../machines/taskMachine.js';
import { localMidnight } from '../calendar/localTime.js';
import type { ReportingPeriod } from '../calendar/reportingCalendar.js';
import { evolveCompiled, type MachineKind } from '../machines/evolve.js';
import { compiledRules, DEFAULT_RULES_VERSION, rulesVersion } from '../machines/rulesVersions.js';
import type { StoredEvent } from '../schemas/events.js';
import type { Actor } from '../schemas/primitives.js';
import { upcastEvent } from '../schemas/upcast.js';
// Replay folds through the step functions compiled from the machines once, at start-up.
import { compiledPlan, compiledTask } from '../machines/compiledMachines.js';
import { owesIssueAssignment } from './issueAssignment.js';
import { MinHeap } from './MinHeap.js';
import { idOfStream, machineKindOf } from './streams.js';

export type TaskSnapshot = SnapshotFrom<typeof taskMachine>;
export type PlanSnapshot = SnapshotFrom<typeof planMachine>;
/**
 * A task as the log says it is: the compiled machine's state (value and context) after the stream's
 * last event, its version, and (built on first use) the equal XState snapshot, for `hasTag`, `can`
 * and the command path, which asks XState itself.
 */
export type TaskEntry = {
  readonly machineState: CompiledState<TaskContext>;
  readonly version: number;
  /** The rules version in force for the task (its plan's): `snapshot` is resolved by that version's machine. */
  readonly rules: number;
  readonly snapshot: TaskSnapshot;
};
export type PlanEntry = { readonly machineState: CompiledState<PlanContext>; readonly version: number; readonly rules: number; readonly snapshot: PlanSnapshot; taskIds: string[] };

/** An entry whose XState snapshot is resolved from the compiled state on first use. */
class MachineEntry<C, S> {
  private resolved: S | undefined;
  constructor(
    private readonly machine: { resolveState(machineState: { value: string; context: C }): unknown },
    readonly machineState: CompiledState<C>,
    readonly version: number,
    readonly rules: number,
  ) {}
  get snapshot(): S {
    return (this.resolved ??= this.machine.resolveState(this.machineState as { value: string; context: C }) as S);
  }
}

class PlanMachineEntry extends MachineEntry<PlanContext, PlanSnapshot> {
  constructor(
    machineState: CompiledState<PlanContext>,
    version: number,
    public taskIds: string[],
  ) {
    const rules = machineState.context.rules ?? DEFAULT_RULES_VERSION;
    super(rulesVersion(rules).plan, machineState, version, rules);
  }
}

export function taskEntry(machineState: CompiledState<TaskContext>, version: number, rules = DEFAULT_RULES_VERSION): TaskEntry {
  return new MachineEntry<TaskContext, TaskSnapshot>(rulesVersion(rules).task, machineState, version, rules);
}

export function planEntry(machineState: CompiledState<PlanContext>, version: number, taskIds: string[]): PlanEntry {
  return new PlanMachineEntry(machineState, version, taskIds);
}

/**
 * Whether a task in this state would fall overdue at its due instant: its state is tagged `chased`
 * and the compiled machine (of the rules version in force, default 1) takes the `task.overdue` for its deadline.
 */
export function canFallOverdue(machineState: CompiledState<TaskContext>, at?: string, rules = DEFAULT_RULES_VERSION): boolean {
  const { dueAt } = machineState.context;
  const machines = compiledRules(rules);
  return dueAt !== null && machines.chased.has(machineState.value) && machines.task.can(machineState, overdueProbe(dueAt, at ?? dueAt));
}

/** The actor of the events the engine appends by itself (overdue). */
export const SYSTEM_ACTOR: Actor = { unitId: 'planlog', userId: 'tick' };

/** The `task.overdue` event the machine would get for a task's deadline at `at`. */
export function overdueProbe(dueAt: string, at: string): MachineEvent<'task.overdue'> {
  return { type: 'task.overdue', data: { dueAt }, actor: SYSTEM_ACTOR, recordedAt: at };
}

/** The key of a report request in `LiveState.received`: request ids are unique within a plan. */
export function requestKey(planId: string, requestId: string): string {
  return `${planId} ${requestId}`;
}

/**
 * An entry of `LiveState.duePeriods`: one period of one of an issued plan's periodic reporting rules
 * (`rule`, its index in the plan's `reporting`; `index`, the period's place among the rule's periods of
 * `year`), or, without `period`, the plan's periods closing in `year`, not yet listed.
 */
export type PeriodEntry = { planId: string; year: number; rule?: number; index?: number; period?: ReportingPeriod };

/**
 * The first instant at which a period closing in `year` counts for a tick: from 1 January of the year
 * before, local time (a tick looks at the periods of its own local year and the next one).
 */
export function yearOpensAt(year: number, timeZone: string): number {
  return localMidnight(year - 1, 1, 1, timeZone).getTime();
}

/**
 * Plans and tasks as the log says they are: every event folded through its machine, in global
 * order. Besides the snapshots it keeps the indexes the engine needs: tasks of a plan, received
 * answers to report requests, and two heaps ordered by due time (tasks that may fall overdue, report
 * requests not yet chased, reporting periods of issued plans by the instant they open), and the
 * ongoing tasks whose dated report is still to be asked for, so `tick()` touches only what is due.
 */
export class LiveState {
  position = 0;
  readonly plans = new Map<string, PlanEntry>();
  readonly tasks = new Map<string, TaskEntry>();
  /** `${planId} ${requestId}` → units that answered the request with a report. */
  readonly received = new Map<string, Set<string>>();
  readonly dueTasks = new MinHeap<{ taskId: string; dueAt: string }>();
  /**
   * Tasks with a lead still `added` in an issued plan: issuing assigns every such task in the same
   * append, so one is left only when another engine added it while this plan was being issued, or by
   * a log written otherwise (imported, `given` facts). The engine assigns them (`unassignedAppends`);
   * normally the set is empty between appends.
   */
  readonly unassigned = new Set<string>();
  readonly dueRequests = new MinHeap<{ planId: string; requestId: string }>();
  /**
   * Ongoing tasks whose deadline carries a report date (`reportBy`): `tick()` asks their leads for it.
   * Each with the order it came in (a tick asks in that order).
   */
  readonly datedReports = new Map<string, number>();
  /**
   * Of `datedReports`, those a tick has yet to look at: put here by an event of the task or the
   * plan's issue, taken out by the tick that finds nothing to ask (or asks, once the ask is appended).
   */
  readonly datedReportsToCheck = new Set<string>();
  /** How many tasks ever entered `datedReports` (the order of the next one). */
  datedCount = 0;
  /**
   * Reporting periods of issued plans with a periodic regime, by the instant they open for a tick
   * (`PeriodEntry`; a plan's next year is listed when the year before it begins). A tick takes those
   * that have opened and asks for the reports not yet requested.
   */
  readonly duePeriods = new MinHeap<PeriodEntry>();
  /**
   * Periods that opened while no task of their plan had a lead owing reports, by plan: back in
   * `duePeriods` when one of its tasks does again.
   */
  readonly waitingPeriods = new Map<string, { key: number; entry: PeriodEntry }[]>();
  /** The order plans were drafted in (a tick asks for their reports in that order). */
  readonly planOrder = new Map<string, number>();
  /**
   * Tasks whose report records the state has dropped: it keeps of a task's reports only what
   * decisions read (the last final report, which a review marks and whose submitter the policy asks
   * about, and the answers to report requests), so it grows with tasks, not with reports. Views of
   * these tasks fold their stream again (`taskViews`).
   */
  readonly trimmedReports = new Set<string>();

  /** `allReports`: keep every report record (a replay, which shows them all). */
  constructor(private readonly options: { allReports?: boolean } = {}) {}

  /** Fold one logged event (read at the current schema version of its type). */
  fold(stored: StoredEvent): void {
    const event = upcastEvent(stored);
    if (machineKindOf(event.type) === 'task') this.foldTask(event);
    else this.foldPlan(event);
    this.position = event.position;
  }

  private foldTask(event: StoredEvent): void {
    const taskId = event.type === 'task.added' ? event.data.taskId : idOfStream(event.streamId);
    const entry = this.tasks.get(taskId);
    const rules = this.rulesOf(event.type === 'task.added' ? event.data.planId : entry?.machineState.context.planId);
    const machineState = this.trimReports(taskId, this.step('task', rules, entry?.machineState ?? compiledTask.initial, event));
    this.tasks.set(taskId, taskEntry(machineState, event.version, rules));
    if (event.type === 'task.added') this.plans.get(event.data.planId)?.taskIds.push(taskId);
    this.markUnassigned(taskId);
    const deadline = machineState.context.deadline;
    if (deadline?.kind === 'ongoing' && deadline.reportBy) {
      if (!this.datedReports.has(taskId)) this.datedReports.set(taskId, this.datedCount++);
      this.datedReportsToCheck.add(taskId);
    } else {
      this.datedReports.delete(taskId);
      this.datedReportsToCheck.delete(taskId);
    }
    const waiting = this.waitingPeriods.get(machineState.context.planId);
    if (waiting !== undefined && machineState.context.lead !== null && compiledRules(rules).obliged.has(machineState.value)) {
      this.waitingPeriods.delete(machineState.context.planId);
      for (const { key, entry: period } of waiting) this.duePeriods.push(key, period);
    }
    if (event.type === 'task.reported' && event.data.requestId !== null) {
      const key = requestKey(machineState.context.planId, event.data.requestId);
      const units = this.received.get(key) ?? new Set<string>();
      units.add(event.actor.unitId);
      this.received.set(key, units);
    }
    // The heap keeps one live entry per task and deadline: push when the task becomes able to fall
    // overdue, or its deadline moves (entries left behind are dropped when they come up).
    const before = entry?.machineState;
    const couldBefore = before !== undefined && before.context.dueAt === machineState.context.dueAt && canFallOverdue(before, undefined, entry!.rules);
    if (!couldBefore && canFallOverdue(machineState, undefined, rules)) this.dueTasks.push(instantMs(machineState.context.dueAt!), { taskId, dueAt: machineState.context.dueAt! });
  }

  private foldPlan(event: StoredEvent): void {
    const planId = event.type === 'plan.drafted' ? event.data.planId : idOfStream(event.streamId);
    const entry = this.plans.get(planId);
    const inForce = entry?.rules ?? (event.type === 'plan.drafted' ? (event.data.rules ?? DEFAULT_RULES_VERSION) : DEFAULT_RULES_VERSION);
    const machineState = this.step('plan', inForce, entry?.machineState ?? compiledPlan.initial, event);
    const next = planEntry(machineState, event.version, entry?.taskIds ?? []);
    if (entry === undefined) this.planOrder.set(planId, this.planOrder.size);
    this.plans.set(planId, next);
    if (event.type === 'plan.rules_upgraded') {
      // From here on the plan's tasks are decided by the new version: their snapshots are resolved by its machine.
      for (const taskId of next.taskIds) {
        const task = this.tasks.get(taskId)!;
        this.tasks.set(taskId, taskEntry(task.machineState, task.version, next.rules));
      }
    }
    if (event.type === 'plan.issued' || event.type === 'plan.closed') {
      for (const taskId of next.taskIds) this.markUnassigned(taskId);
    }
    if (event.type === 'plan.issued') {
      for (const taskId of next.taskIds) if (this.datedReports.has(taskId)) this.datedReportsToCheck.add(taskId);
      const { issuedOn, reporting, timeZone } = machineState.context;
      if (issuedOn !== null && reporting.some((rule) => rule.period !== 'ad-hoc')) {
        const year = Number(issuedOn.slice(0, 4));
        this.duePeriods.push(yearOpensAt(year, timeZone), { planId, year });
      }
    }
    if (event.type === 'report.requested') {
      this.dueRequests.push(instantMs(event.data.dueAt), { planId, requestId: event.data.requestId });
    }
  }

  /**
   * The task's state with only the report records decisions read (see `trimmedReports`), and none of
   * their texts: the machine's record of a report holds its text, which the live state leaves in the log.
   */
  private trimReports(taskId: string, machineState: CompiledState<TaskContext>): CompiledState<TaskContext> {
    const { reports } = machineState.context;
    if (this.options.allReports === true || reports.length === 0) return machineState;
    const lastFinal = reports.findLastIndex((report) => report.final);
    const kept = reports.filter((report, i) => i === lastFinal || report.requestId !== null);
    if (kept.length < reports.length) this.trimmedReports.add(taskId);
    // Records without their texts: the machine's next step copies them as they are (no guard reads a text).
    const records = kept.map(({ text: _text, ...record }) => record) as TaskContext['reports'];
    return { value: machineState.value, context: { ...machineState.context, reports: records } };
  }

  /** Keep `unassigned` true of one task: the tasks `owesIssueAssignment` says issuing owes an assignment. */
  private markUnassigned(taskId: string): void {
    const task = this.tasks.get(taskId)!;
    if (owesIssueAssignment(task, this.plans.get(task.machineState.context.planId))) this.unassigned.add(taskId);
    else this.unassigned.delete(taskId);
  }

  /** The rules version in force for a plan's tasks (1 for a plan this state has not seen). */
  rulesOf(planId: string | undefined): number {
    return (planId === undefined ? undefined : this.plans.get(planId)?.rules) ?? DEFAULT_RULES_VERSION;
  }

  /** Fold a recorded event: the version in force first, any other carried version if it refuses (machines/evolve.ts). */
  private step<C>(kind: MachineKind, rules: number, machineState: CompiledState<C>, event: StoredEvent): CompiledState<C> {
    const next = evolveCompiled(kind, rules, machineState, event);
    if (next === null) {
      throw new Error(`the log holds an event no version of its machine accepts: ${event.type} at position ${event.position} (stream ${event.streamId}, state ${machineState.value})`);
    }
    return next.machineState;
  }
}
