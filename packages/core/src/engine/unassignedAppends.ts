import type { MachineEvent } from '../machines/machineEvent.js';
import type { AppendRequest } from '../store/EventStore.js';
import { compiledTask } from '../snapshots/compiledMachines.js';
import { issueAssignment } from './issueAssignment.js';
import { SYSTEM_ACTOR, type LiveState } from './LiveState.js';
import { newEvent } from './newEvent.js';
import { taskStream } from './streams.js';

/**
 * The `task.assigned` owed to tasks an issued plan left unassigned (`LiveState.unassigned`: a task
 * with a lead that another engine added while this plan was being issued), one append per task, as
 * issuing would have made it, by the engine itself. Its command id names the task and its version, so
 * two engines repairing the same task append it once. `planId` limits it to one plan.
 */
export function unassignedAppends(state: LiveState, at: string, correlationId: string, planId?: string): AppendRequest[] {
  const requests: AppendRequest[] = [];
  for (const taskId of state.unassigned) {
    const task = state.tasks.get(taskId)!;
    const { lead, planId: ofPlan } = task.state.context;
    const plan = state.plans.get(ofPlan);
    if (lead === null || plan === undefined || (planId !== undefined && ofPlan !== planId)) continue;
    const commandId = `assign-${taskId}-v${task.version}`;
    const event = newEvent('task.assigned', issueAssignment({ ...task.state.context, lead }, plan), {
      actor: SYSTEM_ACTOR,
      commandId,
      causationId: null,
      correlationId,
      recordedAt: at,
    });
    if (!compiledTask.can(task.state, event as MachineEvent)) continue;
    requests.push({ streamId: taskStream(taskId), expectedVersion: task.version, events: [event] });
  }
  return requests;
}
