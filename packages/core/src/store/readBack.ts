import { PlanlogError } from '../errors.js';
import { NewEventSchema, type StoredEvent } from '../schemas/events.js';

/** What a store keeps beside an event's decided part: taken as written, not validated. */
export type StoreColumns = { streamId: string; version: number; position: number; hash: string };

const HASH = /^[0-9a-f]{64}$/;

/**
 * A STORE error for the event at `position` that `where` (a file, a schema) cannot give back. Its
 * message reads `<where>: the event at position N <why>`, the form `verifyLog` reports as
 * `unreadable event: <why>`; `details` (the store's own: `{ file }`, `{ schema }`) gain the position.
 */
export function unreadableEvent(where: string, position: number, why: string, details: Record<string, unknown> = {}, cause?: unknown): PlanlogError {
  return new PlanlogError('STORE', `${where}: the event at position ${position} ${why}`, { cause, details: { ...details, position } });
}

/**
 * An event as a store reads it back (`details` as for `unreadableEvent`) (design: events are validated by zod on append and on read):
 * its decided part checked against `NewEventSchema`, the store's columns set on zod's output in place
 * (a new object of ours; spreading it into another would cost more than the parse). A part that does
 * not match, or a malformed hash, is a STORE error naming the position and the field.
 */
export function readBack(decided: unknown, columns: StoreColumns, where: string, details: Record<string, unknown> = {}): StoredEvent {
  const parsed = NewEventSchema.safeParse(decided);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.map(String).join('.') || '(event)';
    throw unreadableEvent(where, columns.position, `does not match its schema: ${field}: ${issue.message}`, { ...details, field });
  }
  if (!HASH.test(columns.hash)) throw unreadableEvent(where, columns.position, 'has a malformed hash', { ...details, field: 'hash' });
  const event = parsed.data as Record<string, unknown>;
  event.streamId = columns.streamId;
  event.version = columns.version;
  event.position = columns.position;
  event.hash = columns.hash;
  return event as StoredEvent;
}
