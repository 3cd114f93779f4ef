import { StoredEventSchema } from '../schemas/events.js';
import { upcastEvent } from '../schemas/upcast.js';
import { GENESIS_HASH, hashEvent } from '../store/hashEvent.js';

/** Where a log stops being intact, and why (a short stable reason). */
export type ChainBreak = { position: number; reason: string };

export type ChainCheck = {
  /** Check the next event of the log; null when it is intact, else where and why the log breaks. */
  next(raw: unknown): ChainBreak | null;
  /** How many events were found intact so far. */
  readonly checked: number;
  /** The hash of the last intact event (GENESIS_HASH before the first). */
  readonly headHash: string;
};

function describeIssue(issue: { path: PropertyKey[]; message: string }): string {
  return issue.path.length > 0 ? `${issue.path.map(String).join('.')}: ${issue.message}` : issue.message;
}

/**
 * The checks of a whole log read in global order, one event at a time: each event valid (read as
 * the current version of its type), positions 1, 2, 3 … with no gap, each stream's versions 1, 2, 3 …,
 * and each hash equal to SHA-256(previous hash ‖ the event as stored). Memory grows with the number of
 * streams (their last version), never with the number of events.
 */
export function chainCheck(): ChainCheck {
  let checked = 0;
  let headHash = GENESIS_HASH;
  const versions = new Map<string, number>();

  return {
    get checked() {
      return checked;
    },
    get headHash() {
      return headHash;
    },
    next(raw) {
      const position = checked + 1;
      if (raw === null || typeof raw !== 'object') return { position, reason: 'invalid event: not an object' };
      const event = raw as Record<string, unknown> & { type: string; schemaVersion: number; data: unknown };
      if (typeof event.position === 'number' && event.position !== position) {
        return { position, reason: event.position > position ? 'position gap' : 'position out of order' };
      }
      let parsed;
      try {
        parsed = StoredEventSchema.safeParse(upcastEvent(event));
      } catch (error) {
        return { position, reason: `invalid event: ${(error as Error).message}` };
      }
      if (!parsed.success) return { position, reason: `invalid event: ${describeIssue(parsed.error.issues[0]!)}` };
      const { streamId, version } = parsed.data as { streamId: string; version: number };
      const last = versions.get(streamId) ?? 0;
      if (version !== last + 1) return { position, reason: version > last ? 'version gap' : 'version out of order' };
      // The stored form is what was hashed, not the validated or upcast one.
      const hash = hashEvent(headHash, event as never);
      if (event.hash !== hash) return { position, reason: 'hash mismatch' };
      versions.set(streamId, version);
      headHash = hash;
      checked = position;
      return null;
    },
  };
}
