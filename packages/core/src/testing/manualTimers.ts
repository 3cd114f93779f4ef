import { setImmediate as turn } from 'node:timers/promises';
import type { Timers } from '../base/timers.js';

/** Timers that fire only when a test says so: a subscription's polls and a consumer's backoff without sleeping. */
export type ManualTimers = Timers & {
  /** The delay of every timer set so far, in order (what a test may check: the backoff asked for). */
  readonly requested: readonly number[];
  /** How many timers are set and not yet fired or cleared. */
  pending(): number;
  /** Fire the timer due first (ties: the one set first); false when none is set. */
  fireNext(): boolean;
  /**
   * Let `promise` settle, firing the pending timers one at a time whenever the process has nothing
   * else to do in between (a turn of the event loop), and resolve or reject as it does.
   */
  until<T>(promise: Promise<T>, options?: { maxTurns?: number }): Promise<T>;
};

export function manualTimers(): ManualTimers {
  let now = 0;
  let sequence = 0;
  const timers = new Map<number, { due: number; callback: () => void }>();
  const requested: number[] = [];

  function fireNext(): boolean {
    let first: [number, { due: number; callback: () => void }] | undefined;
    for (const entry of timers) if (first === undefined || entry[1].due < first[1].due) first = entry;
    if (first === undefined) return false;
    timers.delete(first[0]);
    now = Math.max(now, first[1].due);
    first[1].callback();
    return true;
  }

  return {
    requested,
    setTimeout(callback, ms) {
      const id = ++sequence;
      requested.push(ms);
      timers.set(id, { due: now + ms, callback });
      return id;
    },
    clearTimeout(handle) {
      timers.delete(handle as number);
    },
    pending: () => timers.size,
    fireNext,
    async until(promise, options = {}) {
      const maxTurns = options.maxTurns ?? 100_000;
      let settled = false;
      const watched = promise.finally(() => {
        settled = true;
      });
      watched.catch(() => undefined);
      for (let turns = 0; !settled; turns++) {
        if (turns >= maxTurns) throw new Error(`manualTimers.until: not settled after ${maxTurns} turns`);
        await turn();
        if (!settled) fireNext();
      }
      return watched;
    },
  };
}
