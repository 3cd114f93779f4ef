import type { EventStore } from '../store/EventStore.js';
import { chainCheck, type ChainBreak } from './chainCheck.js';

export type VerifyProgress = { checked: number; total: number };

export type VerifyOptions = {
  /** Called every `progressEvery` events and once at the end; `total` is the head position at the start. */
  onProgress?: (progress: VerifyProgress) => void;
  progressEvery?: number;
};

export type VerifyResult = {
  ok: boolean;
  /** Events found intact (all of them when ok; those before `firstBad` otherwise). */
  checked: number;
  /** The hash of the last intact event: write it down to notice later a rewritten tail. */
  headHash: string;
  /**
   * The first position at which the log is not what was appended. Reasons: `position gap`,
   * `position out of order`, `version gap`, `version out of order`, `hash mismatch`,
   * `invalid event: <field>: <problem>`, `missing events` (the log ends before its head position).
   */
  firstBad?: ChainBreak;
};

/**
 * Walk the whole log once, in global order, streaming, and check the hash chain from GENESIS_HASH,
 * gap-free positions and stream versions, and every event against the schema (after upcasting).
 * Stops at the first bad event. Memory: one event at a time plus the last version of each stream.
 */
export async function verifyLog(store: EventStore, options: VerifyOptions = {}): Promise<VerifyResult> {
  const every = options.progressEvery ?? 10_000;
  const total = await store.headPosition();
  const chain = chainCheck();
  const report = () => options.onProgress?.({ checked: chain.checked, total });
  const result = (firstBad?: ChainBreak): VerifyResult => {
    report();
    return firstBad ? { ok: false, checked: chain.checked, headHash: chain.headHash, firstBad } : { ok: true, checked: chain.checked, headHash: chain.headHash };
  };

  let gap: ChainBreak | null = null;
  for await (const event of store.readAll()) {
    if (gap) {
      // One event of look-ahead tells a swap from a hole: the missing position comes next.
      return result(event.position === gap.position ? { position: gap.position, reason: 'position out of order' } : gap);
    }
    const broken = chain.next(event);
    if (broken) {
      if (broken.reason !== 'position gap') return result(broken);
      gap = broken;
      continue;
    }
    if (chain.checked % every === 0) report();
  }
  if (gap) return result(gap);
  if (chain.checked < total) return result({ position: chain.checked + 1, reason: 'missing events' });
  return result();
}
