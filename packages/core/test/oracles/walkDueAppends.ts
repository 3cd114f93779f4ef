// The test oracle of the indexed tick (issue 15, item 4): \`dueAppends\` as it was before ticks became
// O(due), kept verbatim but for its imports and its name. It walks every running plan, task and
// reporting period on each call, and is what the indexed tick must append, request for request.
import { decide } from '../../src/machines/decide.js';
import { instantMs, ownEntry, type MachineEvent } from '../../src/machines/machineEvent.js';
import { planMachine } from '../../src/machines/planMachine.js';
import { obligedTaskStates } from '../../src/machines/taskMachine.js';
import { periodOpensAt, periodsOfRule } from '../../src/calendar/reportingCalendar.js';
import { localDate, localMidnight } from '../../src/calendar/localTime.js';
import { reportDueAt, taskDueAt, type CalendarSettings } from '../../src/state/CalendarSettings.js';
import type { EventData, EventType, NewEvent } from '../../src/schemas/events.js';
import type { UnitRef } from '../../src/schemas/primitives.js';
import type { StreamAppend } from '../../src/store/EventStore.js';
import { canFallOverdue, requestKey, SYSTEM_ACTOR, type LiveState, type PlanEntry } from '../../src/state/LiveState.js';
import { newEvent, systemCommandId } from '../../src/engine/newEvent.js';
import { unassignedAppends } from '../../src/engine/unassignedAppends.js';
import { planStream, taskStream } from '../../src/state/streams.js';

/** Units that can still answer a report request of the plan: lead or support of one of its open tasks. */
function answeringUnits(live: LiveState, plan: PlanEntry): Set<string> {
  const units = new Set<string>();
  for (const taskId of plan.taskIds) {
    const task = live.tasks.get(taskId)!.machineState;
    if (!obligedTaskStates.has(String(task.value))) continue;
    if (task.context.lead) units.add(task.context.lead.id);
    for (const unit of task.context.support) units.add(unit.id);
  }
  return units;
}

type OpenRequest = (planId: string, plan: PlanEntry, requestId: string, data: { units: UnitRef[]; subject: string; dueAt: string; period?: string }) => void;

/**
 * The periodic report obligations (the reporting calendar, the plan's own due forms first) that have
 * opened by `now` on issued plans and are not yet requested: one `report.requested` per period, to
 * the lead units of the plan's open tasks.
 */
function openPeriodicObligations(live: LiveState, calendars: CalendarSettings, now: number, open: OpenRequest): void {
  for (const [planId, plan] of live.plans) {
    const { reporting, timeZone, issuedOn, requests } = plan.machineState.context;
    if (!plan.snapshot.hasTag('running') || issuedOn === null || !reporting.some((rule) => rule.period !== 'ad-hoc')) continue;
    const issuedAt = localMidnight(...(issuedOn.split('-').map(Number) as [number, number, number]), timeZone).getTime();
    const lastYear = Number(localDate(new Date(now), timeZone).slice(0, 4)) + 1;
    const units = new Map<string, UnitRef>();
    for (const taskId of plan.taskIds) {
      const task = live.tasks.get(taskId)!.machineState;
      if (obligedTaskStates.has(String(task.value)) && task.context.lead) units.set(task.context.lead.id, task.context.lead);
    }
    if (units.size === 0) continue;
    for (const rule of reporting) {
      if (rule.period === 'ad-hoc') continue;
      for (let year = Number(issuedOn.slice(0, 4)); year <= lastYear; year++) {
        for (const period of periodsOfRule(calendars.reporting, rule, year)) {
          const requestId = `periodic-${period.key}`;
          if (ownEntry(requests, requestId) !== undefined || periodOpensAt(period, timeZone).getTime() > now) continue;
          const dueAt = reportDueAt(period, rule, plan.machineState.context, calendars);
          if (dueAt.getTime() <= issuedAt) continue; // closed before the plan was issued
          open(planId, plan, requestId, { units: [...units.values()], subject: `Báo cáo ${period.label}`, dueAt: dueAt.toISOString(), period: period.key });
        }
      }
    }
  }
}

