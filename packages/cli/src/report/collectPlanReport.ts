import { headingOf, taskStream, type EventStore, type Heading, type PlanView, type ReportRequest, type TaskView, type UnitRef } from '@planlog/core';
import type { PlanState } from '../commands/state.js';

export type TaskLine = { ref: string; title: string; lead: UnitRef | null; dueAt: string | null; heading: Heading };

/** Per lead unit: its tasks overdue and unfinished, and those it finished late. */
export type UnitOverdue = { unit: UnitRef; overdueUnfinished: TaskLine[]; completedLate: TaskLine[] };

/** A report request of the plan: who answered (on time or late) and who has not. */
export type RequestLine = {
  /** A periodic obligation opened from the plan's reporting regime, or an ad-hoc (đột xuất) request. */
  periodic: boolean;
  subject: string;
  dueAt: string;
  answered: { unit: UnitRef; at: string; late: boolean }[];
  missing: UnitRef[];
};

/** A change to a task recorded in the log: an extension, a reassignment, a returned report. */
export type Adjustment = { ref: string; at: string } & (
  | { kind: 'extended'; dueAt: string | null; reason: string }
  | { kind: 'reassigned'; lead: UnitRef; reason: string }
  | { kind: 'returned'; reason: string }
);

/** What the summary report of one plan says (the 4-way statistics and what explains them), before rendering. */
export type PlanReport = PlanState & {
  /** Of the tasks still in term, how many are ongoing ("thường xuyên") and never fall due. */
  ongoingInTerm: number;
  byUnit: UnitOverdue[];
  adjustments: Adjustment[];
  requests: RequestLine[];
};

/** Extensions, reassignments and returned reports up to the report's position, from each task's stream. */
async function adjustmentsOf(store: EventStore, tasks: readonly TaskView[], position: number): Promise<Adjustment[]> {
  const adjustments: Adjustment[] = [];
  for (const task of tasks) {
    const ref = task.ref ?? task.taskId;
    for (const event of await store.readStream(taskStream(task.taskId))) {
      if (event.position > position) break;
      const at = event.recordedAt;
      if (event.type === 'task.deadline_extended') adjustments.push({ ref, at, kind: 'extended', dueAt: event.data.dueAt, reason: event.data.reason });
      if (event.type === 'task.reassigned') adjustments.push({ ref, at, kind: 'reassigned', lead: event.data.lead, reason: event.data.reason });
      if (event.type === 'task.report_returned') adjustments.push({ ref, at, kind: 'returned', reason: event.data.reason });
    }
  }
  return adjustments.sort((a, b) => a.at.localeCompare(b.at) || a.ref.localeCompare(b.ref));
}

function requestLine(request: ReportRequest, tasks: readonly TaskView[]): RequestLine {
  const answered: RequestLine['answered'] = [];
  for (const unit of request.units) {
    const first = tasks
      .flatMap((task) => task.reports)
      .filter((report) => report.requestId === request.requestId && report.by.unitId === unit.id)
      .map((report) => report.at)
      .sort()[0];
    if (first) answered.push({ unit, at: first, late: Date.parse(first) >= Date.parse(request.dueAt) });
  }
  const missing = request.units.filter((unit) => !answered.some((answer) => answer.unit.id === unit.id));
  return { periodic: request.period !== null, subject: request.subject, dueAt: request.dueAt, answered, missing };
}

function byLeadUnit(lines: readonly TaskLine[]): UnitOverdue[] {
  const units = new Map<string, UnitOverdue>();
  for (const line of lines) {
    if (!line.lead || (line.heading !== 'overdueUnfinished' && line.heading !== 'completedLate')) continue;
    const entry = units.get(line.lead.id) ?? { unit: line.lead, overdueUnfinished: [], completedLate: [] };
    entry[line.heading].push(line);
    units.set(line.lead.id, entry);
  }
  return [...units.values()].sort((a, b) => b.overdueUnfinished.length - a.overdueUnfinished.length || a.unit.name.localeCompare(b.unit.name, 'vi'));
}

/**
 * The summary report of one plan as of the state's cut: each task under its heading of the 4-way
 * statistics (the engine's own rule, `headingOf`), overdue work by lead unit, adjustments, and the
 * report requests that had fallen due.
 */
export async function collectPlanReport(store: EventStore, state: PlanState): Promise<PlanReport> {
  const asOf = new Date(state.asOf.instant);
  const plan: PlanView = state.plan;
  const lines = state.tasks.map((task) => ({ ref: task.ref ?? task.taskId, title: task.title, lead: task.lead, dueAt: task.dueAt, heading: headingOf(task, asOf) }));
  return {
    ...state,
    ongoingInTerm: state.tasks.filter((task, i) => lines[i]!.heading === 'inTerm' && task.deadline?.kind === 'ongoing').length,
    byUnit: byLeadUnit(lines),
    adjustments: await adjustmentsOf(store, state.tasks, state.asOf.position),
    // Periodic obligations not yet due at the report's date are left for a later report.
    requests: plan.requests
      .filter((request) => request.period === null || Date.parse(request.dueAt) <= asOf.getTime())
      .map((request) => requestLine(request, state.tasks))
      .sort((a, b) => Number(b.periodic) - Number(a.periodic) || a.dueAt.localeCompare(b.dueAt)),
  };
}
