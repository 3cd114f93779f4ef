import { setImmediate } from 'node:timers';
import { isPlanlogError, type AppendResult } from '@planlog/core';
import type { Database } from 'better-sqlite3';
import type { ValidatedAppend } from '@planlog/core/store';
import { storeError } from './storeError.js';

// node:timers, not the global, and taken once at load, not looked up at each call: a test that fakes
// the timers must not stall every append (vi.useFakeTimers replaces the global; sinon's fake timers
// also replace the module's property, which the CommonJS build would read at each call).
const schedule = setImmediate;

type Pending = { appends: readonly ValidatedAppend[]; fingerprint: string | undefined; resolve: (results: AppendResult[]) => void; reject: (error: unknown) => void };
type Outcome = { results: AppendResult[] } | { error: unknown };

export type CommitInfo = { appends: number; events: number };

export type GroupCommit = {
  /** Queue one caller's stream appends; resolves once the transaction holding them has committed. */
  submit(appends: readonly ValidatedAppend[], fingerprint?: string): Promise<AppendResult[]>;
  /** Commit whatever is queued now (before closing). */
  flush(): void;
};

/**
 * Group commit: every append queued before the event loop next checks for I/O is written in one
 * `BEGIN IMMEDIATE` transaction, so one WAL sync serves them all. Each caller's stream appends run
 * in their own savepoint: a caller refused (conflict, command id) rolls back alone and gets its own
 * error, the others still commit. Results are handed out only after COMMIT returns.
 */
export function groupCommit(
  db: Database,
  file: string,
  appendToStream: (appends: readonly ValidatedAppend[], fingerprint?: string) => AppendResult[],
  onCommit?: (info: CommitInfo) => void,
  /** Run inside each transaction after its appends, before COMMIT (the store notes where the log ends). */
  beforeCommit?: () => void,
): GroupCommit {
  let queue: Pending[] = [];
  let scheduled = false;

  // Nested better-sqlite3 transactions become savepoints: a throw rolls back to it and rethrows.
  const appendInSavepoint = db.transaction((pending: Pending) => appendToStream(pending.appends, pending.fingerprint));
  const commitBatch = db.transaction((batch: Pending[]): Outcome[] => {
    const outcomes = batch.map((pending): Outcome => {
      try {
        return { results: appendInSavepoint(pending) };
      } catch (error) {
        return { error: isPlanlogError(error) ? error : storeError(error, file, 'appending') };
      }
    });
    beforeCommit?.();
    return outcomes;
  }).immediate;
  // A caller alone in its transaction needs no savepoint: its refusal rolls back the transaction, which
  // holds nothing else. (Two statements fewer per sequential append.)
  const commitAlone = db.transaction((pending: Pending) => {
    const results = appendToStream(pending.appends, pending.fingerprint);
    beforeCommit?.();
    return results;
  }).immediate;

  function flushAlone(pending: Pending): void {
    let results: AppendResult[];
    try {
      results = commitAlone(pending);
    } catch (error) {
      pending.reject(isPlanlogError(error) ? error : storeError(error, file, 'appending'));
      return;
    }
    onCommit?.({ appends: 1, events: results.reduce((n, r) => n + r.events.length, 0) });
    pending.resolve(results);
  }

  function flush(): void {
    scheduled = false;
    const batch = queue;
    queue = [];
    if (batch.length === 0) return;
    if (batch.length === 1) return flushAlone(batch[0]!);
    let outcomes: Outcome[];
    try {
      outcomes = commitBatch(batch);
    } catch (error) {
      // The transaction itself failed (lock, disk, I/O): nothing of the batch is committed.
      const failure = storeError(error, file, 'committing appends');
      for (const pending of batch) pending.reject(failure);
      return;
    }
    const events = outcomes.reduce((sum, outcome) => sum + ('results' in outcome ? outcome.results.reduce((n, r) => n + r.events.length, 0) : 0), 0);
    onCommit?.({ appends: batch.length, events });
    batch.forEach((pending, index) => {
      const outcome = outcomes[index]!;
      if ('results' in outcome) pending.resolve(outcome.results);
      else pending.reject(outcome.error);
    });
  }

  return {
    submit(appends, fingerprint) {
      return new Promise<AppendResult[]>((resolve, reject) => {
        queue.push({ appends, fingerprint, resolve, reject });
        if (!scheduled) {
          scheduled = true;
          schedule(flush);
        }
      });
    },
    flush,
  };
}
