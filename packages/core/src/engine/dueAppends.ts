import { decide } from '../machines/decide.js';
import { instantMs, ownEntry, type MachineEvent } from '../machines/machineEvent.js';
import { compiledRules, planHasTag, rulesVersion } from '../machines/rulesVersions.js';
import type { CalendarSettings } from '../state/CalendarSettings.js';
import type { EventData, EventType, NewEvent } from '../schemas/events.js';
import type { StreamAppend } from '../store/EventStore.js';
import { canFallOverdue, requestKey, SYSTEM_ACTOR, type LiveState, type PlanEntry } from '../state/LiveState.js';
import { newEvent, systemCommandId } from './newEvent.js';
import { openDatedReports, openPeriodicObligations, type OpenRequest, type Taken } from './reportObligations.js';
import { unassignedAppends } from './unassignedAppends.js';
import { planStream, taskStream } from '../state/streams.js';

/** Units that can still answer a report request of the plan: lead or support of one of its open tasks. */
function answeringUnits(live: LiveState, plan: PlanEntry): Set<string> {
  const units = new Set<string>();
  for (const taskId of plan.taskIds) {
    const { machineState: task, rules } = live.tasks.get(taskId)!;
    if (!compiledRules(rules).obliged.has(String(task.value))) continue;
    if (task.context.lead) units.add(task.context.lead.id);
    for (const unit of task.context.support) units.add(unit.id);
  }
  return units;
}

/**
 * What a tick appends: `appends` in one append; after a conflict, `groups` one at a time (a plan's
 * unassigned tasks stay together with the check of the plan's version).
 */
export type DueBatch = { appends: StreamAppend[]; groups: StreamAppend[][]; putBack: () => void };

/**
 * The overdue events due at `at`, each decided by its machine: one append per task, one per plan
 * for its late report requests; and the assignments owed to tasks an issued plan left unassigned
 * (`unassignedAppends`); and the report obligations that have opened (`reportObligations`). Entries
 * taken from the due indexes go back if the append fails.
 */
export function dueAppends(live: LiveState, calendars: CalendarSettings, at: string, tickId: string): DueBatch {
  const now = instantMs(at);
  const appends: StreamAppend[] = [];
  const taken: { key: number; task?: { taskId: string; dueAt: string }; request?: { planId: string; requestId: string } }[] = [];
  const systemEvent = <T extends EventType>(type: T, data: EventData<T>, commandId: string): NewEvent =>
    newEvent(type, data, { actor: SYSTEM_ACTOR, commandId, causationId: null, correlationId: tickId, recordedAt: at }) as NewEvent;

  const tasksDue = new Set<string>();
  while ((live.dueTasks.peekKey() ?? Infinity) <= now) {
    const key = live.dueTasks.peekKey()!;
    const entry = live.dueTasks.pop()!;
    taken.push({ key, task: entry });
    const task = live.tasks.get(entry.taskId);
    const plan = task && live.plans.get(task.machineState.context.planId);
    if (!task || !plan || tasksDue.has(entry.taskId) || !planHasTag(plan, 'running')) continue;
    if (task.machineState.context.dueAt !== entry.dueAt || !canFallOverdue(task.machineState, at, task.rules)) continue;
    tasksDue.add(entry.taskId);
    appends.push({
      streamId: taskStream(entry.taskId),
      expectedVersion: task.version,
      events: [systemEvent('task.overdue', { dueAt: entry.dueAt }, systemCommandId('overdue', entry.taskId, task.version))],
    });
  }

  // Each report.overdue is decided by the plan machine on the snapshot the plan's earlier events of
  // this batch lead to, so a unit named twice in a request (or a request met twice) is chased once.
  const latePerPlan = new Map<string, { events: NewEvent[]; snapshot: PlanEntry['snapshot'] }>();
  while ((live.dueRequests.peekKey() ?? Infinity) <= now) {
    const key = live.dueRequests.peekKey()!;
    const entry = live.dueRequests.pop()!;
    taken.push({ key, request: entry });
    const plan = live.plans.get(entry.planId);
    const request = plan ? ownEntry(plan.machineState.context.requests, entry.requestId) : undefined;
    if (!plan || !request || !planHasTag(plan, 'running')) continue;
    const answered = live.received.get(requestKey(entry.planId, entry.requestId));
    const able = answeringUnits(live, plan);
    const late = latePerPlan.get(entry.planId) ?? { events: [], snapshot: plan.snapshot };
    for (const unit of request.units) {
      // A periodic obligation follows task ownership: a unit left with no open task in the plan has
      // no way to answer it in the log and is not chased. An ad-hoc request chases every unit asked.
      if (answered?.has(unit.id) || (request.period !== null && !able.has(unit.id))) continue;
      const event = systemEvent('report.overdue', { requestId: entry.requestId, unit, dueAt: request.dueAt }, systemCommandId('report-overdue', entry.planId, plan.version));
      const next = decide(rulesVersion(plan.rules).plan, late.snapshot, event as MachineEvent);
      if (next === null) continue;
      late.events.push(event);
      late.snapshot = next;
    }
    if (late.events.length > 0) latePerPlan.set(entry.planId, late);
  }
  const openRequest: OpenRequest = (planId, plan, requestId, data) => {
    const pending = latePerPlan.get(planId) ?? { events: [], snapshot: plan.snapshot };
    const event = systemEvent('report.requested', { requestId, ...data }, systemCommandId('report-requested', planId, plan.version));
    const next = decide(rulesVersion(plan.rules).plan, pending.snapshot, event as MachineEvent);
    if (next === null) return;
    pending.events.push(event);
    pending.snapshot = next;
    latePerPlan.set(planId, pending);
  };
  const obligations: Taken = { periods: [], datedReports: [] };
  openPeriodicObligations(live, calendars, now, openRequest, obligations);
  openDatedReports(live, calendars, openRequest, obligations);
  for (const [planId, { events }] of latePerPlan) {
    appends.push({ streamId: planStream(planId), expectedVersion: live.plans.get(planId)!.version, events });
  }
  // An `added` task never falls overdue, so these task streams are not among the overdue ones above;
  // in the one append, a plan's version check is left out where the batch appends to that plan anyway.
  // One group at a time (after a conflict): the assignments first, since their plan check appends
  // nothing and would fail behind a report append to the same plan.
  const assigning = unassignedAppends(live, calendars, at, tickId);
  const groups = [...assigning, ...appends.map((append) => [append])];
  const streams = new Set(appends.map((append) => append.streamId));
  for (const group of assigning) appends.push(...group.filter((append) => append.events.length > 0 || !streams.has(append.streamId)));

  return {
    appends,
    groups,
    putBack() {
      for (const { key, task, request } of taken) {
        if (task) live.dueTasks.push(key, task);
        if (request) live.dueRequests.push(key, request);
      }
      for (const { key, entry } of obligations.periods) live.duePeriods.push(key, entry);
      for (const taskId of obligations.datedReports) live.datedReportsToCheck.add(taskId);
    },
  };
}
