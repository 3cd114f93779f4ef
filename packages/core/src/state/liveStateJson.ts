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
export function liveStateJson(live: LiveState): string {
  const json: LiveStateJson = {
    position: live.position,
    plans: [...live.plans].map(([planId, entry]) => [planId, entry.machineState.value, entry.machineState.context, entry.version, entry.taskIds]),
    tasks: [...live.tasks].map(([taskId, entry]) => [taskId, entry.machineState.value, entry.machineState.context, entry.version, entry.rules]),
    received: [...live.received].map(([key, units]) => [key, [...units]]),
    datedReports: [...live.datedReports],
    datedCount: live.datedCount,
    planOrder: [...live.planOrder],
    trimmedReports: [...live.trimmedReports],
  };
  return JSON.stringify(json);
}

/**
 * The live state a checkpoint's JSON text holds, with the due indexes a full fold of the same log
 * would give (into `live`, an empty one): every task that may fall overdue at its due instant, every report request, each issued
 * plan's first reporting year, the tasks with a lead left unassigned, and every dated report to look at.
 */
export function liveStateFromJson(text: string, live = new LiveState()): LiveState {
  const json = JSON.parse(text) as LiveStateJson;
  live.position = json.position;
  for (const [planId, value, context, version, taskIds] of json.plans) {
    live.plans.set(planId, planEntry({ value, context } as CompiledState<PlanContext>, version, taskIds));
  }
  for (const [taskId, value, context, version, rules] of json.tasks) live.tasks.set(taskId, taskEntry({ value, context } as CompiledState<TaskContext>, version, rules));
  for (const [key, units] of json.received) live.received.set(key, new Set(units));
  for (const [taskId, order] of json.datedReports) {
    live.datedReports.set(taskId, order);
    live.datedReportsToCheck.add(taskId);
  }
  live.datedCount = json.datedCount;
  for (const [planId, order] of json.planOrder) live.planOrder.set(planId, order);
  for (const taskId of json.trimmedReports) live.trimmedReports.add(taskId);
  for (const [taskId, entry] of live.tasks) {
    const { dueAt, planId } = entry.machineState.context;
    if (canFallOverdue(entry.machineState, undefined, entry.rules)) live.dueTasks.push(instantMs(dueAt!), { taskId, dueAt: dueAt! });
    if (owesIssueAssignment(entry, live.plans.get(planId))) live.unassigned.add(taskId);
  }
  for (const [planId, entry] of live.plans) {
    const { issuedOn, reporting, timeZone, requests } = entry.machineState.context;
    for (const request of Object.values(requests)) live.dueRequests.push(instantMs(request.dueAt), { planId, requestId: request.requestId });
    if (issuedOn !== null && reporting.some((rule) => rule.period !== 'ad-hoc')) {
      const year = Number(issuedOn.slice(0, 4));
      live.duePeriods.push(yearOpensAt(year, timeZone), { planId, year });
    }
  }
  return live;
}
