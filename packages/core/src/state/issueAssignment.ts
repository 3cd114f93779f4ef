import type { CompiledState } from '../machines/compileMachine.js';
import type { MachineEvent } from '../machines/machineEvent.js';
import type { PlanContext } from '../machines/planMachine.js';
import { compiledRules, planHasTag } from '../machines/rulesVersions.js';
import type { TaskContext } from '../machines/taskMachine.js';
import type { EventData } from '../schemas/events.js';
import type { Actor } from '../schemas/primitives.js';
import { taskDueAt, type CalendarSettings } from './CalendarSettings.js';

/** The actor of the assignments the engine completes for an issued plan. */
export const ASSIGNING_ACTOR: Actor = { unitId: 'planlog', userId: 'assign' };

/** A task or plan as the log (or a command about to append) has it: its compiled state and the rules version in force. */
type AsIs<C> = { readonly machineState: CompiledState<C>; readonly rules: number };

/**
 * The one rule of design §3 "issuing assigns every task that has a lead unit", asked of the
 * machines: a task that names a lead is owed its `task.assigned` when its plan's state carries
 * `running` and its own machine (of the rules version in force) would take that assignment now
 * (an `added` task). issuePlan, addTask on an issued plan, the live state's `unassigned` index and
 * the engine's completion of tasks another engine added while the plan was issued all ask this.
 */
export function owesIssueAssignment(task: AsIs<TaskContext>, plan: AsIs<PlanContext> | undefined): boolean {
  const { lead, support, deadline, dueAt, updatedAt } = task.machineState.context;
  if (lead === null || plan === undefined || !planHasTag(plan, 'running')) return false;
  // The assignment issuing would make (its due instant as the task has it: the transition's guards, if any, judge the rest).
  const probe: MachineEvent<'task.assigned'> = {
    type: 'task.assigned',
    data: { lead, support, deadline: deadline ?? { kind: 'ongoing' }, dueAt },
    actor: ASSIGNING_ACTOR,
    recordedAt: updatedAt ?? '',
  };
  return compiledRules(task.rules).task.can(task.machineState, probe);
}

/**
 * The `task.assigned` that issuing a plan gives a task (when `owesIssueAssignment`): its own lead,
 * support and deadline, or ongoing work when it names no deadline; null when none is owed.
 */
export function issueAssignment(task: AsIs<TaskContext>, plan: AsIs<PlanContext> | undefined, calendars: CalendarSettings): EventData<'task.assigned'> | null {
  if (!owesIssueAssignment(task, plan)) return null;
  const { lead, support } = task.machineState.context;
  const deadline = task.machineState.context.deadline ?? { kind: 'ongoing' as const };
  return { lead: lead!, support, deadline, dueAt: taskDueAt(deadline, plan!.machineState.context, calendars) };
}
