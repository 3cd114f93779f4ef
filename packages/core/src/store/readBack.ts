import { PlanlogError } from '../base/errors.js';
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
 * An event as a store reads it back from the bytes it stored (`details` as for `unreadableEvent`)
 * (design: events are validated by zod on append and on read): the bytes parsed, their `streamId`,
 * `version` and `commandId` compared with the store's index columns, the event checked against
 * `NewEventSchema`, and the store's columns set on zod's output in place (a new object of ours;
 * spreading it into another would cost more than the parse). Bytes that do not parse or do not match
 * the schema or the columns, or a malformed hash, are a STORE error naming the position and the field.
 */
export function readBack(bytes: string, columns: StoreColumns & { commandId: string }, where: string, details: Record<string, unknown> = {}): StoredEvent {
  let decided: { streamId?: unknown; version?: unknown; commandId?: unknown } | null;
  try {
    decided = JSON.parse(bytes);
  } catch (error) {
    throw unreadableEvent(where, columns.position, 'holds malformed JSON', details, error);
  }
  const parsed = NewEventSchema.safeParse(decided);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.map(String).join('.') || '(event)';
    throw unreadableEvent(where, columns.position, `does not match its schema: ${field}: ${issue.message}`, { ...details, field });
  }
  if (decided!.streamId !== columns.streamId) throw unreadableEvent(where, columns.position, 'is filed under another stream than its bytes name', { ...details, field: 'streamId' });
  if (decided!.version !== columns.version) throw unreadableEvent(where, columns.position, 'is filed under another stream version than its bytes name', { ...details, field: 'version' });
  if (decided!.commandId !== columns.commandId) throw unreadableEvent(where, columns.position, 'is filed under another command id than its bytes name', { ...details, field: 'commandId' });
  if (!HASH.test(columns.hash)) throw unreadableEvent(where, columns.position, 'has a malformed hash', { ...details, field: 'hash' });
  const event = parsed.data as Record<string, unknown>;
  event.streamId = columns.streamId;
  event.version = columns.version;
  event.position = columns.position;
  event.hash = columns.hash;
  return event as StoredEvent;
}
