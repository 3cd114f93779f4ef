import { PlanlogError } from '../base/errors.js';
import { NewEventSchema, StreamIdSchema, type NewEvent, type StoredEvent } from '../schemas/events.js';
import { uncleanTextReason } from '../schemas/primitives.js';
import type { StreamAppend, ExpectedVersion } from './EventStore.js';
import { eventBytes } from './eventBytes.js';
import { hashBytes } from './hashEvent.js';

/** Refuse with `CONFLICT` unless the stream's current version is the expected one. */
export function checkExpectedVersion(streamId: string, current: number, expected: ExpectedVersion): void {
  const ok = expected === 'any' || (expected === 'no_stream' ? current === 0 : current === expected);
  if (!ok) {
    throw new PlanlogError('CONFLICT', `stream ${streamId} is at version ${current}, expected ${String(expected)}`, {
      field: 'expectedVersion',
      details: { streamId, current, expected },
    });
  }
}

/** A stream append in its validated form: every event as the schema gives it back (NFC names, ids trimmed, unknown keys dropped). */
export type ValidatedAppend = { streamId: string; expectedVersion: ExpectedVersion; events: NewEvent[] };

/**
 * Refuse a batch that names a stream twice or carries an invalid event, before anything is written;
 * otherwise give the batch back in its validated form, which is what a store keeps and hashes (a
 * copy the caller cannot change), so that reading it back through the schema gives the hashed bytes.
 */
export function validateAppend(appends: readonly StreamAppend[]): ValidatedAppend[] {
  // The error field stays `requests` (fields are stable across versions), as it was named before appends were.
  if (!Array.isArray(appends)) throw new PlanlogError('VALIDATION', 'requests: must be an array of stream appends ({ streamId, events, expectedVersion })', { field: 'requests' });
  const seen = new Set<string>();
  return appends.map((append: StreamAppend, r) => {
    if (append === null || typeof append !== 'object' || !Array.isArray(append.events)) {
      throw new PlanlogError('VALIDATION', `requests.${r}: must be { streamId, events: [...], expectedVersion }`, { field: `requests.${r}` });
    }
    const streamId = StreamIdSchema.safeParse(append.streamId);
    if (!streamId.success) {
      throw new PlanlogError('VALIDATION', `streamId: ${streamId.error.issues[0]!.message}`, { field: 'streamId' });
    }
    const uncleanId = uncleanTextReason(append.streamId);
    if (uncleanId !== null) throw new PlanlogError('VALIDATION', `streamId: ${uncleanId}`, { field: 'streamId' });
    if (seen.has(append.streamId)) {
      throw new PlanlogError('VALIDATION', `streamId: ${append.streamId} appears twice in one batch`, { field: 'streamId' });
    }
    seen.add(append.streamId);
    const expected = append.expectedVersion;
    if (!(expected === 'any' || expected === 'no_stream' || (Number.isInteger(expected) && expected >= 0))) {
      throw new PlanlogError('VALIDATION', 'expectedVersion: must be a version number, "no_stream" or "any"', { field: 'expectedVersion' });
    }
    const events = append.events.map((event, index) => {
      const parsed = NewEventSchema.safeParse(event);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        const field = [`events[${index}]`, ...issue.path.map(String)].join('.');
        throw new PlanlogError('VALIDATION', `${field}: ${issue.message}`, { field });
      }
      const unclean = uncleanTextIn(parsed.data, `events[${index}]`);
      if (unclean !== null) throw new PlanlogError('VALIDATION', `${unclean.field}: ${unclean.reason}`, { field: unclean.field });
      return parsed.data as NewEvent;
    });
    return { streamId: append.streamId, expectedVersion: expected, events };
  });
}

/**
 * The first string of a value (its members' names included) that a store cannot keep as sent (a
 * lone surrogate, NUL), with its dotted path. Checked on append only: a store would keep U+FFFD (SQLite)
 * or refuse the whole statement (PostgreSQL), and a log must read back exactly what was hashed.
 */
function uncleanTextIn(value: unknown, path: string): { field: string; reason: string } | null {
  if (typeof value === 'string') {
    const reason = uncleanTextReason(value);
    return reason === null ? null : { field: path, reason };
  }
  if (value === null || typeof value !== 'object') return null;
  for (const [key, member] of Object.entries(value)) {
    const field = `${path}.${key}`;
    const reason = uncleanTextReason(key);
    if (reason !== null) return { field, reason: `its name ${reason}` };
    const found = uncleanTextIn(member, field);
    if (found !== null) return found;
  }
  return null;
}

/** The command ids of a batch. */
export function commandIdsOf(appends: readonly StreamAppend[]): Set<string> {
  return new Set(appends.flatMap((append) => append.events.map((event) => event.commandId)));
}

export function commandConflict(commandId: string): PlanlogError {
  return new PlanlogError('CONFLICT', `command ${commandId} was already appended`, { field: 'commandId', details: { commandId } });
}

/** A sealed event and the exact bytes a store keeps for it (what its hash covers). */
export type SealedEvent = { event: StoredEvent; bytes: string };

/**
 * Give a new event its stream version, global position and chained hash: its bytes (`eventBytes`)
 * are produced here, once, and hashed as they will be stored.
 */
export function sealEvent(event: NewEvent, streamId: string, version: number, position: number, prevHash: string): SealedEvent {
  const { id, schemaVersion, actor, commandId, causationId, correlationId, recordedAt, type, data } = event;
  const stored = { id, schemaVersion, actor, commandId, causationId, correlationId, recordedAt, type, data, streamId, version, position, hash: '' };
  const bytes = eventBytes(stored as NewEvent & { streamId: string; version: number });
  stored.hash = hashBytes(prevHash, bytes);
  return { event: stored as StoredEvent, bytes };
}
