import { v7 as uuidv7 } from 'uuid';
import { systemClock, type Clock } from '../base/clock.js';
import { PlanlogError, isPlanlogError } from '../base/errors.js';
import type { EventType, StoredEvent } from '../schemas/events.js';
import type { AppendWatch } from '../store/AppendWatch.js';
import type { ConsumerCheckpoints, ConsumerLease, ParkedEvent } from '../store/ConsumerCheckpoints.js';
import type { EventStore } from '../store/EventStore.js';
import { idArgument } from '../store/storeArguments.js';
import { systemTimers, type Timers } from '../base/timers.js';
import { consumerTelemetry, telemetryArgument } from '../telemetry/consumerTelemetry.js';
import type { Telemetry } from '../telemetry/Telemetry.js';
import { parkedError } from './parkedError.js';
import { countArgument, knownOptions, msArgument, positionArgument, typesArgument } from './subscribeArguments.js';

/** What a handler is told besides the event. */
export type HandleContext = { consumer: string; /** 1 on the first call for this event, then 2, 3 … (a replay of a parked event goes on counting). */ attempt: number };

export type ConsumerOptions = {
  /** The consumer's durable name: its checkpoint, lease and parked events are kept under it. */
  name: string;
  /** The log, with the consumer-checkpoint capability (`store.consumers`: memory, SQLite, PostgreSQL). */
  store: EventStore;
  /** Called once per event, in global order; an event counts as handled when it resolves. Make it idempotent: delivery is at least once. */
  handle: (event: StoredEvent, context: HandleContext) => unknown;
  /** Where a name with no checkpoint yet starts (default 1); a name that has one goes on from there. */
  fromPosition?: number;
  /** Events read and checkpointed together (default 100): a crash re-delivers at most one batch. */
  batchSize?: number;
  /** Only events of these types reach the handler (default: every type); the others still move the checkpoint. */
  types?: readonly EventType[];
  /** Calls of the handler on one event before it is parked (default 5). */
  maxAttempts?: number;
  /** The wait before the second call (default 500 ms), doubling after each failure up to `maxBackoffMs` (default 30,000 ms). */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** How often the log is read when no append was reported (default 1,000 ms), and how often an instance without the lease tries for it. */
  pollMs?: number;
  /** How long a lease lasts unrenewed where it expires (SQLite; default 30,000 ms); renewed every third of it while running. */
  leaseMs?: number;
  clock?: Clock;
  timers?: Timers;
  /** A failure that is not the handler's (the store, a lost lease); the consumer goes on. Default: console.error. */
  onError?: (error: unknown) => void;
  /** OpenTelemetry's tracer and meter: a `planlog.consumer.handle` span per handler call, the `planlog.consumer.lag` gauge (docs/telemetry.md). */
  telemetry?: Telemetry;
};

export type Consumer = {
  readonly name: string;
  /** Whether this instance holds the name's lease now (another instance may run it). */
  readonly holding: boolean;
  /** The saved checkpoint: the position of the last event handled or parked (null: the name was never claimed). */
  position(): Promise<number | null>;
  /** The events parked under this name, with their errors. */
  parked(): Promise<ParkedEvent[]>;
  /**
   * Call the handler once more on the parked event at `position`: when it succeeds the event leaves
   * the parked list, when it throws the entry keeps the new error and this rejects with it. Runs
   * between batches, on the instance holding the lease (CONFLICT otherwise; NOT_FOUND for a position
   * not parked).
   */
  replayParked(position: number): Promise<void>;
  /** Resolves once the checkpoint reaches the head of the log as it is now (with the checkpoint). */
  caughtUp(): Promise<number>;
  /** Stop after the event being handled, save the checkpoint of what was handled, give the lease back. */
  stop(): Promise<void>;
};

const OPTIONS = ['name', 'store', 'handle', 'fromPosition', 'batchSize', 'types', 'maxAttempts', 'backoffMs', 'maxBackoffMs', 'pollMs', 'leaseMs', 'clock', 'timers', 'onError', 'telemetry'] as const;
const refuse = (field: string, message: string) => new PlanlogError('VALIDATION', `${field}: ${message}`, { field });

