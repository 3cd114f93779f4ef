import * as crypto from 'node:crypto';
import type { NewEvent } from '../schemas/events.js';
import { eventBytes } from './eventBytes.js';

/** The hash before the first event of a store. */
export const GENESIS_HASH = '0'.repeat(64);

/** SHA-256 hex of a string's UTF-8: the one-shot `crypto.hash` (Node ≥ 20.12) where there is one, a Hash object otherwise. */
export const sha256: (text: string) => string =
  typeof crypto.hash === 'function'
    ? (text) => crypto.hash('sha256', text, 'hex')
    : (text) => crypto.createHash('sha256').update(text).digest('hex');

/**
 * An event's hash: SHA-256, hex, of the UTF-8 of the previous event's hash (64 hex digits) followed
 * by the exact bytes stored for the event (`eventBytes`). This is the one rule; `verifyLog` and an
 * outside verifier apply it to the stored bytes as they are.
 */
export function hashBytes(prevHash: string, bytes: string): string {
  return sha256(prevHash + bytes);
}

/** The hash of an event as `eventBytes` writes it: `hashBytes(prevHash, eventBytes(event))`. */
export function hashEvent(prevHash: string, event: NewEvent & { streamId: string; version: number }): string {
  return hashBytes(prevHash, eventBytes(event));
}
