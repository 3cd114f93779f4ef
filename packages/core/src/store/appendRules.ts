import { PlanlogError } from '../errors.js';
import { NewEventSchema, StreamIdSchema, type NewEvent, type StoredEvent } from '../schemas/events.js';
import type { AppendRequest, ExpectedVersion } from './EventStore.js';
import { hashEvent } from './hashEvent.js';

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

/** Refuse a batch that names a stream twice or carries an invalid event, before anything is written. */
export function validateAppend(requests: readonly AppendRequest[]): void {
  const seen = new Set<string>();
  for (const request of requests) {
    const streamId = StreamIdSchema.safeParse(request.streamId);
    if (!streamId.success) {
      throw new PlanlogError('VALIDATION', `streamId: ${streamId.error.issues[0]!.message}`, { field: 'streamId' });
    }
    if (seen.has(request.streamId)) {
      throw new PlanlogError('VALIDATION', `streamId: ${request.streamId} appears twice in one batch`, { field: 'streamId' });
    }
    seen.add(request.streamId);
    const expected = request.expectedVersion;
    if (!(expected === 'any' || expected === 'no_stream' || (Number.isInteger(expected) && expected >= 0))) {
      throw new PlanlogError('VALIDATION', 'expectedVersion: must be a version number, "no_stream" or "any"', { field: 'expectedVersion' });
    }
    request.events.forEach((event, index) => {
      const parsed = NewEventSchema.safeParse(event);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        const field = [`events[${index}]`, ...issue.path.map(String)].join('.');
        throw new PlanlogError('VALIDATION', `${field}: ${issue.message}`, { field });
      }
    });
  }
}

/** The command ids of a batch. */
export function commandIdsOf(requests: readonly AppendRequest[]): Set<string> {
  return new Set(requests.flatMap((request) => request.events.map((event) => event.commandId)));
}

export function commandConflict(commandId: string): PlanlogError {
  return new PlanlogError('CONFLICT', `command ${commandId} was already appended`, { field: 'commandId', details: { commandId } });
}

/** Give a new event its stream version, global position and chained hash. */
export function sealEvent(event: NewEvent, streamId: string, version: number, position: number, prevHash: string): StoredEvent {
  const unsealed = { ...event, streamId, version, position } as Omit<StoredEvent, 'hash'>;
  return { ...unsealed, hash: hashEvent(prevHash, unsealed) } as StoredEvent;
}
