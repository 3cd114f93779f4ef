import { obligedTaskStates, type PlanView, type ReportRequest, type TaskView, type UnitRef } from '@planlog/core';

/** A unit's answer to a report request: the first report it sent with the request's id. */
export type RequestAnswer = { unit: UnitRef; at: string };

/** Who answered a report request on time, who late, who still owes it (design: "chưa báo cáo"). */
export type RequestCompliance = {
  planId: string;
  requestId: string;
  /** A periodic obligation of the plan's reporting regime, or an ad-hoc (đột xuất) request. */
  periodic: boolean;
  subject: string;
  dueAt: string;
  onTime: RequestAnswer[];
  late: RequestAnswer[];
  /** Units that owe the report and have not sent it by the cut. */
  missing: UnitRef[];
  /** Units asked that no longer owe it (no open task left in the plan, never chased) and are not counted. */
  notOwing: UnitRef[];
};

function openUnits(tasks: readonly TaskView[]): Set<string> {
  const units = new Set<string>();
  for (const task of tasks) {
    // The engine chases the units of a task in an 'obliged' state of the task machine for a periodic
    // report: the task is still open, so the unit can answer in the log.
    if (!obligedTaskStates.has(task.state)) continue;
    if (task.lead) units.add(task.lead.id);
    for (const unit of task.support) units.add(unit.id);
  }
  return units;
}

/**
 * The compliance of one report request as of `asOf`, counting only units that owe it. An answer
 * before the due instant is on time. Past it, a unit owes an ad-hoc request always, and a periodic one
 * when the engine chased it (`report.overdue`, kept in `overdueUnits`) or, before the engine's tick has
 * looked, when it still leads or supports an open task of the plan — the engine's own rule. A unit the
 * engine no longer expects an answer from is `notOwing`, neither late nor missing.
 */
export function requestCompliance(plan: PlanView, request: ReportRequest, tasks: readonly TaskView[]): RequestCompliance {
  const planTasks = tasks.filter((task) => task.planId === plan.planId);
  const open = openUnits(planTasks);
  const due = Date.parse(request.dueAt);
  const periodic = request.period !== null;
  const owes = (unit: UnitRef) => !periodic || request.overdueUnits.includes(unit.id) || open.has(unit.id);
  const result: RequestCompliance = {
    planId: plan.planId,
    requestId: request.requestId,
    periodic,
    subject: request.subject,
    dueAt: request.dueAt,
    onTime: [],
    late: [],
    missing: [],
    notOwing: [],
  };
  for (const unit of request.units) {
    const at = planTasks
      .flatMap((task) => task.reports)
      .filter((report) => report.requestId === request.requestId && report.by.unitId === unit.id)
      .map((report) => report.at)
      .sort()[0];
    if (at !== undefined && Date.parse(at) < due) result.onTime.push({ unit, at });
    else if (!owes(unit)) result.notOwing.push(unit);
    else if (at !== undefined) result.late.push({ unit, at });
    else result.missing.push(unit);
  }
  return result;
}
