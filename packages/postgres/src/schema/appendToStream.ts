import { PlanlogError, type StreamAppend, type AppendResult, type ExpectedVersion, type NewEvent, type StoredEvent } from '@planlog/core';
import { eventBytes, checkExpectedVersion, commandConflict, commandIdsOf } from '@planlog/core/store';
import type { ClientBase, Pool } from 'pg';
import type { SchemaNames } from './names.js';

/** One `appendMany` call: its requests land all together or not at all. */
export type AppendCall = readonly StreamAppend[];

/** What became of one call of a group: its results, or the refusal (CONFLICT) that stopped it. */
export type CallOutcome = { results: AppendResult[] } | { error: Error };

type Refusal = { kind: 'version'; streamId: string; current: number; expected: ExpectedVersion } | { kind: 'command'; commandId: string };
type Landed = { first: number | string; starts: number[]; hashes: string[] };

// A stand-in for the version while the event's bytes are cut in two around it.
const VERSION = Number.MAX_SAFE_INTEGER;
const VERSION_TOKEN = `"version":${VERSION}`;

/**
 * The bytes of the event (`eventBytes`) in two pieces around the version only the database knows:
 * `a + version + z`. The server joins them with the version it assigns, so the stored bytes are
 * exactly `eventBytes` of the event at that version.
 */
export function bytesAroundVersion(event: NewEvent, streamId: string): { a: string; z: string } {
  const text = eventBytes({ ...event, streamId, version: VERSION });
  const at = text.lastIndexOf(VERSION_TOKEN);
  // `version` is the last key of the bytes, so its token ends them but for the closing brace.
  if (at < 0 || at + VERSION_TOKEN.length !== text.length - 1) {
    throw new PlanlogError('STORE', 'cannot place the version in the bytes of the event');
  }
  return { a: text.slice(0, at + VERSION_TOKEN.length - String(VERSION).length), z: text.slice(at + VERSION_TOKEN.length) };
}

/**
 * Append a group of calls with one statement, `append_events` (see tables.ts), in its own transaction
 * unless the client has one open. The function locks the head row, decides each call in turn against
 * the log and the calls accepted before it (a call whose expected version fails or whose command id is
 * taken is refused whole; the others land), seals and inserts. The head row stays locked only while
 * the server runs: no round trip to the client happens under the lock. The statement also notifies
 * `names.channel` (payload: the new head position) when any call landed.
 */
export async function appendToStream(
  db: Pool | ClientBase,
  names: SchemaNames,
  calls: readonly AppendCall[],
  fingerprints: readonly (string | undefined)[] = [],
): Promise<CallOutcome[]> {
  const payload = calls.map((call, index) => ({
    requests: call.map((append) => ({ streamId: append.streamId, expectedVersion: append.expectedVersion })),
    commandIds: [...commandIdsOf(call)],
    // The fingerprint of the command that made the call (design §3.2), kept with each of its command ids.
    f: fingerprints[index],
    // Each event as the exact bytes it is stored as (`eventBytes`, produced here, once), in two pieces
    // around its stream version, which only the server knows: it joins them, hashes and stores that text.
    events: call.flatMap((append, r) => append.events.map((event) => ({ r, c: event.commandId, ...bytesAroundVersion(event, append.streamId) }))),
  }));
  // The same statement notifies the schema's channel with the new head position when anything landed;
  // PostgreSQL delivers it at commit, so a listener (a projection worker) wakes only for committed events.
  const { rows } = await db.query<{ outcomes: (Landed | { refused: Refusal })[] }>(
    `WITH appended AS MATERIALIZED (SELECT ${names.schema}.append_events($1::jsonb) AS outcomes),
          head AS (SELECT max((o->>'first')::bigint + jsonb_array_length(o->'hashes') - 1) AS position
                     FROM appended, jsonb_array_elements(appended.outcomes) o WHERE o ? 'first')
     SELECT appended.outcomes, CASE WHEN head.position IS NOT NULL THEN pg_notify($2, head.position::text) END AS notified
       FROM appended, head`,
    [JSON.stringify(payload), names.channel],
  );
  return rows[0]!.outcomes.map((outcome, index): CallOutcome => {
    if ('refused' in outcome) return { error: refusalError(outcome.refused) };
    let position = Number(outcome.first);
    let offset = 0;
    const results = calls[index]!.map((append, r): AppendResult => {
      const start = outcome.starts[r]!;
      const events = append.events.map(
        (event, k): StoredEvent => ({ ...event, streamId: append.streamId, version: start + k + 1, position: position++, hash: outcome.hashes[offset++]! }) as StoredEvent,
      );
      return { streamId: append.streamId, version: start + events.length, position: events.at(-1)?.position ?? null, events };
    });
    return { results };
  });
}

/** The error core's own rules give for a refusal the server reported. */
function refusalError(refusal: Refusal): Error {
  if (refusal.kind === 'command') return commandConflict(refusal.commandId);
  try {
    checkExpectedVersion(refusal.streamId, refusal.current, refusal.expected);
  } catch (error) {
    return error as Error;
  }
  return new PlanlogError('CONFLICT', `stream ${refusal.streamId} is at version ${refusal.current}, expected ${String(refusal.expected)}`);
}
