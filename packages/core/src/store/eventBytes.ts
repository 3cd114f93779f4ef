import type { NewEvent } from '../schemas/events.js';
import { canonicalJson } from './canonicalJson.js';

/**
 * The exact bytes a store keeps for an event, and which its hash covers: the canonical JSON (keys
 * sorted, strings as sent, numbers in shortest form, no white space, UTF-8) of every field of the stored
 * event but `position` and `hash` — that is `actor, causationId, commandId, correlationId, data, id,
 * recordedAt, schemaVersion, streamId, type, version`. Produced once, at append, from the validated
 * event; stored as is and never produced again from a parsed copy. `position` is the event's place
 * in the chain (positions count 1, 2, 3 … in chain order), which the chain itself fixes.
 */
export function eventBytes(event: NewEvent & { streamId: string; version: number }): string {
  const { actor, causationId, commandId, correlationId, data, id, recordedAt, schemaVersion, streamId, type, version } = event;
  // Written in sorted key order, so canonicalJson keeps the order without sorting.
  return canonicalJson({ actor, causationId, commandId, correlationId, data, id, recordedAt, schemaVersion, streamId, type, version });
}
