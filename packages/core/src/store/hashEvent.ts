import { createHash } from 'node:crypto';
import type { StoredEvent } from '../schemas/events.js';
import { canonicalJson } from './canonicalJson.js';

/** The hash before the first event of a store. */
export const GENESIS_HASH = '0'.repeat(64);

/** SHA-256(prevHash ‖ canonical bytes of the event without its hash), hex. */
export function hashEvent(prevHash: string, event: Omit<StoredEvent, 'hash'>): string {
  // canonicalJson leaves out undefined members, so an event without its hash needs no copy.
  const body = 'hash' in event ? { ...event, hash: undefined } : event;
  return createHash('sha256').update(prevHash).update(canonicalJson(body)).digest('hex');
}
