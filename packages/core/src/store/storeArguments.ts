import { PlanlogError } from '../base/errors.js';
import { uncleanTextReason } from '../schemas/primitives.js';
import type { AppendOptions, ExpectedVersion } from './EventStore.js';

/**
 * The arguments of an `EventStore`'s methods, checked the same way by every store: what a caller
 * gets wrong is VALIDATION naming the argument, never a TypeError from deep inside a driver.
 */

function refuse(field: string, message: string): PlanlogError {
  return new PlanlogError('VALIDATION', `${field}: ${message}`, { field });
}

/** An options argument: absent, or an object (not null, not an array). */
export function optionsArgument<T extends object>(options: T | undefined, field = 'options'): Partial<T> {
  if (options === undefined) return {};
  if (options === null || typeof options !== 'object' || Array.isArray(options)) throw refuse(field, 'must be an object or left out');
  return options;
}

/** A stream id, command id or other key a read looks up: a string a store can keep as sent. */
export function idArgument(value: unknown, field: string): string {
  if (typeof value !== 'string') throw refuse(field, 'must be a string');
  const unclean = uncleanTextReason(value);
  if (unclean !== null) throw refuse(field, unclean);
  return value;
}

/** A position or version to read from (inclusive); left out: 1. Below 1 reads from 1. */
export function startArgument(value: unknown, field: 'fromPosition' | 'fromVersion'): number {
  if (value === undefined) return 1;
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw refuse(field, 'must be a whole number');
  return value;
}

/** `readAll`'s options: where to start. */
export function readAllStart(options: { fromPosition?: number } | undefined): number {
  return startArgument(optionsArgument(options).fromPosition, 'fromPosition');
}

/** `readStream`'s arguments: the stream and where to start. */
export function readStreamArguments(streamId: unknown, options: { fromVersion?: number } | undefined): { streamId: string; fromVersion: number } {
  return { streamId: idArgument(streamId, 'streamId'), fromVersion: startArgument(optionsArgument(options).fromVersion, 'fromVersion') };
}

/** `append`'s options: an object with the expected version (checked with the events by `validateAppend`). */
export function appendArguments(options: ({ expectedVersion: ExpectedVersion } & AppendOptions) | undefined): { expectedVersion: ExpectedVersion } & AppendOptions {
  if (options === undefined) throw refuse('options', 'must be { expectedVersion }');
  return optionsArgument(options) as { expectedVersion: ExpectedVersion } & AppendOptions;
}

const FINGERPRINT = /^[0-9a-f]{64}$/;

/** `appendMany`'s options: the command fingerprint, when given, is 64 lower-case hex digits. */
export function appendManyOptions(options: AppendOptions | undefined): AppendOptions {
  const { commandFingerprint } = optionsArgument(options);
  if (commandFingerprint === undefined) return {};
  if (typeof commandFingerprint !== 'string' || !FINGERPRINT.test(commandFingerprint)) {
    throw refuse('commandFingerprint', 'must be a SHA-256 in lower-case hex (64 digits)');
  }
  return { commandFingerprint };
}
