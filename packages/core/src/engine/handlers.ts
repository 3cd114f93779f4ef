import { v7 as uuidv7 } from 'uuid';
import { PlanlogError } from '../base/errors.js';
import { taskDueAt } from '../state/CalendarSettings.js';
import type { Command, CommandName } from '../schemas/commands.js';
import type { EventType } from '../schemas/events.js';
import type { Deadline, ReportingRule } from '../schemas/primitives.js';
import { findEarlyDue } from '../calendar/findEarlyDue.js';
import { localDate } from '../calendar/localTime.js';
import type { CommandRun } from './CommandRun.js';
import { compiledStateOf } from '../machines/compileMachine.js';
import { ownEntry } from '../machines/machineEvent.js';
import { issueAssignment } from '../state/issueAssignment.js';
import { planEntry, type PlanEntry, type TaskEntry } from '../state/LiveState.js';
import { DEFAULT_RULES_VERSION, rulesVersion } from '../machines/rulesVersions.js';

/** What each command resolves to: the ids it created or acted on and the position of its last event. */
export type CommandResult = { position: number; planId?: string; taskId?: string; requestId?: string };

type PlanResult = { position: number; planId: string };
type TaskResult = { position: number; taskId: string };

/** The result of each command, by name. */
export type CommandResults = {
  draftPlan: PlanResult;
  addTask: PlanResult & TaskResult;
  issuePlan: PlanResult;
  assignTask: TaskResult;
  acknowledgeTask: TaskResult;
  reportTask: TaskResult;
  acceptReport: TaskResult;
  returnReport: TaskResult;
  extendDeadline: TaskResult;
  reassignTask: TaskResult;
  cancelTask: TaskResult;
  requestReport: PlanResult & { requestId: string };
  closePlan: PlanResult;
  upgradeRules: PlanResult;
};

/** A command handler decides the command's events on the live state, through the machines. */
type Handler<C extends CommandName> = (run: CommandRun, command: Command<C>) => void;

/** The event that identifies each command in the log (used to check a repeated command id). */
export const signatureEvent: Record<CommandName, EventType> = {
  draftPlan: 'plan.drafted',
  addTask: 'task.added',
  issuePlan: 'plan.issued',
  assignTask: 'task.assigned',
  acknowledgeTask: 'task.acknowledged',
  reportTask: 'task.reported',
  acceptReport: 'task.report_accepted',
  returnReport: 'task.report_returned',
  extendDeadline: 'task.deadline_extended',
  reassignTask: 'task.reassigned',
  cancelTask: 'task.cancelled',
  requestReport: 'report.requested',
  closePlan: 'plan.closed',
  upgradeRules: 'plan.rules_upgraded',
};

/**
 * The task a command acts on and its plan, once the policy allows the actor and the plan's state lets
 * its tasks be worked (`running`: issued) or changed (`accepts-tasks`: draft or issued).
 */
function actOnTask(
  run: CommandRun,
  taskId: string,
  { tag = 'running', final }: { tag?: 'running' | 'accepts-tasks'; final?: boolean } = {},
): { task: TaskEntry; plan: PlanEntry } {
  const task = run.task(taskId);
  const plan = run.plan(task.machineState.context.planId);
  run.authorize(plan, task, final);
  run.requirePlanTag(plan, tag);
  return { task, plan };
}

function dueAt(run: CommandRun, deadline: Deadline, plan: PlanEntry): string | null {
  return taskDueAt(deadline, plan.machineState.context, run.calendars);
}

/**
 * Refuse a reporting rule whose report would be due before its period's data window closes (a
 * half-year report due 25/5 for a window to 14/6), unless the rule says `allowEarlyDue: true`; and a
 * `half` on a rule that is not half-yearly. Checked on this year's and next year's periods.
 */
function checkReportingDues(run: CommandRun, reporting: readonly ReportingRule[], timeZone: string): void {
  const year = Number(localDate(run.now, timeZone).slice(0, 4));
  reporting.forEach((rule, index) => {
    if (rule.half !== undefined && rule.period !== 'half') {
      throw new PlanlogError('VALIDATION', `reporting.${index}.half: only a half-year rule names its half`, { field: `reporting.${index}.half` });
    }
    if (rule.allowEarlyDue) return;
    const early = findEarlyDue(rule, { calendar: run.calendars.reporting, timeZone, years: [year, year + 1] });
    if (early) {
      const field = `reporting.${index}.due`;
      throw new PlanlogError(
        'VALIDATION',
        `${field}: the report of ${early.period.label} would be due at ${early.dueAt.toISOString()}, before its data window closes (${early.period.to}); set allowEarlyDue: true if the plan means it`,
        { field, details: { period: early.period.key, dueAt: early.dueAt.toISOString(), cutOffAt: early.cutOffAt.toISOString() } },
      );
    }
  });
}