/**
 * The dated reports that ongoing tasks owe ("thường xuyên; báo cáo trước ngày 15/12/2026"): once the
 * task is assigned on an issued plan, one `report.requested` to its lead unit, due at the report date
 * (`task-report-N-YYYY-MM-DD`, N the task's place in the plan), chased like any request.
 */
function openDatedReports(live: LiveState, calendars: CalendarSettings, open: OpenRequest): void {
  for (const taskId of live.datedReports.keys()) {
    const task = live.tasks.get(taskId)!.machineState;
    const { planId, deadline, lead, title, ref } = task.context;
    const plan = live.plans.get(planId);
    if (!plan?.snapshot.hasTag('running') || deadline?.kind !== 'ongoing' || !deadline.reportBy || !lead || !obligedTaskStates.has(String(task.value))) continue;
    const requestId = `task-report-${plan.taskIds.indexOf(taskId) + 1}-${deadline.reportBy.on}`;
    if (ownEntry(plan.machineState.context.requests, requestId) !== undefined) continue;
    const dueAt = taskDueAt({ kind: 'date', ...deadline.reportBy }, plan.machineState.context, calendars)!;
    open(planId, plan, requestId, { units: [lead], subject: `Báo cáo kết quả thực hiện nhiệm vụ ${ref ?? ''} ${title}`.replace(/\s+/g, ' '), dueAt });
  }
}

/**
 * What a tick appends: `appends` in one append; after a conflict, `groups` one at a time (a plan's
 * unassigned tasks stay together with the check of the plan's version).
 */
export type DueBatch = { appends: StreamAppend[]; groups: StreamAppend[][]; putBack: () => void };

/**
 * The overdue events due at `at`, each decided by its machine: one append per task, one per plan
 * for its late report requests; and the assignments owed to tasks an issued plan left unassigned
 * (`unassignedAppends`). Entries taken from the due heaps go back if the append fails.
 */
export function walkDueAppends(live: LiveState, calendars: CalendarSettings, at: string, tickId: string): DueBatch {
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
    if (!task || !plan || tasksDue.has(entry.taskId) || !plan.snapshot.hasTag('running')) continue;
    if (task.machineState.context.dueAt !== entry.dueAt || !canFallOverdue(task.machineState, at)) continue;
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
    if (!plan || !request || !plan.snapshot.hasTag('running')) continue;
    const answered = live.received.get(requestKey(entry.planId, entry.requestId));
    const able = answeringUnits(live, plan);
    const late = latePerPlan.get(entry.planId) ?? { events: [], snapshot: plan.snapshot };
    for (const unit of request.units) {
      // A periodic obligation follows task ownership: a unit left with no open task in the plan has
      // no way to answer it in the log and is not chased. An ad-hoc request chases every unit asked.
      if (answered?.has(unit.id) || (request.period !== null && !able.has(unit.id))) continue;
      const event = systemEvent('report.overdue', { requestId: entry.requestId, unit, dueAt: request.dueAt }, systemCommandId('report-overdue', entry.planId, plan.version));
      const next = decide(planMachine, late.snapshot, event as MachineEvent);
      if (next === null) continue;
      late.events.push(event);
      late.snapshot = next;
    }
    if (late.events.length > 0) latePerPlan.set(entry.planId, late);
  }
  const openRequest: OpenRequest = (planId, plan, requestId, data) => {
    const pending = latePerPlan.get(planId) ?? { events: [], snapshot: plan.snapshot };
    const event = systemEvent('report.requested', { requestId, ...data }, systemCommandId('report-requested', planId, plan.version));
    const next = decide(planMachine, pending.snapshot, event as MachineEvent);
    if (next === null) return;
    pending.events.push(event);
    pending.snapshot = next;
    latePerPlan.set(planId, pending);
  };
  openPeriodicObligations(live, calendars, now, openRequest);
  openDatedReports(live, calendars, openRequest);
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
    },
  };
}
