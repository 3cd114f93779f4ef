import { GENESIS_HASH } from '@planlog/core/store';
import type { SchemaNames } from './names.js';

/**
 * Version 5's tables: each consumer name's checkpoint (the position of the last event handled or
 * parked) and the events its handler failed on too often. The lease on a name is a session-level
 * advisory lock held by the running instance's connection (see consumerCheckpoints.ts), so it needs
 * no column: a process that dies drops its connection, and the server frees the name at once.
 */
export const consumerTables = (n: SchemaNames): string => `
    CREATE TABLE ${n.consumers} (
      name text PRIMARY KEY,
      position bigint NOT NULL CHECK (position >= 0),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE TABLE ${n.parked} (
      consumer text NOT NULL,
      position bigint NOT NULL,
      event_id text NOT NULL,
      type text NOT NULL,
      stream_id text NOT NULL,
      error text NOT NULL,
      attempts integer NOT NULL,
      parked_at text NOT NULL,
      PRIMARY KEY (consumer, position)
    );
`;

/** The whole schema of version 4, created in one transaction in a schema without planlog tables. */
export const tablesSql = (n: SchemaNames): string => `
    -- One row: the newest position and its hash. Every append locks it (FOR UPDATE), which serialises
    -- appends, so positions are gap-free and commit in position order (see docs/postgres.md). At
    -- fillfactor 10 its page is pruned after a few updates instead of holding some sixty dead versions.
    CREATE TABLE ${n.head} (
      singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
      position bigint NOT NULL,
      hash text NOT NULL
    ) WITH (fillfactor = 10);
    INSERT INTO ${n.head} (singleton, position, hash) VALUES (true, 0, '${GENESIS_HASH}');

    -- event: the exact bytes of the event (core's eventBytes), as text, never jsonb; hash =
    -- SHA-256(previous hash || event). stream_id, version and command_id index them (verify checks).
    CREATE TABLE ${n.events} (
      position bigint PRIMARY KEY,
      stream_id text NOT NULL,
      version integer NOT NULL CHECK (version >= 1),
      command_id text NOT NULL,
      event text NOT NULL,
      hash text NOT NULL,
      CONSTRAINT events_stream_version UNIQUE (stream_id, version)
    );

    -- A command id belongs to one append: the primary key refuses it a second time, in any process.
    -- fingerprint: SHA-256 of the name, actor and input of the command that appended the id, which
    -- binds the id to them (design §3.2); NULL for ids planlog appends itself or appended without one.
    CREATE TABLE ${n.commands} (
      command_id text PRIMARY KEY,
      first_position bigint NOT NULL,
      last_position bigint NOT NULL,
      fingerprint text
    );
    -- The command index in log order, as verify reads it against the events.
    CREATE INDEX commands_by_position ON ${n.commands} (first_position, command_id);

    -- Appends as one server-side statement (see appendToStream.ts): the head row is locked only
    -- while the server runs it, never across a round trip to the client.
    CREATE FUNCTION ${n.schema}.append_events(p_calls jsonb) RETURNS jsonb LANGUAGE plpgsql AS $fn$
    DECLARE
      v_position bigint;
      v_hash text;
      v_call jsonb;
      v_request jsonb;
      v_event jsonb;
      v_expected jsonb;
      v_current integer;
      v_refusal jsonb;
      v_starts integer[];
      v_versions integer[];
      v_first bigint;
      v_index integer;
      v_positions bigint[];
      v_event_versions integer[];
      v_hashes text[];
      v_streams text[];
      v_text text;
      v_bytes text[];
      v_outcomes jsonb := '[]';
    BEGIN
      -- Serialise every append on the head row: positions are gap-free and commit in order.
      SELECT position, hash INTO v_position, v_hash FROM ${n.head} FOR UPDATE;
      FOR v_call IN SELECT value FROM jsonb_array_elements(p_calls) LOOP
        v_refusal := NULL;
        v_starts := '{}';
        FOR v_request IN SELECT value FROM jsonb_array_elements(v_call->'requests') LOOP
          SELECT coalesce(max(version), 0) INTO v_current FROM ${n.events} WHERE stream_id = v_request->>'streamId';
          v_expected := v_request->'expectedVersion';
          IF NOT (v_expected = '"any"'
                  OR (v_expected = '"no_stream"' AND v_current = 0)
                  OR (jsonb_typeof(v_expected) = 'number' AND v_current = (v_expected)::integer)) THEN
            v_refusal := jsonb_build_object('kind', 'version', 'streamId', v_request->>'streamId', 'current', v_current, 'expected', v_expected);
            EXIT;
          END IF;
          v_starts := v_starts || v_current;
        END LOOP;
        IF v_refusal IS NULL THEN
          SELECT jsonb_build_object('kind', 'command', 'commandId', c.command_id) INTO v_refusal
            FROM ${n.commands} c WHERE c.command_id IN (SELECT jsonb_array_elements_text(v_call->'commandIds')) LIMIT 1;
        END IF;
        IF v_refusal IS NOT NULL THEN
          v_outcomes := v_outcomes || jsonb_build_array(jsonb_build_object('refused', v_refusal));
          CONTINUE;
        END IF;

        -- Seal: each event's hash is SHA-256(previous hash || the exact bytes stored for it), the bytes
        -- (eventBytes in @planlog/core) sent by the client as the text before and after the version.
        v_versions := v_starts;
        v_first := v_position + 1;
        v_positions := '{}'; v_event_versions := '{}'; v_hashes := '{}'; v_streams := '{}'; v_bytes := '{}';
        FOR v_event IN SELECT value FROM jsonb_array_elements(v_call->'events') LOOP
          v_index := (v_event->>'r')::integer + 1;
          v_versions[v_index] := v_versions[v_index] + 1;
          v_position := v_position + 1;
          v_text := (v_event->>'a') || v_versions[v_index]::text || (v_event->>'z');
          v_hash := encode(sha256(convert_to(v_hash || v_text, 'UTF8')), 'hex');
          v_bytes := v_bytes || v_text;
          v_positions := v_positions || v_position;
          v_event_versions := v_event_versions || v_versions[v_index];
          v_hashes := v_hashes || v_hash;
          v_streams := v_streams || (v_call->'requests'->(v_index - 1)->>'streamId');
        END LOOP;
        INSERT INTO ${n.events} (position, stream_id, version, command_id, event, hash)
        SELECT u.position, u.stream_id, u.version, e.value->>'c', u.bytes, u.hash
          FROM jsonb_array_elements(v_call->'events') WITH ORDINALITY AS e(value, n)
          JOIN unnest(v_positions, v_streams, v_event_versions, v_hashes, v_bytes) WITH ORDINALITY AS u(position, stream_id, version, hash, bytes, n) USING (n);
        INSERT INTO ${n.commands} (command_id, first_position, last_position, fingerprint)
        SELECT e.value->>'c', v_first + min(e.n) - 1, v_first + max(e.n) - 1, v_call->>'f'
          FROM jsonb_array_elements(v_call->'events') WITH ORDINALITY AS e(value, n)
         GROUP BY e.value->>'c';
        v_outcomes := v_outcomes || jsonb_build_array(jsonb_build_object('first', v_first, 'starts', to_jsonb(v_starts), 'hashes', to_jsonb(v_hashes)));
      END LOOP;
      UPDATE ${n.head} SET position = v_position, hash = v_hash;
      RETURN v_outcomes;
    END
    $fn$;
`;
