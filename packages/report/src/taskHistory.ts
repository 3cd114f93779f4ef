import { taskStream, type EventStore, type TaskView, type UnitRef } from '@planlog/core';

/** A change to a task recorded in its stream: an extension, a reassignment, a returned report, the acceptance of its final report. */
export type TaskChange = { taskId: string; at: string } & (
  | { kind: 'extended'; dueAt: string | null; reason: string }
  | { kind: 'reassigned'; lead: UnitRef; reason: string }
  | { kind: 'returned'; reason: string }
  | { kind: 'accepted' }
);

/** The changes of each task up to `asOf` (inclusive), from the task's own stream, in the order recorded. */
export async function taskHistory(store: EventStore, tasks: readonly TaskView[], asOf: Date): Promise<TaskChange[]> {
  const changes: TaskChange[] = [];
  for (const task of tasks) {
    for (const event of await store.readStream(taskStream(task.taskId))) {
      if (Date.parse(event.recordedAt) > asOf.getTime()) break;
      const base = { taskId: task.taskId, at: event.recordedAt };
      if (event.type === 'task.deadline_extended') changes.push({ ...base, kind: 'extended', dueAt: event.data.dueAt, reason: event.data.reason });
      if (event.type === 'task.reassigned') changes.push({ ...base, kind: 'reassigned', lead: event.data.lead, reason: event.data.reason });
      if (event.type === 'task.report_returned') changes.push({ ...base, kind: 'returned', reason: event.data.reason });
      if (event.type === 'task.report_accepted') changes.push({ ...base, kind: 'accepted' });
    }
  }
  return changes.sort((a, b) => a.at.localeCompare(b.at));
}
