import { ownEntry } from '../machines/machineEvent.js';
import { compiledRules, planHasTag } from '../machines/rulesVersions.js';
import { periodOpensAt, periodsOfRule } from '../calendar/reportingCalendar.js';
import { localMidnight } from '../calendar/localTime.js';
import type { UnitRef } from '../schemas/primitives.js';
import { reportDueAt, taskDueAt, type CalendarSettings } from '../state/CalendarSettings.js';
import { yearOpensAt, type LiveState, type PeriodEntry, type PlanEntry } from '../state/LiveState.js';

/** Ask for a report: the tick decides it with the plan machine (a request id already asked in the batch is refused). */
export type OpenRequest = (planId: string, plan: PlanEntry, requestId: string, data: { units: UnitRef[]; subject: string; dueAt: string; period?: string }) => void;

/** What a tick took from the live state's indexes, to give back if its append fails. */
export type Taken = { periods: { key: number; entry: PeriodEntry }[]; datedReports: string[] };

/** The lead units of the plan's tasks that owe reports (tag `obliged`), in the plan's task order. */
function obligedLeads(live: LiveState, plan: PlanEntry): Map<string, UnitRef> {
  const units = new Map<string, UnitRef>();
  for (const taskId of plan.taskIds) {
    const { machineState: task, rules } = live.tasks.get(taskId)!;
    if (compiledRules(rules).obliged.has(String(task.value)) && task.context.lead) units.set(task.context.lead.id, task.context.lead);
  }
  return units;
}

/**
 * The periodic report obligations (the reporting calendar, the plan's own due forms first) that have
 * opened by `now` on issued plans and are not yet requested: one `report.requested` per period, to
 * the lead units of the plan's open tasks. Only the periods that have opened are looked at
 * (`LiveState.duePeriods`): one already requested, closed before the plan was issued, or of a closed
 * plan is dropped; one whose plan has no task with a lead owing reports waits for such a task
 * (`waitingPeriods`). The rest are asked for per plan in the order plans were drafted, by rule, year
 * and period, and returned in `taken`.
 */
export function openPeriodicObligations(live: LiveState, calendars: CalendarSettings, now: number, open: OpenRequest, taken: Taken): void {
  const opened = new Map<string, { key: number; entry: PeriodEntry }[]>();
  while ((live.duePeriods.peekKey() ?? Infinity) <= now) {
    const key = live.duePeriods.peekKey()!;
    const entry = live.duePeriods.pop()!;
    const plan = live.plans.get(entry.planId);
    if (plan === undefined || !planHasTag(plan, 'running')) continue; // closed: for good
    const { reporting, timeZone, issuedOn, requests } = plan.machineState.context;
    if (entry.period === undefined) {
      // A year's periods, listed when the year can first count; the next year waits for its own turn.
      const gate = yearOpensAt(entry.year, timeZone);
      reporting.forEach((rule, ruleIndex) => {
        periodsOfRule(calendars.reporting, rule, entry.year).forEach((period, index) => {
          live.duePeriods.push(Math.max(gate, periodOpensAt(period, timeZone).getTime()), { planId: entry.planId, year: entry.year, rule: ruleIndex, index, period });
        });
      });
      live.duePeriods.push(yearOpensAt(entry.year + 1, timeZone), { planId: entry.planId, year: entry.year + 1 });
      continue;
    }
    if (ownEntry(requests, `periodic-${entry.period.key}`) !== undefined) continue;
    const issuedAt = localMidnight(...(issuedOn!.split('-').map(Number) as [number, number, number]), timeZone).getTime();
    if (reportDueAt(entry.period, reporting[entry.rule!]!, plan.machineState.context, calendars).getTime() <= issuedAt) continue; // closed before the plan was issued
    const ofPlan = opened.get(entry.planId) ?? [];
    ofPlan.push({ key, entry });
    opened.set(entry.planId, ofPlan);
  }
  const order = (planId: string) => live.planOrder.get(planId)!;
  for (const planId of [...opened.keys()].sort((a, b) => order(a) - order(b))) {
    const plan = live.plans.get(planId)!;
    const entries = opened.get(planId)!;
    const units = obligedLeads(live, plan);
    if (units.size === 0) {
      live.waitingPeriods.set(planId, [...(live.waitingPeriods.get(planId) ?? []), ...entries]);
      continue;
    }
    entries.sort((a, b) => a.entry.rule! - b.entry.rule! || a.entry.year - b.entry.year || a.entry.index! - b.entry.index!);
    for (const { key, entry } of entries) {
      const period = entry.period!;
      const dueAt = reportDueAt(period, plan.machineState.context.reporting[entry.rule!]!, plan.machineState.context, calendars);
      open(planId, plan, `periodic-${period.key}`, { units: [...units.values()], subject: `Báo cáo ${period.label}`, dueAt: dueAt.toISOString(), period: period.key });
      taken.periods.push({ key, entry });
    }
  }
}

/**
 * The dated reports that ongoing tasks owe ("thường xuyên; báo cáo trước ngày 15/12/2026"): once the
 * task is assigned on an issued plan, one `report.requested` to its lead unit, due at the report date
 * (`task-report-N-YYYY-MM-DD`, N the task's place in the plan), chased like any request. Only the tasks
 * an event put in `datedReportsToCheck` since the last tick are looked at, in the order they came
 * into `datedReports`; each leaves it (those asked for are returned in `taken`).
 */
export function openDatedReports(live: LiveState, calendars: CalendarSettings, open: OpenRequest, taken: Taken): void {
  const order = (taskId: string) => live.datedReports.get(taskId)!;
  const toCheck = [...live.datedReportsToCheck].sort((a, b) => order(a) - order(b));
  live.datedReportsToCheck.clear();
  for (const taskId of toCheck) {
    const { machineState: task, rules } = live.tasks.get(taskId)!;
    const { planId, deadline, lead, title, ref } = task.context;
    const plan = live.plans.get(planId);
    if (!plan || !planHasTag(plan, 'running') || deadline?.kind !== 'ongoing' || !deadline.reportBy || !lead || !compiledRules(rules).obliged.has(String(task.value))) continue;
    const requestId = `task-report-${plan.taskIds.indexOf(taskId) + 1}-${deadline.reportBy.on}`;
    if (ownEntry(plan.machineState.context.requests, requestId) !== undefined) continue;
    const dueAt = taskDueAt({ kind: 'date', ...deadline.reportBy }, plan.machineState.context, calendars)!;
    open(planId, plan, requestId, { units: [lead], subject: `Báo cáo kết quả thực hiện nhiệm vụ ${ref ?? ''} ${title}`.replace(/\s+/g, ' '), dueAt });
    taken.datedReports.push(taskId);
  }
}
