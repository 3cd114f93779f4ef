import type { StreamAppend } from '../store/EventStore.js';
import type { CalendarSettings } from '../state/CalendarSettings.js';
import { ASSIGNING_ACTOR, issueAssignment } from '../state/issueAssignment.js';
import type { LiveState } from '../state/LiveState.js';
import { newEvent, systemCommandId } from './newEvent.js';
import { planStream, taskStream } from '../state/streams.js';

export { ASSIGNING_ACTOR };

/**
 * The `task.assigned` owed to tasks an issued plan left unassigned (`LiveState.unassigned`: a task
 * with a lead added while the plan was being issued by another engine, or a log written so), as
 * issuing would have made it, by the engine itself. One group of stream appends per plan, to
 * append together: an empty one that checks the plan's version (so a plan closed meanwhile refuses the
 * lot with CONFLICT), then one per task at its version, under a command id two engines deciding the
 * same share. `planId` limits it to one plan.
 */
export function unassignedAppends(live: LiveState, calendars: CalendarSettings, at: string, correlationId: string, planId?: string): StreamAppend[][] {
  const perPlan = new Map<string, StreamAppend[]>();
  for (const taskId of live.unassigned) {
    const task = live.tasks.get(taskId)!;
    const ofPlan = task.machineState.context.planId;
    if (planId !== undefined && ofPlan !== planId) continue;
    const plan = live.plans.get(ofPlan);
    const assignment = issueAssignment(task, plan, calendars);
    if (assignment === null || plan === undefined) continue;
    const event = newEvent('task.assigned', assignment, {
      actor: ASSIGNING_ACTOR,
      commandId: systemCommandId('assign', taskId, task.version),
      causationId: null,
      correlationId,
      recordedAt: at,
    });
    const appends = perPlan.get(ofPlan) ?? [{ streamId: planStream(ofPlan), expectedVersion: plan.version, events: [] }];
    appends.push({ streamId: taskStream(taskId), expectedVersion: task.version, events: [event] });
    perPlan.set(ofPlan, appends);
  }
  return [...perPlan.values()];
}
