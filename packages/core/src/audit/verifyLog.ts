import { isPlanlogError } from '../base/errors.js';
import type { EventStore } from '../store/EventStore.js';
import { chainCheck, type ChainBreak } from './chainCheck.js';
import { commandIndexCheck } from './commandIndexCheck.js';

export type VerifyProgress = { checked: number; total: number };

/** An anchor noted earlier (`checked` and `headHash` of a past verify): the event at `position` had `hash`. */
export type VerifyAnchor = { position: number; hash: string };

export type VerifyOptions = {
  /** Called every `progressEvery` events and once at the end; `total` is the head position at the start. */
  onProgress?: (progress: VerifyProgress) => void;
  progressEvery?: number;
  /**
   * An anchor the log must still hold: an intact chain can have lost its newest events, or had them
   * rewritten with fresh hashes, and only a position and hash written down earlier can tell.
   */
  expect?: VerifyAnchor;
};

export type VerifyResult = {
  ok: boolean;
  /** Events found intact (all of them when ok; those before `firstBad` otherwise). */
  checked: number;
  /** The hash of the last intact event: write it down to notice later a rewritten tail. */
  headHash: string;
  /**
   * The first position at which the log is not what was appended. Reasons: `position gap`,
   * `position out of order`, `version gap`, `version out of order`, `hash mismatch` (the stored
   * bytes are not the ones hashed), `not canonical: …` (bytes under a recomputed hash that planlog
   * would not have written: an extra key, white space, an NFD string), `column mismatch: <field>`
   * (the store files the event under another stream, version or command id than its bytes name),
   * `command index: …` (the store's command index disagrees with the events' command ids),
   * `invalid event: <field>: <problem>`, `unreadable event: <problem>` (the store cannot read the
   * event after the last intact one), `missing events` (the log ends before its head position, or
   * before the anchor's), `anchor mismatch` (the anchored event has another hash).
   */
  firstBad?: ChainBreak;
};

/**
 * What the store says of an event it cannot read (a row with malformed JSON, outside its schema), or
 * null for any other failure (a closed store, a lost connection), which says nothing about the log.
 * Stores name that event as `the event at position N …`; the problem is what follows.
 */
function unreadable(error: unknown): string | null {
  if (!isPlanlogError(error, 'STORE') || typeof error.details?.position !== 'number') return null;
  return `unreadable event: ${error.message.replace(/^.*?the event at position \d+ /, '')}`;
}

/**
 * Walk the whole log once, in global order, streaming, as stored (`store.readRecords`): check the hash
 * chain from GENESIS_HASH over the stored bytes, gap-free positions and stream versions, every event
 * against the schema (after upcasting) and in canonical form, the store's columns and its command
 * index against the events, and the anchor in `options.expect`. Stops at the first bad event.
 * Memory: one event at a time plus the last version of each stream.
 */
export async function verifyLog(store: EventStore, options: VerifyOptions = {}): Promise<VerifyResult> {
  const every = options.progressEvery ?? 10_000;
  const anchor = options.expect;
  const total = await store.headPosition();
  const chain = chainCheck();
  const commands = commandIndexCheck(store.readCommandIndex());
  const report = () => options.onProgress?.({ checked: chain.checked, total });
  const result = (firstBad?: ChainBreak): VerifyResult => {
    report();
    return firstBad ? { ok: false, checked: chain.checked, headHash: chain.headHash, firstBad } : { ok: true, checked: chain.checked, headHash: chain.headHash };
  };

  let gap: ChainBreak | null = null;
  try {
    for await (const record of store.readRecords()) {
      if (gap) {
        // One event of look-ahead tells a swap from a hole: the missing position comes next.
        return result(record.position === gap.position ? { position: gap.position, reason: 'position out of order' } : gap);
      }
      const broken = chain.next(record);
      if (broken) {
        if (broken.reason !== 'position gap') return result(broken);
        gap = broken;
        continue;
      }
      const indexBroken = await commands.next(record.position, record.commandId);
      if (indexBroken) return result(indexBroken);
      if (anchor && chain.checked === anchor.position && chain.headHash !== anchor.hash.toLowerCase()) return result({ position: anchor.position, reason: 'anchor mismatch' });
      if (chain.checked % every === 0) report();
    }
  } catch (error) {
    const reason = unreadable(error);
    if (reason === null) throw error;
    return result(gap ?? { position: chain.checked + 1, reason });
  }
  if (gap) return result(gap);
  if (chain.checked < Math.max(total, anchor?.position ?? 0)) return result({ position: chain.checked + 1, reason: 'missing events' });
  const indexBroken = await commands.end(chain.checked);
  if (indexBroken) return result(indexBroken);
  return result();
}
