import type { EventType } from '../schemas/events.js';

/** Each plan has its stream and each task its own. */
export const planStream = (planId: string) => `plan-${planId}`;
export const taskStream = (taskId: string) => `task-${taskId}`;

/** Which machine folds an event type: plan-level (`plan.*`, `report.*`) or task-level (`task.*`). */
export function machineKindOf(type: EventType): 'plan' | 'task' {
  return type.startsWith('task.') ? 'task' : 'plan';
}

/** The plan or task id a stream belongs to. */
export function idOfStream(streamId: string): string {
  return streamId.slice(streamId.indexOf('-') + 1);
}
