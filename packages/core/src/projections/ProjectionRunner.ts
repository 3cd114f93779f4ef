import { foldEvent, LiveFold, type FoldStep } from '../state/LiveFold.js';
import { LiveState } from '../state/LiveState.js';
import { toPlanView, toTaskStateView } from '../state/views.js';
import type { EventStore } from '../store/EventStore.js';
import type { Telemetry } from '../telemetry/Telemetry.js';
import { tracedCatchUp } from './tracedCatchUp.js';
import type { Projection, ProjectionInput, RowChange } from './Projection.js';
import type { ReadModels } from './ReadModels.js';

export type ProjectionRunnerOptions = {
  store: EventStore;
  readModels: ReadModels;
  projections: readonly Projection[];
  /** Row changes gathered before a batch is committed (default 5,000). */
  batchSize?: number;
  /** The live fold to project from, shared with an engine of the same store (default: one of its own). */
  fold?: LiveFold;
  /** OpenTelemetry's tracer: a `planlog.projection.catch_up` span per catch-up (docs/telemetry.md). */
  telemetry?: Telemetry;
};

export type CatchUpResult = {
  /** The position every healthy projection has reached. */
  position: number;
  /** Projections stopped at an event that made them throw. */
  failed: { projection: string; position: number; message: string }[];
};

/**
 * A task's or plan's views before and after one event, each built on first use (most projections
 * read only `after`), from entries that never change once made.
 */
class ViewChange<E, V> {
  private beforeView: V | null | undefined;
  private afterView: V | undefined;
  constructor(
    private readonly view: (entry: E) => V,
    private readonly beforeEntry: E | undefined,
    private readonly afterEntry: E,
  ) {}
  get before(): V | null {
    if (this.beforeView === undefined) this.beforeView = this.beforeEntry === undefined ? null : this.view(this.beforeEntry);
    return this.beforeView;
  }
  get after(): V {
    return (this.afterView ??= this.view(this.afterEntry));
  }
}

/** The input a projection gets for one event: the event and its plan or task before and after. */
function inputOf(step: FoldStep): ProjectionInput {
  return step.task
    ? { event: step.event, task: new ViewChange(toTaskStateView, step.task.before, step.task.after) }
    : { event: step.event, plan: new ViewChange(toPlanView, step.plan.before, step.plan.after) };
}

/** Steps of the live fold a runner keeps for its next catch-up at most (past them it folds on its own once). */
const BACKLOG_LIMIT = 10_000;
/**
 * Characters of report text the backlog holds at most (its steps hold their events): past them it is
 * dropped as past `BACKLOG_LIMIT`, so a process that folds large reports and never queries keeps no
 * report text (the live state keeps none either).
 */
const BACKLOG_TEXT_LIMIT = 8 * 1024 * 1024;

/**
 * Feeds the log to projections and commits their row changes with their checkpoints. A projection
 * sees the state the machines derived: the runner projects from the live fold it shares with the
 * engine (`options.fold`; one of its own otherwise), which folds each event once. What the fold took
 * in since the runner's last catch-up (the engine's own appends, its reads of the log) waits in a
 * backlog; a catch-up projects it, then has the fold read the rest of the log. A projection behind
 * what the backlog holds (reset, new, a fresh process's read models, a backlog past its limit) is
 * caught up by a fold of the runner's own from position 0, dropped afterwards. It resumes each
 * projection after its checkpoint, and stops a projection that throws at that event, recording the
 * error, while the others go on; a later catch-up retries it (after a fix, from its checkpoint).
 */
export class ProjectionRunner {
  private readonly fold: LiveFold;
  private prepared = false;
  private running: Promise<CatchUpResult> | null = null;
  /** Steps of the live fold not yet projected, from position `backlogFrom` on (Infinity: none kept). */
  private backlog: FoldStep[] = [];
  private backlogFrom = Infinity;
  private backlogText = 0;
  private listening = false;

  constructor(private readonly options: ProjectionRunnerOptions) {
    this.fold = options.fold ?? new LiveFold(options.store);
    // A shared fold may take in events before the first catch-up (the engine's commands): keep them.
    if (options.fold !== undefined) this.listen();
  }

  /** Bring every projection up to the end of the log (one catch-up at a time). */
  catchUp(): Promise<CatchUpResult> {
    const previous = this.running ?? Promise.resolve(null);
    const { telemetry } = this.options;
    const next = previous.catch(() => null).then(() => (telemetry ? tracedCatchUp(telemetry, () => this.runOnce()) : this.runOnce()));
    this.running = next;
    return next;
  }

