import { PlanlogError, type AppendResult, type StoredEvent } from '@planlog/core';
import { checkExpectedVersion, sealEvent, type SealedEvent } from '@planlog/core/store';
import type { ClientBase, Pool } from 'pg';
import type { AppendCall, CallOutcome } from './appendToStream.js';
import type { SchemaNames } from './names.js';

/** The newest event of the log as this process last saw it. */
export type Head = { position: number; hash: string };

/** A group of calls sealed in this process against an assumed head and assumed stream versions. */
export type SealedGroup = {
  head: Head;
  /** Every stream of the group with the version it is assumed to be at before the group. */
  streams: string[];
  starts: number[];
  outcomes: { results: AppendResult[] }[];
  /** Every event of the group with the exact bytes it is stored as. */
  events: SealedEvent[];
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
  const events: SealedEvent[] = [];
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
        const seal = sealEvent(event, streamId, start + sealed.length + 1, ++position, hash);
        hash = seal.event.hash;
        sealed.push(seal.event);
        events.push(seal);
      }
      versions.set(streamId, start + news.length);
      results.push({ streamId, version: start + news.length, position: sealed.length > 0 ? position : null, events: sealed });
    }
    for (const commandId of callCommands) commandIds.add(commandId);
    outcomes.push({ results });
  }
  if (events.length === 0) return null;
  return { head, streams: [...starts.keys()], starts: [...starts.values()], outcomes, events };
}

/**
 * The statement of `appendSealed`. It locks the head row (`h`); `ok` has a row only if the head is
 * the assumed one and every stream is at its assumed version, and everything else writes only through
 * `ok`. The whole statement reads one snapshot, taken before the lock was granted: when the head row
 * is still the version that snapshot sees, no append committed since (each one moves the head), so the
 * version checks see the whole log; when another append moved the head meanwhile, FOR UPDATE returns
 * the newer head and `ok` is empty. Positions are numbered from the head in the order of the rows.
 * The events' bytes come as one text, joined by newlines (`$5`, see `joinedBytes`); were they ever
 * split into more or fewer pieces than there are events, `unnest` would pad with NULLs, which the
 * NOT NULL columns refuse, so the statement would fail and write nothing.
 */
const appendSealedSql = (names: SchemaNames) => `
  WITH h AS MATERIALIZED (SELECT position, hash FROM ${names.head} FOR UPDATE),
  ok AS MATERIALIZED (
    SELECT FROM h
     WHERE h.position = $1 AND h.hash = $2
       AND NOT EXISTS (SELECT FROM unnest($3::text[], $4::integer[]) AS s(stream_id, start)
                        WHERE s.start <> coalesce((SELECT max(e.version) FROM ${names.events} e WHERE e.stream_id = s.stream_id), 0))),
  commands AS (
    INSERT INTO ${names.commands} (command_id, first_position, last_position, fingerprint)
    SELECT c.* FROM ok, unnest($6::text[], $7::bigint[], $8::bigint[], $15::text[]) AS c),
  events AS (
    INSERT INTO ${names.events} (position, stream_id, version, command_id, event, hash)
    SELECT $1 + r.n, r.stream_id, r.version, r.command_id, r.event, r.hash
      FROM ok, unnest($10::text[], $11::integer[], $12::text[], string_to_array($5::text, E'\\n'), $13::text[]) WITH ORDINALITY
        AS r(stream_id, version, command_id, event, hash, n)),
  moved AS (UPDATE ${names.head} SET position = $1 + cardinality($11::integer[]), hash = $14 FROM ok)
  SELECT pg_notify($9, ($1 + cardinality($11::integer[]))::text) FROM ok`;

/**
 * The events' bytes as one text parameter, joined by newlines. Canonical JSON (`eventBytes`) escapes
 * every control character, so no event's bytes hold a newline, and the server splits them back with
 * `string_to_array`. One text costs neither pg's array-literal escaping of every quote (each event is
 * JSON, full of them) on the client nor `array_in`'s unescaping on the server.
 */
export function joinedBytes(bytes: readonly string[]): string {
  for (const text of bytes) {
    if (text.includes('\n')) throw new PlanlogError('STORE', 'the bytes of an event hold a newline; canonical JSON never does');
  }
  return bytes.join('\n');
}

/**
 * Append a group sealed by `sealGroup` with one statement (above), a named prepared statement. Under
 * the head-row lock it checks every assumption (head position and hash, each stream's version, no
 * command id taken) and, only if all hold, inserts the rows as sealed (each command id with the
 * fingerprint `fingerprints[call]` of its call, if any), moves the head and notifies
 * `names.channel` like `append_events`. Returns the outcomes, or null when an assumption failed and
 * nothing was written (append the group with `appendToStream` instead). A taken command id is found
 * by the primary key while inserting: the statement fails, so its transaction keeps nothing.
 */
export async function appendSealed(
  db: Pool | ClientBase,
  names: SchemaNames,
  group: SealedGroup,
  fingerprints: readonly (string | undefined)[] = [],
): Promise<CallOutcome[] | null> {
  // Column arrays, the bytes as text (never through jsonb); row n goes to head + n, where the seal put it.
  const streamIds: string[] = [];
  const versions: number[] = [];
  const commandIds: string[] = [];
  const bytes: string[] = [];
  const hashes: string[] = [];
  const firsts = new Map<string, number>();
  const lasts = new Map<string, number>();
  // The fingerprint of the command that made each call (design §3.2), kept with each of its command ids.
  const prints = new Map<string, string>();
  group.outcomes.forEach((outcome, call) => {
    const fingerprint = fingerprints[call];
    if (fingerprint === undefined) return;
    for (const result of outcome.results) for (const event of result.events) prints.set(event.commandId, fingerprint);
  });
  for (const { event, bytes: stored } of group.events) {
    if (!firsts.has(event.commandId)) firsts.set(event.commandId, event.position);
    lasts.set(event.commandId, event.position);
    streamIds.push(event.streamId);
    versions.push(event.version);
    commandIds.push(event.commandId);
    bytes.push(stored);
    hashes.push(event.hash);
  }
  try {
    const { rowCount } = await db.query({
      name: `planlog.append_sealed ${names.schema}`, // prepared once per connection
      text: appendSealedSql(names),
      values: [
        group.head.position,
        group.head.hash,
        group.streams,
        group.starts,
        joinedBytes(bytes),
        [...firsts.keys()],
        [...firsts.values()],
        [...lasts.values()],
        names.channel,
        streamIds,
        versions,
        commandIds,
        hashes,
        hashes.at(-1),
        [...firsts.keys()].map((commandId) => prints.get(commandId) ?? null),
      ],
    });
    return rowCount === 1 ? group.outcomes : null;
  } catch (error) {
    const pgError = error as { code?: string; constraint?: string };
    if (pgError?.code === '23505' && pgError.constraint === 'commands_pkey') return null;
    throw error;
  }
}
