import { planHasTag } from '../machines/rulesVersions.js';
import type { UnitRef } from '../schemas/primitives.js';
import { canFallOverdue, requestKey, type LiveState, type PlanEntry, type TaskEntry } from '../state/LiveState.js';
import type { TaskView } from '../state/views.js';

const planIsRunning = (plan: PlanEntry | undefined): boolean => plan !== undefined && planHasTag(plan, 'running');

/** Reminders (nhắc hạn): what falls due soon, unfinished or unanswered. */
export type DueSoon = {
  tasks: TaskView[];
  reports: { planId: string; requestId: string; subject: string; dueAt: string; units: UnitRef[] }[];
};

/**
 * Unfinished tasks and unanswered report requests of issued plans whose due instant falls within
 * `days` days after `now`, soonest first. Reads the live state only; appends nothing.
 */
export function dueSoonOf(live: LiveState, now: Date, days: number): Omit<DueSoon, 'tasks'> & { tasks: TaskEntry[] } {
  const from = now.getTime();
  const until = from + days * 86_400_000;
  const within = (iso: string | null) => iso !== null && Date.parse(iso) > from && Date.parse(iso) <= until;
  const tasks = [...live.tasks.values()]
    .filter((task) => within(task.machineState.context.dueAt) && planIsRunning(live.plans.get(task.machineState.context.planId)))
    .filter((task) => canFallOverdue(task.machineState))
    .sort((a, b) => a.machineState.context.dueAt!.localeCompare(b.machineState.context.dueAt!));
  const reports: DueSoon['reports'] = [];
  for (const [planId, plan] of live.plans) {
    if (!planHasTag(plan, 'running')) continue;
    for (const request of Object.values(plan.machineState.context.requests)) {
      if (!within(request.dueAt)) continue;
      const answered = live.received.get(requestKey(planId, request.requestId));
      const units = request.units.filter((unit) => !answered?.has(unit.id));
      if (units.length > 0) reports.push({ planId, requestId: request.requestId, subject: request.subject, dueAt: request.dueAt, units });
    }
  }
  reports.sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  return { tasks, reports };
}
