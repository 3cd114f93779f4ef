import { setImmediate } from 'node:timers';
import { PlanlogError, isPlanlogError } from '../base/errors.js';
import type { StoredEvent } from '../schemas/events.js';
import type { EventStore } from '../store/EventStore.js';
import type { LiveCheckpoints } from '../store/LiveCheckpoints.js';
import { LiveState, type PlanEntry, type TaskEntry } from './LiveState.js';
import { liveCheckpointFingerprint, liveStateFromJson, liveStateJson } from './liveStateJson.js';
import { idOfStream, machineKindOf } from './streams.js';

// node:timers, not the global, and taken once at load, not looked up at each call: a test that fakes
// the timers must not stall every catch-up (vi.useFakeTimers replaces the global; sinon's fake timers
// also replace the module's property, which the CommonJS build would read at each call).
const schedule = setImmediate;

/** One event folded: its task's or plan's entry before (undefined when new) and after it. */
export type FoldStep =
  | { event: StoredEvent; task: { before: TaskEntry | undefined; after: TaskEntry }; plan?: undefined }
  | { event: StoredEvent; plan: { before: PlanEntry | undefined; after: PlanEntry }; task?: undefined };

/** Fold one logged event into `live`, and say what it changed. */
export function foldEvent(live: LiveState, event: StoredEvent): FoldStep {
  if (machineKindOf(event.type) === 'task') {
    const taskId = event.type === 'task.added' ? event.data.taskId : idOfStream(event.streamId);
    const before = live.tasks.get(taskId);
    live.fold(event);
    return { event, task: { before, after: live.tasks.get(taskId)! } };
  }
  const planId = event.type === 'plan.drafted' ? event.data.planId : idOfStream(event.streamId);
  const before = live.plans.get(planId);
  live.fold(event);
  return { event, plan: { before, after: live.plans.get(planId)! } };
}

/** Where a fold keeps its checkpoints, and after how many newly folded events it writes the next one. */
export type FoldCheckpoints = { store: LiveCheckpoints; every: number };

/**
 * The one live fold of a process over a store: the `LiveState` the engine decides on and the
 * projection runner projects from. It folds each event once, whether read from the store
 * (`catchUp`) or, after an append of this process, as the store returned it (`foldAppended`), and
 * tells its listeners each step. One fold at a time, in log order.
 *
 * With `checkpoints`, a fresh fold starts from the saved checkpoint (when the running code folded it
 * and the log's event at its position has its hash) and folds only the tail; and after a fold that
 * took it `every` events past the last checkpoint it writes a new one in the background.
 */
export class LiveFold {
  readonly live = new LiveState();
  private queue: Promise<void> = Promise.resolve();
  private readonly listeners = new Set<(step: FoldStep) => void>();
  private readonly restoreListeners = new Set<() => void>();
  private started = false;
  private lastHash: string | null = null;
  private checkpointedAt = 0;
  private saving: Promise<void> | null = null;
  /** A catch-up (without `drain`) queued and not yet started, which later calls share. */
  private waitingCatchUp: Promise<void> | null = null;

  constructor(
    private readonly store: EventStore,
    private readonly checkpoints?: FoldCheckpoints,
  ) {}

  /** Be told when the fold starts from a checkpoint (its position jumps without steps). */
  onRestore(listener: () => void): () => void {
    this.restoreListeners.add(listener);
    return () => this.restoreListeners.delete(listener);
  }

