import { PlanlogError, StoredEventSchema, type StoredEvent } from '@planlog/core';

/** A row of `planlog_events`. */
export type EventRow = {
  position: number;
  id: string;
  stream_id: string;
  version: number;
  type: string;
  schema_version: number;
  data: string;
  actor: string;
  command_id: string;
  causation_id: string | null;
  correlation_id: string;
  recorded_at: string;
  hash: string;
};

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

/** An event read back, checked against its zod schema: a row that does not parse is a STORE error. */
export function fromRow(row: EventRow, file: string): StoredEvent {
  let candidate: unknown;
  try {
    candidate = {
      id: row.id,
      streamId: row.stream_id,
      version: row.version,
      position: row.position,
      type: row.type,
      schemaVersion: row.schema_version,
      data: JSON.parse(row.data),
      actor: JSON.parse(row.actor),
      commandId: row.command_id,
      causationId: row.causation_id,
      correlationId: row.correlation_id,
      recordedAt: row.recorded_at,
      hash: row.hash,
    };
  } catch (error) {
    throw new PlanlogError('STORE', `${file}: the event at position ${row.position} holds malformed JSON`, { cause: error, details: { file, position: row.position } });
  }
  const parsed = StoredEventSchema.safeParse(candidate);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.map(String).join('.') || '(event)';
    throw new PlanlogError('STORE', `${file}: the event at position ${row.position} does not match its schema: ${field}: ${issue.message}`, {
      details: { file, position: row.position, field },
    });
  }
  return parsed.data as StoredEvent;
}
