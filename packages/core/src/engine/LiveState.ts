import type { SnapshotFrom } from 'xstate';
import { decide, initialSnapshotOf } from '../machines/decide.js';
import { instantMs, type MachineEvent } from '../machines/machineEvent.js';
import { planMachine } from '../machines/planMachine.js';
import { taskMachine } from '../machines/taskMachine.js';
import type { StoredEvent } from '../schemas/events.js';
import type { Actor } from '../schemas/primitives.js';
import { upcastEvent } from '../schemas/upcast.js';
import { MinHeap } from './MinHeap.js';
import { idOfStream, machineKindOf } from './streams.js';

export type TaskSnapshot = SnapshotFrom<typeof taskMachine>;
export type PlanSnapshot = SnapshotFrom<typeof planMachine>;
export type TaskEntry = { snapshot: TaskSnapshot; version: number };
export type PlanEntry = { snapshot: PlanSnapshot; version: number; taskIds: string[] };

/** The actor of the events the engine appends by itself (overdue). */
export const SYSTEM_ACTOR: Actor = { unitId: 'planlog', userId: 'tick' };

/** The `task.overdue` event the machine would get for a task's deadline at `at`. */
export function overdueProbe(dueAt: string, at: string): MachineEvent<'task.overdue'> {
  return { type: 'task.overdue', data: { dueAt }, actor: SYSTEM_ACTOR, recordedAt: at };
}

/** The key of a report request in `LiveState.received`: request ids are unique within a plan. */
export function requestKey(planId: string, requestId: string): string {
  return `${planId} ${requestId}`;
}

/**
 * Plans and tasks as the log says they are: every event folded through its machine, in global
 * order. Besides the snapshots it keeps the indexes the engine needs: tasks of a plan, received
 * answers to report requests, and two heaps ordered by due time (tasks that may fall overdue, report
 * requests not yet chased), so `tick()` never scans every task.
 */
export class LiveState {
  position = 0;
  readonly plans = new Map<string, PlanEntry>();
  readonly tasks = new Map<string, TaskEntry>();
  /** `${planId} ${requestId}` → units that answered the request with a report. */
  readonly received = new Map<string, Set<string>>();
  readonly dueTasks = new MinHeap<{ taskId: string; dueAt: string }>();
  readonly dueRequests = new MinHeap<{ planId: string; requestId: string }>();

  /** Fold one logged event (read at the current schema version of its type). */
  apply(stored: StoredEvent): void {
    const event = upcastEvent(stored);
    if (machineKindOf(event.type) === 'task') this.applyTask(event);
    else this.applyPlan(event);
    this.position = event.position;
  }

  private applyTask(event: StoredEvent): void {
    const taskId = event.type === 'task.added' ? event.data.taskId : idOfStream(event.streamId);
    const entry = this.tasks.get(taskId);
    const snapshot = this.step(taskMachine, entry?.snapshot ?? initialSnapshotOf(taskMachine), event);
    this.tasks.set(taskId, { snapshot, version: event.version });
    if (event.type === 'task.added') this.plans.get(event.data.planId)?.taskIds.push(taskId);
    if (event.type === 'task.reported' && event.data.requestId !== null) {
      const key = requestKey(snapshot.context.planId, event.data.requestId);
      const units = this.received.get(key) ?? new Set<string>();
      units.add(event.actor.unitId);
      this.received.set(key, units);
    }
    const { dueAt } = snapshot.context;
    if (dueAt !== null && decide(taskMachine, snapshot, overdueProbe(dueAt, dueAt)) !== null) {
      this.dueTasks.push(instantMs(dueAt), { taskId, dueAt });
    }
  }

  private applyPlan(event: StoredEvent): void {
    const planId = event.type === 'plan.drafted' ? event.data.planId : idOfStream(event.streamId);
    const entry = this.plans.get(planId);
    const snapshot = this.step(planMachine, entry?.snapshot ?? initialSnapshotOf(planMachine), event);
    this.plans.set(planId, { snapshot, version: event.version, taskIds: entry?.taskIds ?? [] });
    if (event.type === 'report.requested') {
      this.dueRequests.push(instantMs(event.data.dueAt), { planId, requestId: event.data.requestId });
    }
  }

  private step<M extends typeof taskMachine | typeof planMachine>(machine: M, snapshot: SnapshotFrom<M>, event: StoredEvent): SnapshotFrom<M> {
    const next = decide(machine, snapshot, event);
    if (next === null) {
      throw new Error(
        `the log holds an event its machine refuses: ${event.type} at position ${event.position} (stream ${event.streamId}, state ${String((snapshot as { value: unknown }).value)})`,
      );
    }
    return next;
  }
}
