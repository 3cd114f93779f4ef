import {
  checkExpectedVersion,
  commandConflict,
  commandIdsOf,
  sealEvent,
  type AppendRequest,
  type AppendResult,
  type NewEvent,
  type StoredEvent,
} from '@planlog/core';
import type { ClientBase } from 'pg';
import { rowFromEvent } from './eventRow.js';
import type { SchemaNames } from './names.js';

/** One `appendMany` call: its requests land all together or not at all. */
export type AppendCall = readonly AppendRequest[];

/** What became of one call of a group: its results, or the refusal (CONFLICT) that stopped it. */
export type CallOutcome = { results: AppendResult[] } | { error: Error };

type Head = { position: number; hash: string; versions: Map<string, number>; usedCommandIds: Set<string> };

const literal = (client: ClientBase, value: unknown) => client.escapeLiteral(JSON.stringify(value));

/**
 * Open the append transaction and take the head row `FOR UPDATE`: from here until COMMIT no other
 * append, in any process, can take a position. Then read the versions of the streams and the command
 * ids already used. One round trip (simple protocol, several statements); the second SELECT runs
 * after the lock is granted, so under READ COMMITTED its snapshot holds every earlier append.
 */
async function lockHead(client: ClientBase, names: SchemaNames, streamIds: string[], commandIds: string[]): Promise<Head> {
  const results = (await client.query(`
    BEGIN;
    SELECT position, hash FROM ${names.head} FOR UPDATE;
    SELECT
      (SELECT coalesce(json_object_agg(s.id, (SELECT coalesce(max(e.version), 0) FROM ${names.events} e WHERE e.stream_id = s.id)), '{}')
         FROM jsonb_array_elements_text(${literal(client, streamIds)}::jsonb) AS s(id)) AS versions,
      (SELECT coalesce(json_agg(c.command_id), '[]')
         FROM ${names.commands} c WHERE c.command_id IN (SELECT jsonb_array_elements_text(${literal(client, commandIds)}::jsonb))) AS used;
  `)) as unknown as { rows: Record<string, unknown>[] }[];
  const head = results[1]!.rows[0] as { position: string; hash: string };
  const read = results[2]!.rows[0] as { versions: Record<string, number>; used: string[] };
  return {
    position: Number(head.position),
    hash: head.hash,
    versions: new Map(Object.entries(read.versions)),
    usedCommandIds: new Set(read.used),
  };
}

/**
 * Append a group of calls in one transaction (group commit). Each call is decided in turn against
 * the log and the calls accepted before it: a call whose expected version fails or whose command id
 * is taken is refused whole, the others land. Events are sealed here, chained from the head's hash.
 *
 * `commit: false` leaves the transaction open (holding the head lock) for the caller to end: tests
 * use it to hold an append in flight.
 */
export async function appendToStream(
  client: ClientBase,
  names: SchemaNames,
  calls: readonly AppendCall[],
  options: { commit?: boolean } = {},
): Promise<CallOutcome[]> {
  const streamIds = [...new Set(calls.flatMap((call) => call.map((request) => request.streamId)))];
  const commandIds = [...new Set(calls.flatMap((call) => [...commandIdsOf(call)]))];
  const head = await lockHead(client, names, streamIds, commandIds);

  let position = head.position;
  let hash = head.hash;
  const sealed: StoredEvent[] = [];
  const commands: { command_id: string; first_position: number; last_position: number }[] = [];

  const outcomes = calls.map((call): CallOutcome => {
    try {
      for (const request of call) checkExpectedVersion(request.streamId, head.versions.get(request.streamId) ?? 0, request.expectedVersion);
      for (const commandId of commandIdsOf(call)) if (head.usedCommandIds.has(commandId)) throw commandConflict(commandId);
    } catch (error) {
      return { error: error as Error };
    }
    const spans = new Map<string, { command_id: string; first_position: number; last_position: number }>();
    const results = call.map((request): AppendResult => {
      let version = head.versions.get(request.streamId) ?? 0;
      const events = request.events.map((event: NewEvent) => {
        const stored = sealEvent(event, request.streamId, ++version, ++position, hash);
        hash = stored.hash;
        sealed.push(stored);
        const span = spans.get(stored.commandId);
        if (span) span.last_position = stored.position;
        else spans.set(stored.commandId, { command_id: stored.commandId, first_position: stored.position, last_position: stored.position });
        return stored;
      });
      head.versions.set(request.streamId, version);
      return { streamId: request.streamId, version, position: events.at(-1)?.position ?? null, events };
    });
    for (const [commandId, span] of spans) {
      head.usedCommandIds.add(commandId);
      commands.push(span);
    }
    return { results };
  });

  const end = options.commit === false ? '' : 'COMMIT;';
  if (sealed.length === 0) {
    await client.query(end || 'SELECT 1');
    return outcomes;
  }
  await client.query(`
    WITH new_events AS (
      INSERT INTO ${names.events} (position, stream_id, version, id, type, schema_version, data, actor, command_id, causation_id, correlation_id, recorded_at, hash)
      SELECT * FROM jsonb_to_recordset(${literal(client, sealed.map(rowFromEvent))}::jsonb) AS r(
        position bigint, stream_id text, version integer, id text, type text, schema_version integer, data jsonb, actor jsonb,
        command_id text, causation_id text, correlation_id text, recorded_at text, hash text)
    ), new_commands AS (
      INSERT INTO ${names.commands} (command_id, first_position, last_position)
      SELECT * FROM jsonb_to_recordset(${literal(client, commands)}::jsonb) AS c(command_id text, first_position bigint, last_position bigint)
    )
    UPDATE ${names.head} SET position = ${position}, hash = ${client.escapeLiteral(hash)};
    ${end}
  `);
  return outcomes;
}
