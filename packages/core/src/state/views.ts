import type { TaskContext, TaskReport, TaskState } from '../machines/taskMachine.js';
import type { PlanContext, PlanState, ReportRequest } from '../machines/planMachine.js';
import type { PlanEntry, TaskEntry } from './LiveState.js';

/**
 * What `getTask` returns (design §3.1): the task machine's context but the outcome a pending final
 * report would have, with the machine's state and the stream's version.
 */
export type TaskView = Omit<TaskContext, 'pendingOutcome'> & {
  state: Exclude<TaskState, 'new'>;
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

/**
 * What `getPlan` returns (design §3.1): the plan machine's context with its report requests as a list,
 * the machine's state, the plan's task ids and the stream's version. `rules` is the rules version the
 * plan (and its tasks) run under: which machines decide their commands.
 */
export type PlanView = Omit<PlanContext, 'requests'> & {
  state: Exclude<PlanState, 'new'>;
  requests: ReportRequest[];
  taskIds: string[];
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
