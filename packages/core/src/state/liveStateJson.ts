import { createHash } from 'node:crypto';
import type { CompiledState } from '../machines/compileMachine.js';
import type { PlanContext } from '../machines/planMachine.js';
import { rulesVersions } from '../machines/rulesVersions.js';
import type { TaskContext } from '../machines/taskMachine.js';
import { machineFingerprint } from '../snapshots/machineFingerprint.js';
import { instantMs } from '../machines/machineEvent.js';
import { owesIssueAssignment } from './issueAssignment.js';
import { canFallOverdue, LiveState, planEntry, taskEntry, yearOpensAt } from './LiveState.js';
import { MinHeap } from './MinHeap.js';

/** Bump when the checkpoint's layout or what `LiveState` derives from the events changes. */
export const LIVE_CHECKPOINT_FORMAT = 1;

/**
 * The checkpoint's layout: what the log alone decides (plans, tasks, answers received, the order of
 * plans and of dated reports). The due indexes, which ticks also change (taking entries, putting them
 * back when an append fails), are not saved: a restore rebuilds them from the entries as a full fold
 * leaves them, so a checkpoint written while a tick holds entries loses none.
 */
type LiveStateJson = {
  position: number;
  plans: [planId: string, value: string, context: PlanContext, version: number, taskIds: string[]][];
  tasks: [taskId: string, value: string, context: TaskContext, version: number, rules: number][];
  received: [key: string, units: string[]][];
  datedReports: [taskId: string, order: number][];
  datedCount: number;
  planOrder: [planId: string, order: number][];
  trimmedReports: string[];
};

let fingerprint: string | undefined;

/**
 * What a checkpoint must have been folded by to be used: the machines of every rules version this
 * planlog carries (their numbers and fingerprints; a task's version is saved with it), the code of
 * the fold (`LiveState`, `MinHeap`, as source text) and the format number.
 */
export function liveCheckpointFingerprint(): string {
  fingerprint ??= createHash('sha256')
    .update(
      JSON.stringify([
        LIVE_CHECKPOINT_FORMAT,
        rulesVersions.map((rules) => [rules.version, machineFingerprint(rules.task), machineFingerprint(rules.plan)]),
        String(LiveState),
        String(MinHeap),
      ]),
    )
    .digest('hex');
  return fingerprint;
}

/** The live state as JSON text (what a checkpoint stores). */
export function liveStateJson(state: LiveState): string {
  const json: LiveStateJson = {
    position: state.position,
    plans: [...state.plans].map(([planId, entry]) => [planId, entry.state.value, entry.state.context, entry.version, entry.taskIds]),
    tasks: [...state.tasks].map(([taskId, entry]) => [taskId, entry.state.value, entry.state.context, entry.version, entry.rules]),
    received: [...state.received].map(([key, units]) => [key, [...units]]),
    datedReports: [...state.datedReports],
    datedCount: state.datedCount,
    planOrder: [...state.planOrder],
    trimmedReports: [...state.trimmedReports],
  };
  return JSON.stringify(json);
}

/**
 * The live state a checkpoint's JSON text holds, with the due indexes a full fold of the same log
 * would give (into `state`, an empty one): every task that may fall overdue at its due instant, every report request, each issued
 * plan's first reporting year, the tasks with a lead left unassigned, and every dated report to look at.
 */
export function liveStateFromJson(text: string, state = new LiveState()): LiveState {
  const json = JSON.parse(text) as LiveStateJson;
  state.position = json.position;
  for (const [planId, value, context, version, taskIds] of json.plans) {
    state.plans.set(planId, planEntry({ value, context } as CompiledState<PlanContext>, version, taskIds));
  }
  for (const [taskId, value, context, version, rules] of json.tasks) state.tasks.set(taskId, taskEntry({ value, context } as CompiledState<TaskContext>, version, rules));
  for (const [key, units] of json.received) state.received.set(key, new Set(units));
  for (const [taskId, order] of json.datedReports) {
    state.datedReports.set(taskId, order);
    state.datedReportsToCheck.add(taskId);
  }
  state.datedCount = json.datedCount;
  for (const [planId, order] of json.planOrder) state.planOrder.set(planId, order);
  for (const taskId of json.trimmedReports) state.trimmedReports.add(taskId);
  for (const [taskId, entry] of state.tasks) {
    const { dueAt, planId } = entry.state.context;
    if (canFallOverdue(entry.state, undefined, entry.rules)) state.dueTasks.push(instantMs(dueAt!), { taskId, dueAt: dueAt! });
    if (owesIssueAssignment(entry, state.plans.get(planId))) state.unassigned.add(taskId);
  }
  for (const [planId, entry] of state.plans) {
    const { issuedOn, reporting, timeZone, requests } = entry.state.context;
    for (const request of Object.values(requests)) state.dueRequests.push(instantMs(request.dueAt), { planId, requestId: request.requestId });
    if (issuedOn !== null && reporting.some((rule) => rule.period !== 'ad-hoc')) {
      const year = Number(issuedOn.slice(0, 4));
      state.duePeriods.push(yearOpensAt(year, timeZone), { planId, year });
    }
  }
  return state;
}
