import {
  createEngine,
  headingOf,
  normalizeName,
  PlanlogError,
  summarizeTasks,
  unitId,
  type Engine,
  type EventStore,
  type Heading,
  type PlanSummary,
  type PlanView,
  type TaskReport,
  type TaskView,
  type UnitRef,
} from '@planlog/core';
import { resolveParticulars, type Particulars, type ResolvedParticulars } from './particulars.js';
import { nextPeriod, previousPeriod, reportPeriod, type PeriodInput, type ReportPeriod } from './reportPeriod.js';
import { requestCompliance, type RequestCompliance } from './requestCompliance.js';
import { taskHistory, type TaskChange } from './taskHistory.js';

export type CollectReportOptions = {
  /** The engine whose log is read (or give `store`). */
  engine?: Engine;
  store?: EventStore;
  /** The sending agency (cơ quan ban hành báo cáo): its unit id or ref; only the plans it issued are reported. */
  unit: string | UnitRef;
  /** '2026-Q3', '2026-H1', '2026-9M', '2026', an explicit range of local dates, or a resolved period. */
  period: PeriodInput | ReportPeriod;
  particulars?: Particulars;
  /** The report's date when `particulars.date` is not given (default: the engine's clock, else now). */
  now?: Date;
};

/** A task as the report names it, with its heading of the 4-way statistics as of the period's end. */
export type ReportTask = TaskView & { heading: Heading };

/** The unit reports on one task inside the period: each reporting unit's latest report. */
export type TaskResult = { task: ReportTask; reports: TaskReport[]; completedAt: string | null };

/** Plans → sections → tasks with reports in the period; and the tasks nobody reported on. */
export type PlanResults = { plan: PlanView; sections: { key: string; results: TaskResult[] }[]; silent: ReportTask[] };

/** The 4-way statistics of one lead unit's tasks. */
export type UnitStatistics = { unit: UnitRef; summary: PlanSummary };

/** Everything a Báo cáo says, gathered from the log before it is written in Vietnamese. */
export type ReportData = {
  sender: UnitRef;
  period: ReportPeriod;
  previous: ReportPeriod;
  next: ReportPeriod;
  plans: PlanView[];
  tasks: ReportTask[];
  summary: PlanSummary;
  /** Of the tasks in term, how many are ongoing (thường xuyên) and never fall due. */
  ongoingInTerm: number;
  /** The same plans' statistics as of the previous period's end (plans not yet issued then left out). */
  previousSummary: PlanSummary;
  results: PlanResults[];
  byUnit: UnitStatistics[];
  /** Changes recorded inside the period. */
  changes: TaskChange[];
  /** Tasks whose final report was accepted inside the period. */
  completedInPeriod: ReportTask[];
  /** Report requests due inside the period. */
  requests: RequestCompliance[];
  /** Unfinished tasks falling due in the next period. */
  dueNext: ReportTask[];
  particulars: ResolvedParticulars;
  /** For the document's properties, never its body. */
  metadata: { position: number; asOf: string; generatedAt: string; planIds: string[] };
};

const within = (at: string, period: ReportPeriod) => {
  const time = Date.parse(at);
  return time >= period.opensAt.getTime() && time < period.closesAt.getTime();
};

/** The plan's own section a task is numbered in: "II.2.b", "II.1-1" and "II" → "II". */
export function sectionOf(ref: string): string {
  return ref.split(/[.\-]/)[0]!;
}

const byRef = (a: TaskView, b: TaskView) => (a.ref ?? a.taskId).localeCompare(b.ref ?? b.taskId, 'vi', { numeric: true });

function resultsOf(plan: PlanView, tasks: ReportTask[], changes: TaskChange[], period: ReportPeriod): PlanResults {
  const sections = new Map<string, PlanResults['sections'][number]>();
  const silent: ReportTask[] = [];
  for (const task of [...tasks].sort(byRef)) {
    if (task.heading === 'cancelled') continue;
    const latest = new Map<string, TaskReport>();
    for (const report of task.reports) if (within(report.at, period)) latest.set(report.by.unitId, report);
    const completedAt = changes.find((change) => change.taskId === task.taskId && change.kind === 'accepted')?.at ?? null;
    if (latest.size === 0) {
      if (task.state !== 'completed') silent.push(task);
      continue;
    }
    const key = sectionOf(task.ref ?? task.taskId);
    const section = sections.get(key) ?? { key, results: [] };
    // The lead's report first, then the support units'.
    const reports = [...latest.values()].sort((a, b) => Number(b.by.unitId === task.lead?.id) - Number(a.by.unitId === task.lead?.id));
    section.results.push({ task, reports, completedAt });
    sections.set(key, section);
  }
  return { plan, sections: [...sections.values()], silent };
}