type Replay = { position: number; resolve: () => void; reject: (error: unknown) => void };

/**
 * A durable consumer of the log: calls `handle` on every event from its checkpoint on, in global
 * order, at least once, and saves the checkpoint after each batch in the store beside the log. A
 * handler that throws is called again after a backoff (doubling); after `maxAttempts` calls the event
 * is parked with its error (`parked()`, `replayParked()`) and the consumer goes on: never skipped
 * silently. One instance at a time runs a name (the store's lease); the others wait to take over.
 */
export function startConsumer(options: ConsumerOptions): Consumer {
  const given = knownOptions(options, OPTIONS);
  if (typeof given.name !== 'string' || given.name.trim().length === 0 || given.name.length > 200) throw refuse('name', 'must be a non-empty string of at most 200 characters');
  const name = idArgument(given.name, 'name');
  if (given.store === null || typeof given.store !== 'object' || typeof given.store.readAll !== 'function') throw refuse('store', 'must be an event store');
  const store: EventStore = given.store;
  const consumers: ConsumerCheckpoints | undefined = store.consumers;
  if (consumers === undefined) throw refuse('store', 'this store keeps no consumer checkpoints (memoryStore, sqliteStore and postgresStore do)');
  if (typeof given.handle !== 'function') throw refuse('handle', 'must be a function');
  const handle = given.handle;
  const fromPosition = positionArgument(given.fromPosition, 'fromPosition');
  const batchSize = countArgument(given.batchSize, 'batchSize', 100, 10_000);
  const types = typesArgument(given.types);
  const maxAttempts = countArgument(given.maxAttempts, 'maxAttempts', 5, 1_000);
  const backoffMs = msArgument(given.backoffMs, 'backoffMs', 500);
  const maxBackoffMs = msArgument(given.maxBackoffMs, 'maxBackoffMs', 30_000);
  const pollMs = msArgument(given.pollMs, 'pollMs', 1_000, 1);
  const leaseMs = msArgument(given.leaseMs, 'leaseMs', 30_000, 3);
  const clock = given.clock ?? systemClock();
  if (typeof clock?.now !== 'function') throw refuse('clock', 'must have now()');
  const timers = given.timers ?? systemTimers();
  if (typeof timers?.setTimeout !== 'function' || typeof timers.clearTimeout !== 'function') throw refuse('timers', 'must have setTimeout and clearTimeout');
  const onError = given.onError ?? ((error: unknown) => console.error(`planlog consumer ${name}:`, error));
  if (typeof onError !== 'function') throw refuse('onError', 'must be a function');
  const telemetry = given.telemetry === undefined ? null : consumerTelemetry(telemetryArgument(given.telemetry), name, store);
  const report = (error: unknown) => {
    try {
      onError(error);
    } catch {
      // a failing onError must not stop the consumer
    }
  };

  const owner = uuidv7();
  let stopped = false;
  let holding = false;
  let lost = false;
  let dirty = true;
  let checkpoint = 0;
  const replays: Replay[] = [];
  const waiters: { target: number; resolve: (position: number) => void; reject: (error: unknown) => void }[] = [];
  /** The waits in progress: each ends early when its condition may have changed. */
  const sleepers = new Set<() => void>();
  const wakeAll = () => {
    for (const wake of [...sleepers]) wake();
  };
  const nudge = () => {
    dirty = true;
    wakeAll();
  };

  /** Wait `ms`, or less once `done()` holds (checked again whenever something wakes the waits). */
  function rest(ms: number, done: () => boolean): Promise<void> {
    if (done()) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const finish = () => {
        sleepers.delete(check);
        timers.clearTimeout(timer);
        resolve();
      };
      const check = () => {
        if (done()) finish();
      };
      const timer = timers.setTimeout(finish, ms);
      sleepers.add(check);
    });
  }

  function settleWaiters(): void {
    for (const waiter of [...waiters]) {
      if (checkpoint >= waiter.target) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(checkpoint);
      }
    }
  }

  /** The next events after the checkpoint, at most a batch. */
  async function readBatch(): Promise<StoredEvent[]> {
    const batch: StoredEvent[] = [];
    const reader = store.readAll({ fromPosition: checkpoint + 1 })[Symbol.asyncIterator]();
    try {
      while (batch.length < batchSize) {
        const next = await reader.next();
        if (next.done) break;
        batch.push(next.value);
      }
    } finally {
      if (batch.length === batchSize) await reader.return?.();
    }
    return batch;
  }

  /** Call the handler until it succeeds (null), it has failed `maxAttempts` times (the parked entry), or the consumer stops ('stopped'). */
  async function handleWithRetries(lease: ConsumerLease, event: StoredEvent, firstAttempt = 1): Promise<ParkedEvent | null | 'stopped'> {
    for (let attempt = firstAttempt; ; attempt++) {
      if (clock.now().getTime() >= lease.until) {
        // The lease ran out unrenewed (the process stalled): another instance may run the name now.
        lost = true;
        report(new PlanlogError('CONFLICT', `consumer ${name}: the lease ran out before the next call of the handler`, { field: 'name', details: { consumer: name } }));
        return 'stopped';
      }
      try {
        const call = () => handle(event, { consumer: name, attempt });
        await (telemetry ? telemetry.handle(event, attempt, attempt - firstAttempt + 1 >= maxAttempts, call) : call());
        return null;
      } catch (error) {
        if (attempt - firstAttempt + 1 >= maxAttempts) return parkedEntry(event, error, attempt);
        await rest(Math.min(maxBackoffMs, backoffMs * 2 ** (attempt - firstAttempt)), () => stopped || lost);
        if (stopped || lost) return 'stopped';
      }
    }
  }

  function parkedEntry(event: StoredEvent, error: unknown, attempts: number): ParkedEvent {
    return { consumer: name, position: event.position, eventId: event.id, type: event.type, streamId: event.streamId, error: parkedError(error), attempts, parkedAt: clock.now().toISOString() };
  }

  async function runReplay(lease: ConsumerLease, replay: Replay): Promise<void> {
    const entry = (await consumers!.parked(name)).find((parked) => parked.position === replay.position);
    if (entry === undefined) throw new PlanlogError('NOT_FOUND', `position: no event parked at ${replay.position} for consumer ${name}`, { field: 'position' });
    const reader = store.readAll({ fromPosition: replay.position })[Symbol.asyncIterator]();
    const first = await reader.next();
    await reader.return?.();
    if (first.done || first.value.position !== replay.position) throw new PlanlogError('NOT_FOUND', `position: no event at ${replay.position}`, { field: 'position' });
    if (clock.now().getTime() >= lease.until) throw new PlanlogError('CONFLICT', `consumer ${name}: the lease ran out before the replay`, { field: 'name' });
    try {
      const call = () => handle(first.value, { consumer: name, attempt: entry.attempts + 1 });
      await (telemetry ? telemetry.handle(first.value, entry.attempts + 1, true, call) : call());
    } catch (error) {
      await lease.commit(checkpoint, [{ ...parkedEntry(first.value, error, entry.attempts + 1) }], clock.now());
      throw error;
    }
    await lease.unpark(replay.position, clock.now());
  }

  /** Run the name while the lease holds: replays first, then batches from the checkpoint. */
  async function lead(lease: ConsumerLease): Promise<void> {
    checkpoint = lease.position;
    settleWaiters();
    dirty = true;
    while (!stopped && !lost) {
      while (replays.length > 0 && !stopped && !lost) {
        const replay = replays.shift()!;
        await runReplay(lease, replay).then(replay.resolve, replay.reject);
      }
      if (!dirty) {
        await rest(pollMs, () => stopped || lost || dirty || replays.length > 0);
        if (!dirty && !stopped && !lost && replays.length === 0) dirty = true; // the poll
        continue;
      }
      dirty = false;
      await telemetry?.measureLag(checkpoint);
      const batch = await readBatch();
      if (batch.length === batchSize) dirty = true; // more may follow
      const parked: ParkedEvent[] = [];
      let last = checkpoint;
      for (const event of batch) {
        if (stopped || lost) break;
        if (types === null || types.has(event.type)) {
          const outcome = await handleWithRetries(lease, event);
          if (outcome === 'stopped') break;
          if (outcome !== null) parked.push(outcome);
        }
        last = event.position;
      }
      if (last > checkpoint && !lost) {
        await lease.commit(last, parked, clock.now());
        checkpoint = last;
        if (!dirty) await telemetry?.measureLag(checkpoint);
        settleWaiters();
      }
    }
  }

  /** Renew the lease every third of `leaseMs` until `stop` is called; a failed renewal loses it. */
  function keepLease(lease: ConsumerLease): () => void {
    let timer: unknown = null;
    let ended = false;
    const schedule = () => {
      timer = timers.setTimeout(() => {
        timer = null;
        lease.renew(clock.now()).then(
          () => {
            if (!ended) schedule();
          },
          (error: unknown) => {
            if (ended) return;
            lost = true;
            report(error);
            wakeAll();
          },
        );
      }, leaseMs / 3);
    };
    schedule();
    return () => {
      ended = true;
      if (timer !== null) timers.clearTimeout(timer);
    };
  }

  async function run(): Promise<void> {
    let watch: AppendWatch | null = null;
    try {
      while (!stopped) {
        let lease: ConsumerLease | null = null;
        try {
          lease = await consumers!.claim({ name, owner, fromPosition, now: clock.now(), leaseMs });
        } catch (error) {
          report(error);
        }
        if (lease === null) {
          await rest(pollMs, () => stopped);
          continue;
        }
        holding = true;
        lost = false;
        const endLease = keepLease(lease);
        try {
          watch ??= store.watchAppends?.(nudge) ?? null;
          await watch?.ready;
          await lead(lease);
        } catch (error) {
          if (!(stopped && isPlanlogError(error, 'STORE'))) report(error);
        } finally {
          endLease();
          holding = false;
          telemetry?.forget();
          await lease.release().catch(report);
        }
        const waiting = replays.splice(0);
        for (const replay of waiting) replay.reject(new PlanlogError('CONFLICT', `consumer ${name}: the lease was lost before the replay ran`, { field: 'name' }));
        if (!stopped) await rest(pollMs, () => stopped);
      }
    } finally {
      await watch?.close().catch(report);
      for (const waiter of waiters.splice(0)) waiter.reject(new PlanlogError('STORE', `consumer ${name} stopped`, { details: { consumer: name } }));
    }
  }

  const running = run();

  return {
    name,
    get holding() {
      return holding;
    },
    position: () => consumers.checkpoint(name),
    parked: () => consumers.parked(name),
    replayParked(position) {
      if (typeof position !== 'number' || !Number.isSafeInteger(position) || position < 1) return Promise.reject(refuse('position', 'must be a whole number ≥ 1'));
      if (!holding || stopped) return Promise.reject(new PlanlogError('CONFLICT', `consumer ${name}: this instance is not running the name (stopped, or another holds its lease)`, { field: 'name' }));
      return new Promise<void>((resolve, reject) => {
        replays.push({ position, resolve, reject });
        wakeAll();
      });
    },
    async caughtUp() {
      const target = await store.headPosition();
      if (stopped) throw new PlanlogError('STORE', `consumer ${name} stopped`, { details: { consumer: name } });
      return new Promise<number>((resolve, reject) => {
        waiters.push({ target, resolve, reject });
        if (holding) settleWaiters();
        nudge();
      });
    },
    async stop() {
      stopped = true;
      wakeAll();
      await running;
    },
  };
}
