import { checkExpectedVersion, sealEvent, type AppendResult, type StoredEvent } from '@planlog/core';
import type { ClientBase, Pool } from 'pg';
import type { AppendCall, CallOutcome } from './appendToStream.js';
import type { SchemaNames } from './names.js';

/** What `append_sealed` raises when a command id of the group is taken (it then wrote nothing). */
const COMMAND_TAKEN = 'PL409';

/** The newest event of the log as this process last saw it. */
export type Head = { position: number; hash: string };

/** A group of calls sealed in this process against an assumed head and assumed stream versions. */
export type SealedGroup = {
  head: Head;
  /** Every stream of the group with the version it is assumed to be at before the group. */
  streams: string[];
  starts: number[];
  outcomes: { results: AppendResult[] }[];
  events: StoredEvent[];
};

/**
 * Seal a group as `append_events` would if the log is at `head` and each stream at the version
 * `versionOf` guesses: every call lands, in turn, with the next positions and the hash chain from
 * `head.hash` (core's `sealEvent`, so `hash = hashEvent(prevHash, event)` by construction). Returns
 * null when that cannot be assumed: a stream whose version is unknown, an expected version the guess
 * refuses, a command id used twice in the group, or nothing to append.
 */
export function sealGroup(calls: readonly AppendCall[], head: Head, versionOf: (streamId: string) => number | undefined): SealedGroup | null {
  const versions = new Map<string, number>();
  const starts = new Map<string, number>();
  const commandIds = new Set<string>();
  const events: StoredEvent[] = [];
  const outcomes: { results: AppendResult[] }[] = [];
  let position = head.position;
  let hash = head.hash;
  for (const call of calls) {
    const callCommands = new Set<string>();
    const results: AppendResult[] = [];
    for (const { streamId, expectedVersion, events: news } of call) {
      let start = versions.get(streamId);
      if (start === undefined) {
        start = expectedVersion === 'no_stream' ? 0 : typeof expectedVersion === 'number' ? expectedVersion : versionOf(streamId);
        if (start === undefined) return null;
        starts.set(streamId, start);
      }
      try {
        checkExpectedVersion(streamId, start, expectedVersion);
      } catch {
        return null; // a refusal, or a wrong guess: the server decides
      }
      const sealed: StoredEvent[] = [];
      for (const event of news) {
        if (commandIds.has(event.commandId)) return null; // used by an earlier call of the group: refused
        callCommands.add(event.commandId);
        const stored = sealEvent(event, streamId, start + sealed.length + 1, ++position, hash);
        hash = stored.hash;
        sealed.push(stored);
      }
      versions.set(streamId, start + news.length);
      events.push(...sealed);
      results.push({ streamId, version: start + news.length, position: sealed.length > 0 ? position : null, events: sealed });
    }
    for (const commandId of callCommands) commandIds.add(commandId);
    outcomes.push({ results });
  }
  if (events.length === 0) return null;
  return { head, streams: [...starts.keys()], starts: [...starts.values()], outcomes, events };
}

/**
 * Append a group sealed by `sealGroup` with one statement, `append_sealed` (migration 3). Under the
 * head-row lock the function checks every assumption (head position and hash, each stream's version,
 * no command id taken) and, only if all hold, inserts the rows as sealed and moves the head; it
 * notifies `names.channel` like `append_events`. Returns the outcomes, or null when an assumption
 * failed and nothing was written (append the group with `appendToStream` instead); a taken command id
 * fails the statement, so its transaction keeps nothing, and counts as such a failure.
 */
export async function appendSealed(db: Pool | ClientBase, names: SchemaNames, group: SealedGroup): Promise<CallOutcome[] | null> {
  const rows: unknown[] = [];
  const firsts = new Map<string, number>();
  const lasts = new Map<string, number>();
  for (const event of group.events) {
    if (!firsts.has(event.commandId)) firsts.set(event.commandId, event.position);
    lasts.set(event.commandId, event.position);
    rows.push({
      stream_id: event.streamId,
      version: event.version,
      id: event.id,
      type: event.type,
      schema_version: event.schemaVersion,
      data: event.data,
      actor: event.actor,
      command_id: event.commandId,
      causation_id: event.causationId,
      correlation_id: event.correlationId,
      recorded_at: event.recordedAt,
      hash: event.hash,
    });
  }
  const answer = await db.query<{ landed: boolean }>({
    name: `planlog.append_sealed ${names.schema}`, // prepared once per connection
    text: `SELECT ${names.schema}.append_sealed($1, $2, $3, $4, $5, $6, $7, $8, $9) AS landed`,
    values: [group.head.position, group.head.hash, group.streams, group.starts, JSON.stringify(rows), [...firsts.keys()], [...firsts.values()], [...lasts.values()], names.channel],
  }).then(({ rows }) => rows, (error: { code?: string }) => {
    if (error?.code === COMMAND_TAKEN) return [{ landed: false }];
    throw error;
  });
  return answer[0]!.landed ? group.outcomes : null;
}
