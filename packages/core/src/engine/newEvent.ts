import { v7 as uuidv7 } from 'uuid';
import { SCHEMA_VERSION, type EventData, type EventType, type NewEvent } from '../schemas/events.js';
import type { Actor } from '../schemas/primitives.js';

/** Who, under which command, and when: what every event a decision makes carries besides its data. */
export type EventEnvelope = { actor: Actor; commandId: string; causationId: string | null; correlationId: string; recordedAt: string };

/** A new event of the current schema version, with a fresh uuid v7 id. */
export function newEvent<T extends EventType>(type: T, data: EventData<T>, envelope: EventEnvelope): NewEvent<T> {
  return { id: uuidv7(), type, schemaVersion: SCHEMA_VERSION, data, ...envelope } as NewEvent<T>;
}
