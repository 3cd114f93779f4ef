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

/** A canonical UTC instant as `Date.toISOString()` writes it: fixed width, so it sorts as text. */
const CANONICAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** Whether instant `a` is at or after instant `b` (text comparison when both are canonical). */
export function isAtOrAfter(a: string, b: string): boolean {
  if (a.length === 24 && b.length === 24 && CANONICAL.test(a) && CANONICAL.test(b)) return a >= b;
  return instantMs(a) >= instantMs(b);
}

/**
 * A record's own entry for a key, or undefined: a key like `constructor`, `toString` or `__proto__` is
 * an id like any other, never something the record inherits from `Object.prototype`.
 */
export function ownEntry<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/**
 * The code of this module that the machines' guards and actions call: each machine names it in its
 * root `meta.helpers`, so the machine's fingerprint (snapshots) sees it change.
 */
export const machineEventHelpers = { instantMs, isAtOrAfter, CANONICAL, ownEntry };
