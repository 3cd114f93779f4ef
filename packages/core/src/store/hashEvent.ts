import * as crypto from 'node:crypto';
import type { StoredEvent } from '../schemas/events.js';
import { canonicalJson } from './canonicalJson.js';

/** The hash before the first event of a store. */
export const GENESIS_HASH = '0'.repeat(64);

/** SHA-256 hex of a string: the one-shot `crypto.hash` (Node ≥ 20.12) where there is one, a Hash object otherwise. */
const sha256: (text: string) => string =
  typeof crypto.hash === 'function'
    ? (text) => crypto.hash('sha256', text, 'hex')
    : (text) => crypto.createHash('sha256').update(text).digest('hex');

/** SHA-256(prevHash ‖ canonical bytes of the event without its hash), hex. */
export function hashEvent(prevHash: string, event: Omit<StoredEvent, 'hash'>): string {
  // canonicalJson leaves out undefined members, so an event whose hash is not set needs no copy.
  const body = (event as { hash?: unknown }).hash === undefined ? event : { ...event, hash: undefined };
  return sha256(prevHash + canonicalJson(body));
}
