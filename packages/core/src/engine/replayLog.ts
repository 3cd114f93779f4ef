import { PlanlogError } from '../base/errors.js';
import type { StoredEvent } from '../schemas/events.js';
import type { EventStore } from '../store/EventStore.js';
import { LiveState } from '../state/LiveState.js';
import { replayArguments } from './readArguments.js';
import { toPlanView, toTaskView, type PlanView, type TaskView } from '../state/views.js';

export type ReplayOptions = {
  /** Only the plan or task of this stream (`plan-…` / `task-…`). */
  streamId?: string;
  /** A global position (inclusive) or an instant (events recorded at or before it). Default: the whole log. */
  asOf?: number | Date | string;
};

export type ReplayResult = {
  /** The position of the last event folded (0 when none). */
  position: number;
  plans: PlanView[];
  tasks: TaskView[];
};

function cutOf(asOf: ReplayOptions['asOf']): (event: StoredEvent) => boolean {
  if (asOf === undefined) return () => true;
  if (typeof asOf === 'number') {
    if (!Number.isInteger(asOf) || asOf < 0) throw new PlanlogError('VALIDATION', 'asOf: a position must be a whole number ≥ 0', { field: 'asOf' });
    return (event) => event.position <= asOf;
  }
  const instant = typeof asOf === 'string' ? Date.parse(asOf) : asOf instanceof Date ? asOf.getTime() : Number.NaN;
  if (Number.isNaN(instant)) throw new PlanlogError('VALIDATION', 'asOf: not a valid position, Date or ISO instant', { field: 'asOf' });
  return (event) => Date.parse(event.recordedAt) <= instant;
}

/**
 * Plans and tasks rebuilt from the log alone, folded through the machines, as they were at a
 * position or an instant. With a stream id only that plan or task is returned (the whole log up to
 * the cut is still folded, since a plan's task list comes from its tasks' streams).
 */
export async function replayLog(store: EventStore, given?: ReplayOptions): Promise<ReplayResult> {
  const options = replayArguments(given);
  const include = cutOf(options.asOf);
  const live = new LiveState({ allReports: true });
  let position = 0;
  for await (const event of store.readAll()) {
    if (typeof options.asOf === 'number' && event.position > options.asOf) break;
    if (!include(event)) continue;
    live.fold(event);
    position = event.position;
  }
  let plans = [...live.plans.values()].map(toPlanView);
  let tasks = [...live.tasks.values()].map(toTaskView);
  if (options.streamId !== undefined) {
    const id = options.streamId;
    plans = plans.filter((plan) => `plan-${plan.planId}` === id);
    tasks = tasks.filter((task) => `task-${task.taskId}` === id);
  }
  return { position, plans, tasks };
}
