import type { TaskOutcome, TaskReport, TaskState } from '../machines/taskMachine.js';
import type { PlanState, ReportRequest } from '../machines/planMachine.js';
import type { Actor, Deadline, ReportingRule, UnitRef } from '../schemas/primitives.js';
import type { PlanEntry, TaskEntry } from './LiveState.js';

/** What `getTask` returns (design §3.1). */
export type TaskView = {
  taskId: string;
  planId: string;
  ref: string | null;
  title: string;
  state: Exclude<TaskState, 'new'>;
  lead: UnitRef | null;
  support: UnitRef[];
  deadline: Deadline | null;
  dueAt: string | null;
  overdue: boolean;
  overdueEpisodes: string[];
  outcome: TaskOutcome | null;
  progress: number | null;
  reports: TaskReport[];
  cancelReason: string | null;
  addedAt: string | null;
  updatedAt: string | null;
  version: number;
};

/** What the live state keeps of a report: everything but its text, which stays in the log (`task.reported`). */
export type TaskReportRecord = Omit<TaskReport, 'text'>;

/**
 * A task as the live state holds it: the reports' records without their texts (they stay in the log),
 * and of those only what decisions read: the last final report and the answers to report requests.
 * What projections and policies see; `getTask` shows every report, with its text.
 */
export type TaskStateView = Omit<TaskView, 'reports'> & { reports: TaskReportRecord[] };

/** What `getPlan` returns (design §3.1). */
export type PlanView = {
  planId: string;
  state: Exclude<PlanState, 'new'>;
  title: string;
  number: string | null;
  issuedOn: string | null;
  issuer: UnitRef | null;
  drafter: Actor | null;
  basis: string[];
  objectives: string[];
  requirements: string[];
  reporting: ReportingRule[];
  recipients: UnitRef[];
  timeZone: string;
  workingDays: boolean;
  parentPlanId: string | null;
  requests: ReportRequest[];
  taskIds: string[];
  draftedAt: string | null;
  closedAt: string | null;
  /** The rules version the plan (and its tasks) run under: which machines decide their commands. */
  rules: number;
  version: number;
};

/** The view `getTask` gives, from an entry folded with every report's record and text (`taskViews`). */
export function toTaskView(entry: TaskEntry): TaskView {
  return { ...toTaskStateView(entry), reports: entry.machineState.context.reports };
}

/** The view without the reports' texts (the records the live state keeps). */
export function toTaskStateView(entry: TaskEntry): TaskStateView {
  const { context } = entry.machineState;
  return {
    taskId: context.taskId,
    planId: context.planId,
    ref: context.ref,
    title: context.title,
    state: entry.machineState.value as TaskView['state'],
    lead: context.lead,
    support: context.support,
    deadline: context.deadline,
    dueAt: context.dueAt,
    overdue: context.overdue,
    overdueEpisodes: context.overdueEpisodes,
    outcome: context.outcome,
    progress: context.progress,
    reports: context.reports.map(({ text: _text, ...record }) => record),
    cancelReason: context.cancelReason,
    addedAt: context.addedAt,
    updatedAt: context.updatedAt,
    version: entry.version,
  };
}

export function toPlanView(entry: PlanEntry): PlanView {
  const { context } = entry.machineState;
  return {
    planId: context.planId,
    state: entry.machineState.value as PlanView['state'],
    title: context.title,
    number: context.number,
    issuedOn: context.issuedOn,
    issuer: context.issuer,
    drafter: context.drafter,
    basis: context.basis,
    objectives: context.objectives,
    requirements: context.requirements,
    reporting: context.reporting,
    recipients: context.recipients,
    timeZone: context.timeZone,
    workingDays: context.workingDays,
    parentPlanId: context.parentPlanId,
    requests: Object.values(context.requests),
    taskIds: [...entry.taskIds],
    draftedAt: context.draftedAt,
    closedAt: context.closedAt,
    rules: entry.rules,
    version: entry.version,
  };
}
