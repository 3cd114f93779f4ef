import { NewEventSchema, PlanlogError, type StoredEvent } from '@planlog/core';

/**
 * A row of `planlog_events` as read, in `EVENT_COLUMNS` order. Reads fetch rows as arrays
 * (better-sqlite3's `raw()`): building an object per row costs several times the read itself.
 */
export type EventRow = [
  position: number,
  id: string,
  stream_id: string,
  version: number,
  type: string,
  schema_version: number,
  data: string,
  actor: string,
  command_id: string,
  causation_id: string | null,
  correlation_id: string,
  recorded_at: string,
  hash: string,
];

export const EVENT_COLUMNS =
  'position, id, stream_id, version, type, schema_version, data, actor, command_id, causation_id, correlation_id, recorded_at, hash';

/** The row of a sealed event, in `EVENT_COLUMNS` order. */
export function toRow(event: StoredEvent): unknown[] {
  return [
    event.position,
    event.id,
    event.streamId,
    event.version,
    event.type,
    event.schemaVersion,
    JSON.stringify(event.data),
    JSON.stringify(event.actor),
    event.commandId,
    event.causationId,
    event.correlationId,
    event.recordedAt,
    event.hash,
  ];
}

const HASH = /^[0-9a-f]{64}$/;

/** A STORE error naming the position of a row that cannot be read. */
function unreadableRow(file: string, position: number, why: string, extra: Record<string, unknown> = {}, cause?: unknown): PlanlogError {
  return new PlanlogError('STORE', `${file}: the event at position ${position} ${why}`, { cause, details: { file, position, ...extra } });
}

/**
 * An event read back, its decided part checked against its zod schema (`NewEventSchema`); the
 * store's own columns (stream id, version, position, hash) are taken as written. A row that does not
 * parse is a STORE error naming its position.
 */
export function fromRow(row: EventRow, file: string): StoredEvent {
  const [position, id, streamId, version, type, schemaVersion, data, actor, commandId, causationId, correlationId, recordedAt, hash] = row;
  let candidate: unknown;
  try {
    candidate = { id, type, schemaVersion, data: JSON.parse(data), actor: JSON.parse(actor), commandId, causationId, correlationId, recordedAt };
  } catch (error) {
    throw unreadableRow(file, position, 'holds malformed JSON', {}, error);
  }
  const parsed = NewEventSchema.safeParse(candidate);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.map(String).join('.') || '(event)';
    throw unreadableRow(file, position, `does not match its schema: ${field}: ${issue.message}`, { field });
  }
  if (!HASH.test(hash)) throw unreadableRow(file, position, 'has a malformed hash', { field: 'hash' });
  // zod's output is a new object of ours: give it the store's columns in place. (Spreading it into
  // another object instead cost more than the zod parse itself.)
  const event = parsed.data as Record<string, unknown>;
  event.streamId = streamId;
  event.version = version;
  event.position = position;
  event.hash = hash;
  return event as StoredEvent;
}
