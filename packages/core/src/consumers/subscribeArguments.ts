import { PlanlogError } from '../base/errors.js';
import { EVENT_TYPES, type EventType } from '../schemas/events.js';
import { optionsArgument } from '../store/storeArguments.js';

const refuse = (field: string, message: string) => new PlanlogError('VALIDATION', `${field}: ${message}`, { field });

/** A position to start from: a whole number ≥ 1 (positions start at 1). */
export function positionArgument(value: unknown, field: string): number {
  if (value === undefined) return 1;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) throw refuse(field, 'must be a whole number ≥ 1 (positions start at 1)');
  return value;
}

/** A count within bounds (a batch size, a number of attempts). */
export function countArgument(value: unknown, field: string, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1 || value > max) throw refuse(field, `must be a whole number from 1 to ${max}`);
  return value;
}

/** A duration in milliseconds within bounds. */
export function msArgument(value: unknown, field: string, fallback: number, min = 0, max = 86_400_000): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) throw refuse(field, `must be a number of milliseconds from ${min} to ${max}`);
  return value;
}

/** The event types to keep: left out (every type), or a non-empty array of known types; null: every type. */
export function typesArgument(value: unknown, field = 'types'): ReadonlySet<EventType> | null {
  if (value === undefined) return null;
  if (!Array.isArray(value)) throw refuse(field, 'must be an array of event types');
  if (value.length === 0) throw refuse(field, 'must name at least one event type (leave it out for every type)');
  value.forEach((type, index) => {
    if (typeof type !== 'string' || !(EVENT_TYPES as readonly string[]).includes(type)) throw refuse(`${field}.${index}`, `not an event type (${EVENT_TYPES.join(', ')})`);
  });
  return new Set(value as EventType[]);
}

/** An options object whose keys are all known: a misspelt option is refused, not ignored. */
export function knownOptions<T extends object>(options: T | undefined, known: readonly string[], field = 'options'): Partial<T> {
  const checked = optionsArgument(options, field);
  for (const key of Object.keys(checked)) if (!known.includes(key)) throw refuse(key, `not an option (${known.join(', ')})`);
  return checked;
}
