import { PlanlogError, isPlanlogError } from '../base/errors.js';
import type { EventType, StoredEvent } from '../schemas/events.js';
import type { AppendWatch } from '../store/AppendWatch.js';
import type { EventStore } from '../store/EventStore.js';
import { systemTimers, type Timers } from '../base/timers.js';
import { knownOptions, msArgument, positionArgument, typesArgument } from './subscribeArguments.js';

export type SubscribeOptions = {
  /** The first position delivered (default 1: the whole log); positions start at 1. */
  fromPosition?: number;
  /** Only events of these types (default: every type). The others are passed over, never delivered. */
  types?: readonly EventType[];
  /** How often the log is read past the position for appends no watch reports (another SQLite process); default 1,000 ms. */
  pollMs?: number;
  /** Where polls are scheduled (default: the runtime's timers). */
  timers?: Timers;
  /** Ends the subscription when aborted, like `return()`. */
  signal?: AbortSignal;
};

/** A subscription: an async iterator of stored events whose `return()` always ends it, even while it waits. */
export type Subscription = AsyncIterableIterator<StoredEvent> & {
  return(value?: unknown): Promise<IteratorResult<StoredEvent>>;
};

const OPTIONS = ['fromPosition', 'types', 'pollMs', 'timers', 'signal'] as const;

/**
 * The log as an async iterable: the events from `fromPosition` on, in global order, then each event
 * appended after, as it commits. Waiting for new events, it is woken by the store's `watchAppends`
 * (memory, SQLite: this process's appends; PostgreSQL: every process's, by LISTEN/NOTIFY) and reads
 * the log past its position every `pollMs` besides. `break`, `return()` or the signal end it at once, even while it
 * waits, and give back what it held (the watch, a timer, the read in progress); an error from the
 * store ends it too. Options are checked on the call: VALIDATION naming the field.
 */
export function subscribeToLog(store: EventStore, options?: SubscribeOptions): Subscription {
  const given = knownOptions(options, OPTIONS);
  let position = positionArgument(given.fromPosition, 'fromPosition');
  const types = typesArgument(given.types);
  const pollMs = msArgument(given.pollMs, 'pollMs', 1_000, 1);
  const timers = given.timers ?? systemTimers();
  if (typeof timers?.setTimeout !== 'function' || typeof timers.clearTimeout !== 'function') {
    throw new PlanlogError('VALIDATION', 'timers: must have setTimeout and clearTimeout', { field: 'timers' });
  }
  const signal = given.signal;
  if (signal !== undefined && !(signal instanceof AbortSignal)) throw new PlanlogError('VALIDATION', 'signal: must be an AbortSignal', { field: 'signal' });

  let finished = false;
  let watch: AppendWatch | null = null;
  let reader: AsyncIterator<StoredEvent> | null = null;
  /** Appends may have landed since the last read. */
  let dirty = true;
  /** Ends the current wait (an append was reported, the poll came due, or the subscription ended). */
  let wake: (() => void) | null = null;
  let timer: unknown = null;
  /** The `next()` in progress: later calls queue behind it. */
  let queue: Promise<unknown> = Promise.resolve();
  const done: IteratorResult<StoredEvent> = { value: undefined, done: true };

  const nudge = () => {
    dirty = true;
    const resolve = wake;
    wake = null;
    resolve?.();
  };
  const onAbort = () => void finish();

  async function finish(): Promise<void> {
    if (finished) return;
    finished = true;
    signal?.removeEventListener('abort', onAbort);
    if (timer !== null) timers.clearTimeout(timer);
    timer = null;
    const openReader = reader;
    const openWatch = watch;
    reader = null;
    watch = null;
    nudge();
    await Promise.allSettled([openReader?.return?.(), openWatch?.close()]);
  }

  function rest(): Promise<void> {
    if (dirty || finished) return Promise.resolve();
    return new Promise<void>((resolve) => {
      wake = resolve;
      timer = timers.setTimeout(() => {
        timer = null;
        nudge();
      }, pollMs);
    }).finally(() => {
      if (timer !== null) timers.clearTimeout(timer);
      timer = null;
    });
  }

  async function take(): Promise<IteratorResult<StoredEvent>> {
    if (finished) return done;
    if (watch === null) {
      watch = store.watchAppends?.(nudge) ?? { ready: Promise.resolve(), close: async () => undefined };
      await watch.ready; // appends from here on wake us: none falls between the read below and the wait
    }
    for (;;) {
      if (finished) return done;
      if (reader === null) {
        if (!dirty) await rest();
        if (finished) return done;
        dirty = false;
        reader = store.readAll({ fromPosition: position })[Symbol.asyncIterator]();
      }
      const current = reader;
      const next = await current.next();
      if (finished) return done;
      if (next.done) {
        reader = null;
        continue;
      }
      position = next.value.position + 1;
      if (types === null || types.has(next.value.type)) return { value: next.value, done: false };
    }
  }

  if (signal?.aborted) finished = true;
  else signal?.addEventListener('abort', onAbort, { once: true });

  const iterator: Subscription = {
    [Symbol.asyncIterator]() {
      return iterator;
    },
    next() {
      const result = queue.then(take).catch(async (error: unknown): Promise<IteratorResult<StoredEvent>> => {
        if (finished) return done; // ended by the caller while a read was in flight: that read's failure is moot
        await finish();
        throw isPlanlogError(error) ? error : new PlanlogError('STORE', `reading the log failed: ${String(error)}`, { cause: error });
      });
      queue = result.catch(() => undefined);
      return result;
    },
    async return(value?: unknown) {
      await finish();
      return { value: value as undefined, done: true };
    },
    async throw(error?: unknown) {
      await finish();
      throw error;
    },
  };
  return iterator;
}
