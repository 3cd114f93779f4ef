import { createHash } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { SYSTEM_COMMAND_ID_PREFIX } from '../schemas/commands.js';
import { SCHEMA_VERSION, type EventData, type EventType, type NewEvent } from '../schemas/events.js';
import type { Actor } from '../schemas/primitives.js';

/** Who, under which command, and when: what every event a decision makes carries besides its data. */
export type EventEnvelope = { actor: Actor; commandId: string; causationId: string | null; correlationId: string; recordedAt: string };

/** A new event of the current schema version, with a fresh uuid v7 id. */
export function newEvent<T extends EventType>(type: T, data: EventData<T>, envelope: EventEnvelope): NewEvent<T> {
  return { id: uuidv7(), type, schemaVersion: SCHEMA_VERSION, data, ...envelope } as NewEvent<T>;
}

/** The longest command id the event schema takes (`IdSchema`). */
const MAX_COMMAND_ID = 200;

/**
 * The command id of an event the engine appends by itself: what it does and to which stream version,
 * so two engines deciding the same thing share one id (the store keeps one). Callers cannot use the
 * prefix (`SYSTEM_COMMAND_ID_PREFIX`). An id too long to fit is replaced by its SHA-256.
 */
export function systemCommandId(what: string, id: string, version: number): string {
  const full = `${SYSTEM_COMMAND_ID_PREFIX}${what}:${id}:v${version}`;
  if (full.length <= MAX_COMMAND_ID) return full;
  return `${SYSTEM_COMMAND_ID_PREFIX}${what}:#${createHash('sha256').update(id).digest('hex')}:v${version}`;
}