export const handlers: { [C in CommandName]: Handler<C> } = {
  draftPlan(run, command) {
    const planId = command.planId ?? uuidv7();
    const issuer = command.issuer ?? { id: command.actor.unitId, name: command.actor.unitId };
    if (command.parentPlanId !== undefined) run.plan(command.parentPlanId, 'parentPlanId');
    checkReportingDues(run, command.reporting, command.timeZone);
    const rules = rulesVersion(command.rules ?? DEFAULT_RULES_VERSION).version;
    const existing = run.live.plans.get(planId);
    const drafted = run.decidePlan(
      existing,
      planId,
      run.event('plan.drafted', {
        planId,
        title: command.title,
        issuer,
        basis: command.basis,
        objectives: command.objectives,
        requirements: command.requirements,
        reporting: command.reporting,
        recipients: command.recipients,
        timeZone: command.timeZone,
        ...(command.workingDays ? { workingDays: true as const } : {}),
        parentPlanId: command.parentPlanId ?? null,
        rules,
      }),
    );
    // The policy judges the plan as it would be once drafted.
    run.authorize(planEntry(compiledStateOf(drafted), 0, []));
  },

  addTask(run, command) {
    const plan = run.plan(command.planId);
    run.authorize(plan);
    run.requirePlanTag(plan, 'accepts-tasks');
    const taskId = command.taskId ?? uuidv7();
    const deadline = command.deadline ?? null;
    const lead = command.lead ?? null;
    const added = run.decideTask(
      run.live.tasks.get(taskId),
      taskId,
      run.event('task.added', {
        taskId,
        planId: command.planId,
        ref: command.ref ?? null,
        title: command.title,
        lead,
        support: command.support,
        deadline,
        dueAt: deadline ? dueAt(run, deadline, plan) : null,
      }),
    );
    // A task added to an issued plan with a lead is assigned at once, as issuing would have done.
    const assignment = issueAssignment({ machineState: compiledStateOf(added), rules: plan.rules }, plan, run.calendars);
    if (assignment !== null) run.decideTask(undefined, taskId, run.event('task.assigned', assignment));
  },

  issuePlan(run, command) {
    const plan = run.plan(command.planId);
    run.authorize(plan);
    const issued = run.decidePlan(plan, command.planId, run.event('plan.issued', { number: command.number, issuedOn: command.issuedOn }));
    const asIssued = { machineState: compiledStateOf(issued), rules: plan.rules };
    for (const taskId of plan.taskIds) {
      const task = run.task(taskId);
      const assignment = issueAssignment(task, asIssued, run.calendars);
      if (assignment !== null) run.decideTask(task, taskId, run.event('task.assigned', assignment));
    }
  },

  assignTask(run, command) {
    const { task, plan } = actOnTask(run, command.taskId);
    run.decideTask(
      task,
      command.taskId,
      run.event('task.assigned', { lead: command.lead, support: command.support, deadline: command.deadline, dueAt: dueAt(run, command.deadline, plan) }),
    );
  },

  acknowledgeTask(run, command) {
    const { task } = actOnTask(run, command.taskId);
    run.decideTask(task, command.taskId, run.event('task.acknowledged', {}));
  },

  reportTask(run, command) {
    const { task, plan } = actOnTask(run, command.taskId, { final: command.final });
    if (command.requestId !== undefined) {
      const request = ownEntry(plan.machineState.context.requests, command.requestId);
      if (!request) {
        throw new PlanlogError('NOT_FOUND', `requestId: no report request ${command.requestId} in plan ${plan.machineState.context.planId}`, {
          field: 'requestId',
        });
      }
      if (!request.units.some((unit) => unit.id === command.actor.unitId)) {
        throw new PlanlogError('FORBIDDEN', `actor.unitId: ${command.actor.unitId} was not asked for report ${command.requestId}`, {
          field: 'actor.unitId',
        });
      }
    }
    run.decideTask(
      task,
      command.taskId,
      run.event('task.reported', {
        text: command.text,
        final: command.final,
        period: command.period ?? null,
        progress: command.progress ?? null,
        requestId: command.requestId ?? null,
      }),
    );
  },

  acceptReport(run, command) {
    const { task } = actOnTask(run, command.taskId);
    run.decideTask(task, command.taskId, run.event('task.report_accepted', { note: command.note ?? null }));
  },

  returnReport(run, command) {
    const { task } = actOnTask(run, command.taskId);
    run.decideTask(task, command.taskId, run.event('task.report_returned', { reason: command.reason }));
  },

  extendDeadline(run, command) {
    const { task, plan } = actOnTask(run, command.taskId);
    run.decideTask(
      task,
      command.taskId,
      run.event('task.deadline_extended', { deadline: command.deadline, dueAt: dueAt(run, command.deadline, plan), reason: command.reason }),
    );
  },

  reassignTask(run, command) {
    const { task } = actOnTask(run, command.taskId);
    run.decideTask(
      task,
      command.taskId,
      run.event('task.reassigned', { lead: command.lead, support: command.support ?? task.machineState.context.support, reason: command.reason }),
    );
  },

  cancelTask(run, command) {
    const { task } = actOnTask(run, command.taskId, { tag: 'accepts-tasks' });
    run.decideTask(task, command.taskId, run.event('task.cancelled', { reason: command.reason }));
  },

  requestReport(run, command) {
    const plan = run.plan(command.planId);
    run.authorize(plan);
    const requestId = command.requestId ?? uuidv7();
    run.decidePlan(
      plan,
      command.planId,
      run.event('report.requested', { requestId, units: command.units, subject: command.subject, dueAt: new Date(command.dueAt).toISOString() }),
    );
  },

  closePlan(run, command) {
    const plan = run.plan(command.planId);
    run.authorize(plan);
    run.decidePlan(plan, command.planId, run.event('plan.closed', { note: command.note ?? null }));
  },

  upgradeRules(run, command) {
    const plan = run.plan(command.planId);
    run.authorize(plan);
    const to = rulesVersion(command.version, 'version').version;
    // Whether the plan may move (not closed, to a later version) is the plan machine's answer.
    run.decidePlan(plan, command.planId, run.event('plan.rules_upgraded', { from: plan.rules, to, note: command.note ?? null }));
  },
};
