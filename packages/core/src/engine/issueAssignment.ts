import type { TaskContext } from '../machines/taskMachine.js';
import type { EventData } from '../schemas/events.js';
import type { UnitRef } from '../schemas/primitives.js';
import { taskDueAt, type CalendarSettings } from './CalendarSettings.js';
import type { PlanEntry } from './LiveState.js';

/**
 * The `task.assigned` that issuing a plan gives a task with a lead: its own lead, support and
 * deadline, or ongoing work when it names no deadline (design §3: issuing assigns every task that has
 * a lead unit). Used by issuePlan, by addTask on an issued plan, and for a task another engine added
 * while the plan was being issued.
 */
export function issueAssignment(task: Pick<TaskContext, 'support' | 'deadline'> & { lead: UnitRef }, plan: PlanEntry,
  calendars: CalendarSettings,
): EventData<'task.assigned'> {
  const deadline = task.deadline ?? { kind: 'ongoing' as const };
  return { lead: task.lead, support: task.support, deadline, dueAt: taskDueAt(deadline, plan.state.context, calendars) };
}