  /** Write a checkpoint of the state now (after the folds queued before); resolves to its position (0: nothing folded yet, none written). */
  checkpoint(): Promise<number> {
    const next = this.queue.then(async () => {
      await this.saving;
      if (this.checkpoints === undefined || this.live.position === 0 || this.lastHash === null) return 0;
      await this.save();
      return this.live.position;
    });
    this.queue = next.then(() => undefined, () => undefined);
    return next;
  }

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
    const read = async () => {
      let since = 0;
      for await (const event of this.store.readAll({ fromPosition: this.live.position + 1 })) {
        this.fold(event);
        if (drain !== undefined && ++since >= every) {
          since = 0;
          await drain();
        }
      }
      await drain?.();
    };
    if (drain !== undefined) return this.enqueue(read);
    // Catch-ups are shared: one asked while another waits, not yet started, joins it. That one reads
    // the log after this call, so it folds everything committed before it. It is queued once the
    // event loop's current turn is done, so the commands that arrived together (requests read in one
    // I/O phase) cost one read of the log, not one each.
    if (this.waitingCatchUp !== null) return this.waitingCatchUp;
    const caughtUp = new Promise<void>((resolve, reject) => {
      schedule(() => this.enqueue(read, () => (this.waitingCatchUp = null)).then(resolve, reject));
    });
    this.waitingCatchUp = caughtUp;
    return caughtUp;
  }

  /**
   * Fold the events this process has just appended, as the store returned them, without reading them
   * back, when they follow on what the fold has seen (no one else wrote in between); otherwise read
   * the log from where the fold stands, as `catchUp` does.
   */
  foldAppended(events: readonly StoredEvent[]): Promise<void> {
    return this.enqueue(async () => {
      const fresh = events.filter((event) => event.position > this.live.position).sort((a, b) => a.position - b.position);
      if (fresh.every((event, i) => event.position === this.live.position + 1 + i)) {
        for (const event of fresh) this.fold(event);
        return;
      }
      for await (const event of this.store.readAll({ fromPosition: this.live.position + 1 })) this.fold(event);
    });
  }

  /** Start from the saved checkpoint when it is usable (a fresh fold only). */
  private async restore(): Promise<void> {
    if (this.started) return;
    this.started = true;
    if (this.checkpoints === undefined || this.live.position !== 0) return;
    // A checkpoint that cannot be read is no checkpoint: the fold starts from the log's first event.
    const saved = await this.checkpoints.store.load().catch(() => null);
    if (saved === null || saved.fingerprint !== liveCheckpointFingerprint()) return;
    let matches = false;
    for await (const event of this.store.readAll({ fromPosition: saved.position })) {
      matches = event.position === saved.position && event.hash === saved.hash;
      break;
    }
    if (!matches || this.live.position !== 0) return;
    liveStateFromJson(saved.state, this.live);
    this.lastHash = saved.hash;
    this.checkpointedAt = saved.position;
    for (const listener of this.restoreListeners) listener();
  }

  private save(): Promise<void> {
    const { position } = this.live;
    const checkpoint = { position, hash: this.lastHash!, fingerprint: liveCheckpointFingerprint(), state: liveStateJson(this.live) };
    this.checkpointedAt = position;
    return this.checkpoints!.store.save(checkpoint);
  }

  /** After a fold: write a checkpoint in the background when the state is `every` events past the last one (one write at a time; a failed write is left to the next). */
  private maybeSave(): void {
    const { checkpoints } = this;
    if (checkpoints === undefined || this.saving !== null || this.lastHash === null || this.live.position - this.checkpointedAt < checkpoints.every) return;
    this.saving = this.save()
      .catch(() => undefined)
      .finally(() => {
        this.saving = null;
      });
  }

  private fold(event: StoredEvent): void {
    this.lastHash = event.hash;
    if (this.listeners.size === 0) {
      this.live.fold(event);
      return;
    }
    const step = foldEvent(this.live, event);
    for (const listener of this.listeners) listener(step);
  }

  /** Run `run` after the folds queued before it (`started` is called when its turn comes). */
  private enqueue(run: () => Promise<void>, started?: () => void): Promise<void> {
    const next = this.queue.then(async () => {
      started?.();
      await this.restore();
      await run();
      this.maybeSave();
    });
    this.queue = next.catch(() => undefined);
    return next.catch((error: unknown) => {
      throw isPlanlogError(error) ? error : new PlanlogError('STORE', `reading the log failed: ${String(error)}`, { cause: error });
    });
  }
}