  /** Forget a projection's rows and rebuild it from position 0. */
  async rebuild(projection: string): Promise<CatchUpResult> {
    // Wait for a catch-up under way, make sure the tables exist, then fold once from the start.
    await this.running?.catch(() => undefined);
    await this.prepare();
    await this.options.readModels.reset(projection);
    return this.catchUp();
  }

  private async prepare(): Promise<void> {
    if (this.prepared) return;
    await this.options.readModels.prepare(this.options.projections);
    this.prepared = true;
  }

  /** Keep the fold's steps from now on (a runner of its own fold: from its first catch-up). */
  private listen(): void {
    if (this.listening) return;
    this.listening = true;
    this.restartBacklog();
    // A fold started from a checkpoint took no steps up to it: the backlog starts after it.
    this.fold.onRestore(() => this.restartBacklog());
    this.fold.listen((step) => {
      if (this.backlogFrom === Infinity) return;
      const text = step.event.type === 'task.reported' ? step.event.data.text.length : 0;
      if (this.backlog.length >= BACKLOG_LIMIT || this.backlogText + text > BACKLOG_TEXT_LIMIT) {
        this.backlog = [];
        this.backlogText = 0;
        this.backlogFrom = Infinity;
        return;
      }
      this.backlogText += text;
      this.backlog.push(step);
    });
  }

  private restartBacklog(): void {
    this.backlog = [];
    this.backlogText = 0;
    this.backlogFrom = this.fold.live.position + 1;
  }

  private async runOnce(): Promise<CatchUpResult> {
    const { store, readModels, projections } = this.options;
    const batchSize = this.options.batchSize ?? 5_000;
    await this.prepare();
    this.listen();
    const status = new Map((await readModels.status()).map((entry) => [entry.projection, entry]));
    const checkpoints = new Map(projections.map((projection) => [projection.name, status.get(projection.name)?.checkpoint ?? 0]));
    const behind = Math.min(...checkpoints.values());
    // Projections at or past the fold need none of the steps it took before: start the backlog afresh.
    if (behind + 1 < this.backlogFrom && behind >= this.fold.live.position) this.restartBacklog();

    const failed: CatchUpResult['failed'] = [];
    const stopped = new Set<string>();
    const pending = new Map<string, { changes: RowChange[]; checkpoint: number }>();
    let pendingCount = 0;
    const flush = async () => {
      if (pending.size === 0) return;
      await readModels.apply([...pending].map(([name, { changes, checkpoint }]) => ({ projection: name, changes, checkpoint })));
      pending.clear();
      pendingCount = 0;
    };
    // Synchronous unless it must wait (a batch to commit, an error to record): no promise per event.
    const projectFrom = (step: FoldStep, input: ProjectionInput, first: number): Promise<void> | undefined => {
      const { position } = step.event;
      for (let i = first; i < projections.length; i++) {
        const projection = projections[i]!;
        if (stopped.has(projection.name) || position <= checkpoints.get(projection.name)!) continue;
        let changes: RowChange[];
        try {
          changes = projection.apply(input);
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          stopped.add(projection.name);
          failed.push({ projection: projection.name, position, message });
          return (async () => {
            await flush();
            await readModels.recordError(projection.name, position, message);
            await projectFrom(step, input, i + 1);
          })();
        }
        const entry = pending.get(projection.name) ?? { changes: [], checkpoint: 0 };
        entry.changes.push(...changes);
        entry.checkpoint = position;
        pending.set(projection.name, entry);
        pendingCount += changes.length + 1;
      }
      return pendingCount >= batchSize ? flush() : undefined;
    };
    const project = (step: FoldStep) => projectFrom(step, inputOf(step), 0);

    if (behind + 1 >= this.backlogFrom) {
      // The backlog holds every step a projection still needs: project it, and what the fold reads now.
      const drain = async () => {
        while (this.backlog.length > 0) {
          const steps = this.backlog;
          this.backlog = [];
          this.backlogText = 0;
          this.backlogFrom = this.fold.live.position + 1;
          for (const step of steps) {
            const waiting = project(step);
            if (waiting !== undefined) await waiting;
          }
        }
      };
      await this.fold.catchUp(drain);
      await flush();
      return { position: this.fold.live.position, failed };
    }

    // Behind the live fold: a fold of its own from the start, for this catch-up only.
    this.restartBacklog();
    const live = new LiveState();
    for await (const event of store.readAll()) {
      const waiting = project(foldEvent(live, event));
      if (waiting !== undefined) await waiting;
    }
    await flush();
    return { position: live.position, failed };
  }
}
