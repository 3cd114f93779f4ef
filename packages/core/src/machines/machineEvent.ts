import type { EventType, NewEvent } from '../schemas/events.js';

/**
 * What a machine reads of a log event: its type, data, who and when. Stored events and events a
 * command is about to append both fit.
 */
export type MachineEvent<T extends EventType = EventType> = {
  [K in T]: Pick<NewEvent<K>, 'type' | 'data' | 'actor' | 'recordedAt'>;
}[T];

/** Milliseconds of an ISO instant. */
export function instantMs(iso: string): number {
  return Date.parse(iso);
}
