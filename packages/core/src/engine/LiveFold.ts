import { PlanlogError, isPlanlogError } from '../errors.js';
import type { StoredEvent } from '../schemas/events.js';
import type { EventStore } from '../store/EventStore.js';
import { LiveState, type PlanEntry, type TaskEntry } from './LiveState.js';
import { idOfStream, machineKindOf } from './streams.js';

/** One event folded: its task's or plan's entry before (undefined when new) and after it. */
export type FoldStep =
  | { event: StoredEvent; task: { before: TaskEntry | undefined; after: TaskEntry }; plan?: undefined }
  | { event: StoredEvent; plan: { before: PlanEntry | undefined; after: PlanEntry }; task?: undefined };

/** Fold one logged event into `state`, and say what it changed. */
export function foldEvent(state: LiveState, event: StoredEvent): FoldStep {
  if (machineKindOf(event.type) === 'task') {
    const taskId = event.type === 'task.added' ? event.data.taskId : idOfStream(event.streamId);
    const before = state.tasks.get(taskId);
    state.apply(event);
    return { event, task: { before, after: state.tasks.get(taskId)! } };
  }
  const planId = event.type === 'plan.drafted' ? event.data.planId : idOfStream(event.streamId);
  const before = state.plans.get(planId);
  state.apply(event);
  return { event, plan: { before, after: state.plans.get(planId)! } };
}

/**
 * The one live fold of a process over a store: the `LiveState` the engine decides on and the
 * projection runner projects from. It folds each event once, whether read from the store
 * (`catchUp`) or, after an append of this process, as the store returned it (`foldAppended`), and
 * tells its listeners each step. One fold at a time, in log order.
 */
export class LiveFold {
  readonly state = new LiveState();
  private queue: Promise<void> = Promise.resolve();
  private readonly listeners = new Set<(step: FoldStep) => void>();

  constructor(private readonly store: EventStore) {}

  /** Be told of every event folded from now on; returns the way to stop. */
  listen(listener: (step: FoldStep) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Fold whatever the log has beyond what the fold has seen. `drain`, when given, is awaited after
   * every `every` events and at the end (a reader of the steps keeps up without holding them all).
   */
  catchUp(drain?: () => Promise<void>, every = 1_000): Promise<void> {
    return this.enqueue(async () => {
      let since = 0;
      for await (const event of this.store.readAll({ fromPosition: this.state.position + 1 })) {
        this.fold(event);
        if (drain !== undefined && ++since >= every) {
          since = 0;
          await drain();
        }
      }
      await drain?.();
    });
  }

  /**
   * Fold the events this process has just appended, as the store returned them, without reading them
   * back, when they follow on what the fold has seen (no one else wrote in between); otherwise read
   * the log from where the fold stands, as `catchUp` does.
   */
  foldAppended(events: readonly StoredEvent[]): Promise<void> {
    return this.enqueue(async () => {
      const fresh = events.filter((event) => event.position > this.state.position).sort((a, b) => a.position - b.position);
      if (fresh.every((event, i) => event.position === this.state.position + 1 + i)) {
        for (const event of fresh) this.fold(event);
        return;
      }
      for await (const event of this.store.readAll({ fromPosition: this.state.position + 1 })) this.fold(event);
    });
  }

  private fold(event: StoredEvent): void {
    if (this.listeners.size === 0) {
      this.state.apply(event);
      return;
    }
    const step = foldEvent(this.state, event);
    for (const listener of this.listeners) listener(step);
  }

  private enqueue(run: () => Promise<void>): Promise<void> {
    const next = this.queue.then(run);
    this.queue = next.catch(() => undefined);
    return next.catch((error: unknown) => {
      throw isPlanlogError(error) ? error : new PlanlogError('STORE', `reading the log failed: ${String(error)}`, { cause: error });
    });
  }
}
