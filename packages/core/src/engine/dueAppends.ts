import { decide } from '../machines/decide.js';
import { instantMs, ownEntry, type MachineEvent } from '../machines/machineEvent.js';
import { compiledRules, planHasTag, rulesVersion } from '../machines/rulesVersions.js';
import type { CalendarSettings } from '../state/CalendarSettings.js';
import type { EventData, EventType, NewEvent } from '../schemas/events.js';
import type { AppendRequest } from '../store/EventStore.js';
import { canFallOverdue, requestKey, SYSTEM_ACTOR, type LiveState, type PlanEntry } from '../state/LiveState.js';
import { newEvent, systemCommandId } from './newEvent.js';
import { openDatedReports, openPeriodicObligations, type OpenRequest, type Taken } from './reportObligations.js';
import { unassignedAppends } from './unassignedAppends.js';
import { planStream, taskStream } from '../state/streams.js';

/** Units that can still answer a report request of the plan: lead or support of one of its open tasks. */
function answeringUnits(state: LiveState, plan: PlanEntry): Set<string> {
  const units = new Set<string>();
  for (const taskId of plan.taskIds) {
    const { state: task, rules } = state.tasks.get(taskId)!;
    if (!compiledRules(rules).obliged.has(String(task.value))) continue;
    if (task.context.lead) units.add(task.context.lead.id);
    for (const unit of task.context.support) units.add(unit.id);
  }
  return units;
}

/**
 * What a tick appends: `requests` in one append; after a conflict, `groups` one at a time (a plan's
 * unassigned tasks stay together with the check of the plan's version).
 */
export type DueBatch = { requests: AppendRequest[]; groups: AppendRequest[][]; putBack: () => void };

/**
 * The overdue events due at `at`, each decided by its machine: one append per task, one per plan
 * for its late report requests; and the assignments owed to tasks an issued plan left unassigned
 * (`unassignedAppends`); and the report obligations that have opened (`reportObligations`). Entries
 * taken from the due indexes go back if the append fails.
 */
export function dueAppends(state: LiveState, calendars: CalendarSettings, at: string, tickId: string): DueBatch {
  const now = instantMs(at);
  const requests: AppendRequest[] = [];
  const taken: { key: number; task?: { taskId: string; dueAt: string }; request?: { planId: string; requestId: string } }[] = [];
  const systemEvent = <T extends EventType>(type: T, data: EventData<T>, commandId: string): NewEvent =>
    newEvent(type, data, { actor: SYSTEM_ACTOR, commandId, causationId: null, correlationId: tickId, recordedAt: at }) as NewEvent;

  const tasksDue = new Set<string>();
  while ((state.dueTasks.peekKey() ?? Infinity) <= now) {
    const key = state.dueTasks.peekKey()!;
    const entry = state.dueTasks.pop()!;
    taken.push({ key, task: entry });
    const task = state.tasks.get(entry.taskId);
    const plan = task && state.plans.get(task.state.context.planId);
    if (!task || !plan || tasksDue.has(entry.taskId) || !planHasTag(plan, 'running')) continue;
    if (task.state.context.dueAt !== entry.dueAt || !canFallOverdue(task.state, at, task.rules)) continue;
    tasksDue.add(entry.taskId);
    requests.push({
      streamId: taskStream(entry.taskId),
      expectedVersion: task.version,
      events: [systemEvent('task.overdue', { dueAt: entry.dueAt }, systemCommandId('overdue', entry.taskId, task.version))],
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
    const request = plan ? ownEntry(plan.state.context.requests, entry.requestId) : undefined;
    if (!plan || !request || !planHasTag(plan, 'running')) continue;
    const answered = state.received.get(requestKey(entry.planId, entry.requestId));
    const able = answeringUnits(state, plan);
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
  openPeriodicObligations(state, calendars, now, openRequest, obligations);
  openDatedReports(state, calendars, openRequest, obligations);
  for (const [planId, { events }] of latePerPlan) {
    requests.push({ streamId: planStream(planId), expectedVersion: state.plans.get(planId)!.version, events });
  }
  // An `added` task never falls overdue, so these task streams are not among the overdue ones above;
  // in the one append, a plan's version check is left out where the batch appends to that plan anyway.
  // One group at a time (after a conflict): the assignments first, since their plan check appends
  // nothing and would fail behind a report append to the same plan.
  const assigning = unassignedAppends(state, calendars, at, tickId);
  const groups = [...assigning, ...requests.map((request) => [request])];
  const streams = new Set(requests.map((request) => request.streamId));
  for (const group of assigning) requests.push(...group.filter((request) => request.events.length > 0 || !streams.has(request.streamId)));

  return {
    requests,
    groups,
    putBack() {
      for (const { key, task, request } of taken) {
        if (task) state.dueTasks.push(key, task);
        if (request) state.dueRequests.push(key, request);
      }
      for (const { key, entry } of obligations.periods) state.duePeriods.push(key, entry);
      for (const taskId of obligations.datedReports) state.datedReportsToCheck.add(taskId);
    },
  };
}
