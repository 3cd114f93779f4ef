import type { TimelineOptions } from '../audit/timeline.js';
import type { VerifyOptions } from '../audit/verifyLog.js';
import { PlanlogError } from '../base/errors.js';
import { idArgument, optionsArgument } from '../store/storeArguments.js';
import type { ReplayOptions } from './replayLog.js';

/**
 * The arguments of the engine's reads, checked before anything runs: a wrong one is VALIDATION naming
 * it, never a TypeError from inside.
 */

function refuse(field: string, message: string): PlanlogError {
  return new PlanlogError('VALIDATION', `${field}: ${message}`, { field });
}

/** A plan or task id to look up: a non-empty string a store can keep. */
export function lookupId(value: unknown, field: string): string {
  const id = idArgument(value, field);
  if (id.length === 0) throw refuse(field, 'must be a non-empty string');
  return id;
}

/** `days` ahead: a finite number ≥ 0 (default 5). */
export function daysArgument(value: unknown, field: string): number {
  if (value === undefined) return 5;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw refuse(field, 'must be a number ≥ 0');
  return value;
}

/** `replay`'s options: a stream id (string) and `asOf` (a whole position ≥ 0, a Date or an ISO instant). */
export function replayArguments(options: ReplayOptions | undefined): ReplayOptions {
  const { streamId, asOf } = optionsArgument(options);
  if (streamId !== undefined) idArgument(streamId, 'streamId');
  if (asOf !== undefined && typeof asOf !== 'number' && typeof asOf !== 'string' && !(asOf instanceof Date)) {
    throw refuse('asOf', 'must be a position, a Date or an ISO instant');
  }
  return { ...(streamId === undefined ? {} : { streamId }), ...(asOf === undefined ? {} : { asOf }) };
}

/** `verify`'s options: a callback, a positive whole `progressEvery`, an anchor `{ position, hash }`. */
export function verifyArguments(options: VerifyOptions | undefined): VerifyOptions {
  const checked = optionsArgument(options);
  if (checked.onProgress !== undefined && typeof checked.onProgress !== 'function') throw refuse('onProgress', 'must be a function');
  if (checked.progressEvery !== undefined && !(Number.isSafeInteger(checked.progressEvery) && checked.progressEvery > 0)) {
    throw refuse('progressEvery', 'must be a whole number ≥ 1');
  }
  const anchor = checked.expect as unknown;
  if (anchor !== undefined) {
    const { position, hash } = optionsArgument(anchor as object, 'expect') as { position?: unknown; hash?: unknown };
    if (typeof position !== 'number' || !Number.isSafeInteger(position) || position < 0) throw refuse('expect.position', 'must be a whole number ≥ 0');
    if (typeof hash !== 'string') throw refuse('expect.hash', 'must be a string');
  }
  return checked;
}

/** `timeline`'s arguments: an id, and options with a time zone (string), a locale and a kind. */
export function timelineArguments(id: unknown, options: TimelineOptions | undefined): { id: string; options: TimelineOptions } {
  const checked = optionsArgument(options);
  if (checked.timeZone !== undefined && typeof checked.timeZone !== 'string') throw refuse('timeZone', 'must be a string');
  if (checked.locale !== undefined && checked.locale !== 'vi' && checked.locale !== 'en') throw refuse('locale', 'must be "vi" or "en"');
  if (checked.kind !== undefined && checked.kind !== 'plan' && checked.kind !== 'task') throw refuse('kind', 'must be "plan" or "task"');
  return { id: lookupId(id, 'id'), options: checked };
}
