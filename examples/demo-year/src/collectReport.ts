import { summarizeTasks, taskStream, type Engine, type PlanSummary, type TaskView, type UnitRef } from '@planlog/core';

/** The four headings of the official summary, plus cancelled work counted beside them. */
export type Heading = 'completedOnTime' | 'completedLate' | 'inTerm' | 'overdueUnfinished' | 'cancelled';

export type TaskLine = { ref: string; title: string; lead: UnitRef | null; dueAt: string | null; heading: Heading };

/** Per lead unit: its tasks overdue and unfinished, and those it finished late. */
export type UnitOverdue = { unit: UnitRef; overdueUnfinished: TaskLine[]; completedLate: TaskLine[] };

export type RequestLine = {
  /** A periodic obligation the engine opened from the plan's reporting rules, or an ad-hoc request. */
  periodic: boolean;
  subject: string;
  dueAt: string;
  answered: { unit: UnitRef; at: string; late: boolean }[];
  missing: UnitRef[];
};

/** A change to a task during the year, as the log records it. */
export type Adjustment = { ref: string; at: string } & (
  | { kind: 'extended'; dueAt: string | null; reason: string }
  | { kind: 'reassigned'; lead: UnitRef; reason: string }
  | { kind: 'returned'; reason: string }
);

export type PlanReport = {
  number: string;
  issuedOn: string;
  title: string;
  issuer: UnitRef;
  summary: PlanSummary;
  /** Of the tasks still in term, how many are ongoing ("thường xuyên") and so never fall due. */
  ongoingInTerm: number;
  byUnit: UnitOverdue[];
  adjustments: Adjustment[];
  requests: RequestLine[];
};

/** What the summary report says, independent of how it is rendered. */
export type YearReport = { year: number; asOf: string; plans: PlanReport[]; total: PlanSummary; note?: string };

/** Which heading a task falls under at `asOf`: the engine's own 4-way rule, asked of one task. */
export function headingOf(task: TaskView, asOf: Date): Heading {
  const one = summarizeTasks([task], asOf);
  if (one.cancelled) return 'cancelled';
  if (one.completedOnTime) return 'completedOnTime';
  if (one.completedLate) return 'completedLate';
  return one.overdueUnfinished ? 'overdueUnfinished' : 'inTerm';
}

/** Read the summary of each plan from the engine, as of the engine clock's now. */
export async function collectReport(engine: Engine, planIds: readonly string[], year: number): Promise<YearReport> {
  const asOf = engine.clock.now();
  const plans: PlanReport[] = [];
  for (const planId of planIds) {
    const plan = await engine.getPlan(planId);
    const tasks = await engine.getTasks(planId);
    const lines = tasks.map((task) => ({ ref: task.ref ?? task.taskId, title: task.title, lead: task.lead, dueAt: task.dueAt, heading: headingOf(task, asOf) }));

    const byUnit = new Map<string, UnitOverdue>();
    for (const line of lines) {
      if (!line.lead || (line.heading !== 'overdueUnfinished' && line.heading !== 'completedLate')) continue;
      const entry = byUnit.get(line.lead.id) ?? { unit: line.lead, overdueUnfinished: [], completedLate: [] };
      entry[line.heading].push(line);
      byUnit.set(line.lead.id, entry);
    }

    plans.push({
      number: plan.number ?? '(chưa ban hành)',
      issuedOn: plan.issuedOn ?? '',
      title: plan.title,
      issuer: plan.issuer ?? { id: '', name: '' },
      summary: await engine.getPlanSummary(planId),
      ongoingInTerm: tasks.filter((task, i) => lines[i]!.heading === 'inTerm' && task.deadline?.kind === 'ongoing').length,
      byUnit: [...byUnit.values()].sort((a, b) => b.overdueUnfinished.length - a.overdueUnfinished.length || a.unit.name.localeCompare(b.unit.name, 'vi')),
      adjustments: await adjustmentsOf(engine, tasks),
      // Periodic obligations not yet due by the report's date are left for a later report.
      requests: plan.requests
        .filter((request) => !isPeriodic(request) || Date.parse(request.dueAt) <= asOf.getTime())
        .map((request) => requestLine(request, tasks))
        .sort((a, b) => Number(b.periodic) - Number(a.periodic) || a.dueAt.localeCompare(b.dueAt)),
    });
  }
  return { year, asOf: asOf.toISOString(), plans, total: addUp(plans.map((plan) => plan.summary)) };
}

/** Extensions, reassignments and returned reports, read from each task's stream. */
async function adjustmentsOf(engine: Engine, tasks: readonly TaskView[]): Promise<Adjustment[]> {
  const adjustments: Adjustment[] = [];
  for (const task of tasks) {
    const ref = task.ref ?? task.taskId;
    for (const event of await engine.store.readStream(taskStream(task.taskId))) {
      const at = event.recordedAt;
      if (event.type === 'task.deadline_extended') adjustments.push({ ref, at, kind: 'extended', dueAt: event.data.dueAt, reason: event.data.reason });
      if (event.type === 'task.reassigned') adjustments.push({ ref, at, kind: 'reassigned', lead: event.data.lead, reason: event.data.reason });
      if (event.type === 'task.report_returned') adjustments.push({ ref, at, kind: 'returned', reason: event.data.reason });
    }
  }
  return adjustments.sort((a, b) => a.at.localeCompare(b.at) || a.ref.localeCompare(b.ref));
}

type Request = { requestId: string; subject: string; dueAt: string; units: UnitRef[]; period?: string | null };

/** Periodic obligations carry their period; the engine names them "periodic-<period>". */
function isPeriodic(request: Request): boolean {
  return (typeof request.period === 'string' && request.period.length > 0) || request.requestId.startsWith('periodic-');
}

function requestLine(request: Request, tasks: readonly TaskView[]): RequestLine {
  const answered: RequestLine['answered'] = [];
  for (const unit of request.units) {
    const reports = tasks.flatMap((task) => task.reports).filter((report) => report.requestId === request.requestId && report.by.unitId === unit.id);
    const first = reports.map((report) => report.at).sort()[0];
    if (first) answered.push({ unit, at: first, late: Date.parse(first) >= Date.parse(request.dueAt) });
  }
  const missing = request.units.filter((unit) => !answered.some((answer) => answer.unit.id === unit.id));
  return { periodic: isPeriodic(request), subject: request.subject, dueAt: request.dueAt, answered, missing };
}

function addUp(summaries: readonly PlanSummary[]): PlanSummary {
  const total: PlanSummary = { total: 0, completedOnTime: 0, completedLate: 0, inTerm: 0, overdueUnfinished: 0, cancelled: 0, fallenDue: 0, completionRate: null };
  for (const summary of summaries) {
    for (const key of ['total', 'completedOnTime', 'completedLate', 'inTerm', 'overdueUnfinished', 'cancelled', 'fallenDue'] as const) total[key] += summary[key];
  }
  total.completionRate = total.fallenDue === 0 ? null : (total.completedOnTime + total.completedLate) / total.fallenDue;
  return total;
}
