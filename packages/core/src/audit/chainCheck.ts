import { StoredEventSchema, type StoredEvent } from '../schemas/events.js';
import { upcastEvent } from '../schemas/upcast.js';
import { canonicalJson } from '../store/canonicalJson.js';
import { eventBytes } from '../store/eventBytes.js';
import { GENESIS_HASH, hashBytes } from '../store/hashEvent.js';
import type { StoredRecord } from '../store/StoredRecord.js';

/** Where a log stops being intact, and why (a short stable reason). */
export type ChainBreak = { position: number; reason: string };

export type ChainCheck = {
  /** Check the next event of the log as stored; null when it is intact, else where and why the log breaks. */
  next(record: StoredRecord): ChainBreak | null;
  /** How many events were found intact so far. */
  readonly checked: number;
  /** The hash of the last intact event (GENESIS_HASH before the first). */
  readonly headHash: string;
};

function describeIssue(issue: { path: PropertyKey[]; message: string }): string {
  return issue.path.length > 0 ? `${issue.path.map(String).join('.')}: ${issue.message}` : issue.message;
}

/**
 * The bytes stored for an event, read as `verifyLog` and `importLog` read them: JSON, valid against
 * the schema (read as the current version of its type, at the given position), and in
 * canonical form — exactly what `eventBytes` writes of its validated form (for an event of an older
 * version, which is upcast to be read, the canonical JSON of what it holds). Gives the event as
 * stored (not upcast), or why not: `invalid event: …` or `not canonical: …`.
 */
export function readStoredBytes(bytes: string, position: number, hash: string): { event: StoredEvent } | { reason: string } {
  let raw: Record<string, unknown> & { type: string; schemaVersion: number; data: unknown };
  try {
    raw = JSON.parse(bytes);
  } catch {
    return { reason: 'invalid event: not JSON' };
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return { reason: 'invalid event: not an object' };
  let upcast;
  let parsed;
  try {
    upcast = upcastEvent(raw);
    parsed = StoredEventSchema.safeParse({ ...upcast, position, hash });
  } catch (error) {
    return { reason: `invalid event: ${(error as Error).message}` };
  }
  if (!parsed.success) return { reason: `invalid event: ${describeIssue(parsed.error.issues[0]!)}` };
  const canonical = upcast === raw ? eventBytes(parsed.data as StoredEvent) : canonicalJson(raw);
  if (canonical !== bytes) return { reason: 'not canonical: the stored bytes are not the canonical JSON of the event' };
  return { event: (upcast === raw ? parsed.data : { ...raw, position, hash }) as StoredEvent };
}

/**
 * The checks of a whole log read in global order, one stored event at a time:
 * - positions 1, 2, 3 … with no gap;
 * - each hash equal to SHA-256(previous hash ‖ the stored bytes), on the bytes as stored (`hash mismatch`);
 * - the bytes JSON, valid against the schema (read as the current version of their type), and in
 *   canonical form: exactly what `eventBytes` writes for what they say (`not canonical`) — so an
 *   extra key, white space, another key order, an escape JSON.stringify would not write or an NFD unit
 *   name is refused even under a recomputed hash;
 * - the store's stream, version and command-id columns naming what the bytes name (`column mismatch`);
 * - each stream's versions 1, 2, 3 … in log order.
 * Memory grows with the number of streams (their last version), never with the number of events.
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
    next(record) {
      const position = checked + 1;
      if (record.position !== position) return { position, reason: record.position > position ? 'position gap' : 'position out of order' };
      const hash = hashBytes(headHash, record.bytes);
      if (record.hash !== hash) return { position, reason: 'hash mismatch' };
      const read = readStoredBytes(record.bytes, position, hash);
      if ('reason' in read) return { position, reason: read.reason };
      const { event } = read;
      if (record.streamId !== event.streamId) return { position, reason: 'column mismatch: streamId' };
      if (record.version !== event.version) return { position, reason: 'column mismatch: version' };
      if (record.commandId !== event.commandId) return { position, reason: 'column mismatch: commandId' };
      const last = versions.get(event.streamId) ?? 0;
      if (event.version !== last + 1) return { position, reason: event.version > last ? 'version gap' : 'version out of order' };
      versions.set(event.streamId, event.version);
      headHash = hash;
      checked = position;
      return null;
    },
  };
}
