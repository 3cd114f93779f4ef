import { LiveState } from '../engine/LiveState.js';
import { idOfStream, machineKindOf } from '../engine/streams.js';
import { toPlanView, toTaskView } from '../engine/views.js';
import type { StoredEvent } from '../schemas/events.js';
import type { EventStore } from '../store/EventStore.js';
import type { Telemetry } from '../telemetry/Telemetry.js';
import { tracedCatchUp } from '../telemetry/tracedCatchUp.js';
import type { Projection, ProjectionInput, RowChange } from './Projection.js';
import type { ReadModels } from './ReadModels.js';

export type ProjectionRunnerOptions = {
  store: EventStore;
  readModels: ReadModels;
  projections: readonly Projection[];
  /** Row changes gathered before a batch is committed (default 5,000). */
  batchSize?: number;
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
class Transition<E, V> {
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
function inputFor(state: LiveState, event: StoredEvent): ProjectionInput {
  if (machineKindOf(event.type) === 'task') {
    const taskId = event.type === 'task.added' ? event.data.taskId : idOfStream(event.streamId);
    const before = state.tasks.get(taskId);
    state.apply(event);
    return { event, task: new Transition(toTaskView, before, state.tasks.get(taskId)!) };
  }
  const planId = event.type === 'plan.drafted' ? event.data.planId : idOfStream(event.streamId);
  const before = state.plans.get(planId);
  state.apply(event);
  return { event, plan: new Transition(toPlanView, before, state.plans.get(planId)!) };
}

/**
 * Feeds the log to projections and commits their row changes with their checkpoints. It folds
 * every event through the machines itself (a projection sees the state they derived), resumes each
 * projection after its checkpoint, and stops a projection that throws at that event, recording the
 * error, while the others go on; a later catch-up retries it (after a fix, from its checkpoint).
 */
export class ProjectionRunner {
  private state = new LiveState();
  private prepared = false;
  private running: Promise<CatchUpResult> | null = null;

  constructor(private readonly options: ProjectionRunnerOptions) {}

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

  private async runOnce(): Promise<CatchUpResult> {
    const { store, readModels, projections } = this.options;
    const batchSize = this.options.batchSize ?? 5_000;
    await this.prepare();
    const status = new Map((await readModels.status()).map((entry) => [entry.projection, entry]));
    const checkpoints = new Map(projections.map((projection) => [projection.name, status.get(projection.name)?.checkpoint ?? 0]));
    // A projection behind the runner's own fold (reset, new, or a fresh process) needs the fold from the start.
    if (Math.min(...checkpoints.values()) < this.state.position) this.state = new LiveState();

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

    for await (const event of store.readAll({ fromPosition: this.state.position + 1 })) {
      const input = inputFor(this.state, event);
      for (const projection of projections) {
        if (stopped.has(projection.name) || event.position <= checkpoints.get(projection.name)!) continue;
        let changes: RowChange[];
        try {
          changes = projection.apply(input);
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          stopped.add(projection.name);
          failed.push({ projection: projection.name, position: event.position, message });
          await flush();
          await readModels.recordError(projection.name, event.position, message);
          continue;
        }
        const entry = pending.get(projection.name) ?? { changes: [], checkpoint: 0 };
        entry.changes.push(...changes);
        entry.checkpoint = event.position;
        pending.set(projection.name, entry);
        pendingCount += changes.length + 1;
      }
      if (pendingCount >= batchSize) await flush();
    }
    await flush();
    return { position: this.state.position, failed };
  }
}