function statisticsByUnit(tasks: readonly ReportTask[], asOf: Date): UnitStatistics[] {
  const units = new Map<string, { unit: UnitRef; tasks: ReportTask[] }>();
  for (const task of tasks) {
    const unit = task.lead ?? { id: '', name: 'Chưa giao đơn vị chủ trì' };
    const entry = units.get(unit.id) ?? { unit, tasks: [] };
    entry.tasks.push(task);
    units.set(unit.id, entry);
  }
  return [...units.values()]
    .map(({ unit, tasks: own }) => ({ unit, summary: summarizeTasks(own, asOf) }))
    .filter(({ summary }) => summary.total > 0)
    .sort((a, b) => a.unit.name.localeCompare(b.unit.name, 'vi'));
}

async function replayPlans(engine: Engine, sender: string, asOf: Date) {
  const replayed = await engine.replay({ asOf });
  const plans = replayed.plans.filter((plan) => plan.issuer?.id === sender && plan.state !== 'draft').sort((a, b) => (a.issuedOn ?? '').localeCompare(b.issuedOn ?? '') || a.planId.localeCompare(b.planId));
  const ids = new Set(plans.map((plan) => plan.planId));
  const tasks = replayed.tasks.filter((task) => ids.has(task.planId)).map((task): ReportTask => ({ ...task, heading: headingOf(task, asOf) }));
  return { plans, tasks, position: replayed.position };
}

/**
 * The Báo cáo of one sending agency for one period, gathered from the log: the plans the agency
 * issued (drafts left out), every figure as of the period's last instant (`engine.replay` as of it),
 * and what happened inside the period (reports, acceptances, returns, extensions, requests due).
 */
export async function collectReport(options: CollectReportOptions): Promise<ReportData> {
  const engine = options.engine ?? (options.store ? createEngine({ store: options.store }) : undefined);
  if (!engine) throw new PlanlogError('VALIDATION', 'engine: give an engine or a store', { field: 'engine' });
  const sender = typeof options.unit === 'string' ? unitId(normalizeName(options.unit)) : options.unit.id;
  const asked = typeof options.unit === 'string' ? options.unit : options.unit.id;
  // The period's instants follow the time zone of the agency's plans (read once without a cut).
  const everything = await engine.replay();
  const own = everything.plans.filter((plan) => plan.issuer?.id === sender);
  if (own.length === 0) throw new PlanlogError('NOT_FOUND', `unit: no plan issued by ${asked} in the log`, { field: 'unit' });
  const timeZone = own[0]!.timeZone;
  const period = 'asOf' in Object(options.period) ? (options.period as ReportPeriod) : reportPeriod(options.period as PeriodInput, timeZone);
  const previous = previousPeriod(period);
  const next = nextPeriod(period);

  const { plans, tasks, position } = await replayPlans(engine, sender, period.asOf);
  if (plans.length === 0) throw new PlanlogError('NOT_FOUND', `unit: ${asked} had issued no plan by the end of ${period.key}`, { field: 'unit' });
  const before = await replayPlans(engine, sender, previous.asOf);
  const history = await taskHistory(engine.store, tasks, period.asOf);
  const changes = history.filter((change) => within(change.at, period));
  const completedIds = new Set(changes.filter((change) => change.kind === 'accepted').map((change) => change.taskId));
  const inPeriod = (task: ReportTask) => (task.dueAt === null ? false : Date.parse(task.dueAt) > period.asOf.getTime() && Date.parse(task.dueAt) <= next.closesAt.getTime());
  const requests = plans.flatMap((plan) =>
    plan.requests
      .filter((request) => Date.parse(request.dueAt) > period.opensAt.getTime() && Date.parse(request.dueAt) <= period.closesAt.getTime())
      .map((request) => requestCompliance(plan, request, tasks)),
  );
  const summary = summarizeTasks(tasks, period.asOf);
  const generatedAt = options.now ?? engine.clock.now();
  return {
    sender: plans[0]!.issuer!,
    period,
    previous,
    next,
    plans,
    tasks,
    summary,
    ongoingInTerm: tasks.filter((task) => task.heading === 'inTerm' && task.deadline?.kind === 'ongoing').length,
    previousSummary: summarizeTasks(before.tasks, previous.asOf),
    results: plans.map((plan) => resultsOf(plan, tasks.filter((task) => task.planId === plan.planId), changes, period)),
    byUnit: statisticsByUnit(tasks, period.asOf),
    changes,
    completedInPeriod: tasks.filter((task) => completedIds.has(task.taskId) && task.state === 'completed').sort(byRef),
    requests: requests.sort((a, b) => a.dueAt.localeCompare(b.dueAt) || Number(b.periodic) - Number(a.periodic)),
    dueNext: tasks.filter((task) => (task.heading === 'inTerm' || task.heading === 'overdueUnfinished') && task.state !== 'submitted' && inPeriod(task)).sort((a, b) => a.dueAt!.localeCompare(b.dueAt!) || byRef(a, b)),
    particulars: resolveParticulars(options.particulars ?? {}, plans, generatedAt, timeZone),
    metadata: { position, asOf: period.asOf.toISOString(), generatedAt: generatedAt.toISOString(), planIds: plans.map((plan) => plan.planId) },
  };
}
