import { isPlanlogError, type AppendResult } from '@planlog/core';
import type { AppendCall, CallOutcome } from './schema/appendToStream.js';
import { storeError } from './storeError.js';

type Pending = { call: AppendCall; fingerprint: string | undefined; events: number; resolve: (results: AppendResult[]) => void; reject: (error: unknown) => void };

export type GroupCommit = {
  /** Queue one caller's `appendMany`; resolves once the transaction holding it has committed. */
  submit(call: AppendCall, fingerprint?: string): Promise<AppendResult[]>;
  /** Resolves once nothing queued is left to commit (before closing). */
  flush(): Promise<void>;
};

/** Appends one group as one statement (one transaction): each call's outcome, in order. */
export type AppendGroup = (calls: readonly AppendCall[], fingerprints: readonly (string | undefined)[]) => Promise<CallOutcome[]>;

/**
 * Whether a driver error is PostgreSQL refusing the data of a statement (SQLSTATE class 22, "data
 * exception": a NUL in text, an unsupported escape, a value out of range; class 54: a value past a limit) rather than the connection
 * or the server failing: such a statement fails the same way whatever else it carries.
 */
function isDataError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('22') || code.startsWith('54'));
}

/**
 * Group commit: appends queue while a group is in flight; the next group takes what has queued (up
 * to `maxGroupEvents` events, at least one call) and goes to the database as one statement, so one
 * commit (one WAL flush) serves them all. A call refused (conflict, command id) gets its own error;
 * the others of its group still land. Results are handed out only after the commit.
 */
export function groupCommit(appendGroup: AppendGroup, maxGroupEvents: number): GroupCommit {
  const queue: Pending[] = [];
  let flushing: Promise<void> | null = null;

  function takeGroup(): Pending[] {
    const group: Pending[] = [];
    let events = 0;
    while (queue.length > 0 && (group.length === 0 || events + queue[0]!.events <= maxGroupEvents)) {
      const next = queue.shift()!;
      events += next.events;
      group.push(next);
    }
    return group;
  }

  async function flushGroup(group: Pending[]): Promise<void> {
    let outcomes: CallOutcome[];
    try {
      outcomes = await appendGroup(
        group.map((pending) => pending.call),
        group.map((pending) => pending.fingerprint),
      );
    } catch (error) {
      // The group is one statement, so nothing of it was written. When the statement failed on what
      // one caller sent (not on the connection or the server), each call goes again alone: only the
      // one at fault gets the error, never the others of its group.
      if (group.length > 1 && !isPlanlogError(error) && isDataError(error)) {
        for (const pending of group) await flushGroup([pending]);
        return;
      }
      const typed = storeError(error, 'appending');
      for (const pending of group) pending.reject(typed);
      return;
    }
    group.forEach((pending, index) => {
      const outcome = outcomes[index]!;
      if ('error' in outcome) pending.reject(outcome.error);
      else pending.resolve(outcome.results);
    });
  }

  function kick(): void {
    if (flushing || queue.length === 0) return;
    flushing = flushGroup(takeGroup()).finally(() => {
      flushing = null;
      kick();
    });
  }

  return {
    submit(call, fingerprint) {
      return new Promise<AppendResult[]>((resolve, reject) => {
        queue.push({ call, fingerprint, events: call.reduce((sum, append) => sum + append.events.length, 0), resolve, reject });
        kick();
      });
    },
    async flush() {
      while (flushing) await flushing;
    },
  };
}
