import {
  PlanlogError,
  canonicalJson,
  checkExpectedVersion,
  commandConflict,
  commandIdsOf,
  type AppendRequest,
  type AppendResult,
  type ExpectedVersion,
  type NewEvent,
  type StoredEvent,
} from '@planlog/core';
import type { ClientBase, Pool } from 'pg';
import { fingerprintRows } from './commandFingerprint.js';
import type { SchemaNames } from './names.js';

/** One `appendMany` call: its requests land all together or not at all. */
export type AppendCall = readonly AppendRequest[];

/** What became of one call of a group: its results, or the refusal (CONFLICT) that stopped it. */
export type CallOutcome = { results: AppendResult[] } | { error: Error };

type Refusal = { kind: 'version'; streamId: string; current: number; expected: ExpectedVersion } | { kind: 'command'; commandId: string };
type Landed = { first: number | string; starts: number[]; hashes: string[] };

// Stand-ins for the position and version while the event's canonical JSON is cut into fragments.
const POSITION = Number.MAX_SAFE_INTEGER;
const VERSION = Number.MAX_SAFE_INTEGER - 1;
const POSITION_TOKEN = `"position":${POSITION}`;
const VERSION_TOKEN = `"version":${VERSION}`;

/**
 * The canonical JSON of the sealed event (what `hashEvent` hashes) in three pieces around the two
 * numbers only the database knows: `a + position + b + version + c`. The server joins them with the
 * numbers it assigns and hashes the result, so `hash = hashEvent(prevHash, event)` exactly.
 */
export function hashFragments(event: NewEvent, streamId: string): { a: string; b: string; c: string } {
  const text = canonicalJson({ ...event, streamId, version: VERSION, position: POSITION });
  const at = text.indexOf(POSITION_TOKEN);
  const vat = text.indexOf(VERSION_TOKEN);
  if (at < 0 || vat < at + POSITION_TOKEN.length || text.includes(POSITION_TOKEN, at + 1) || text.includes(VERSION_TOKEN, vat + 1)) {
    throw new PlanlogError('STORE', 'cannot place position and version in the canonical form of the event');
  }
  const positionAt = at + POSITION_TOKEN.length - String(POSITION).length;
  const versionAt = vat + VERSION_TOKEN.length - String(VERSION).length;
  return { a: text.slice(0, positionAt), b: text.slice(at + POSITION_TOKEN.length, versionAt), c: text.slice(vat + VERSION_TOKEN.length) };
}

/**
 * Append a group of calls with one statement, `append_events` (migration 2), in its own transaction
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
  const payload = calls.map((call) => ({
    requests: call.map((request) => ({ streamId: request.streamId, expectedVersion: request.expectedVersion })),
    commandIds: [...commandIdsOf(call)],
    events: call.flatMap((request, r) => request.events.map((event) => ({ r, e: event, ...hashFragments(event, request.streamId) }))),
  }));
  // The command fingerprints of the calls that landed (the function's outcome for the call has `first`).
  const prints = fingerprintRows(payload.map((call) => call.commandIds), fingerprints);
  // The same statement notifies the schema's channel with the new head position when anything landed;
  // PostgreSQL delivers it at commit, so a listener (a projection worker) wakes only for committed events.
  const { rows } = await db.query<{ outcomes: (Landed | { refused: Refusal })[] }>(
    `WITH appended AS MATERIALIZED (SELECT ${names.schema}.append_events($1::jsonb) AS outcomes),
          head AS (SELECT max((o->>'first')::bigint + jsonb_array_length(o->'hashes') - 1) AS position
                     FROM appended, jsonb_array_elements(appended.outcomes) o WHERE o ? 'first'),
          prints AS (INSERT INTO ${names.commandFingerprints} (command_id, fingerprint)
                     SELECT f.command_id, f.fingerprint FROM appended, unnest($3::text[], $4::text[], $5::integer[]) AS f(command_id, fingerprint, call)
                      WHERE appended.outcomes -> f.call ? 'first')
     SELECT appended.outcomes, CASE WHEN head.position IS NOT NULL THEN pg_notify($2, head.position::text) END AS notified
       FROM appended, head`,
    [JSON.stringify(payload), names.channel, prints.commandIds, prints.fingerprints, prints.calls],
  );
  return rows[0]!.outcomes.map((outcome, index): CallOutcome => {
    if ('refused' in outcome) return { error: refusalError(outcome.refused) };
    let position = Number(outcome.first);
    let offset = 0;
    const results = calls[index]!.map((request, r): AppendResult => {
      const start = outcome.starts[r]!;
      const events = request.events.map(
        (event, k): StoredEvent => ({ ...event, streamId: request.streamId, version: start + k + 1, position: position++, hash: outcome.hashes[offset++]! }) as StoredEvent,
      );
      return { streamId: request.streamId, version: start + events.length, position: events.at(-1)?.position ?? null, events };
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
