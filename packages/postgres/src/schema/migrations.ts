import { GENESIS_HASH } from '@planlog/core';
import type { SchemaNames } from './names.js';

/**
 * The schema, one entry per version, applied in order and recorded in `schema_version`. Never edit
 * an entry that has shipped: add the next one.
 */
export const migrations: readonly ((names: SchemaNames) => string)[] = [
  // 1: the log, its head and the command ids.
  (n) => `
    -- One row: the newest position and its hash. Every append locks it (FOR UPDATE), which serialises
    -- appends, so positions are gap-free and commit in position order (see docs/postgres.md).
    CREATE TABLE ${n.head} (
      singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
      position bigint NOT NULL,
      hash text NOT NULL
    );
    INSERT INTO ${n.head} (singleton, position, hash) VALUES (true, 0, '${GENESIS_HASH}');

    CREATE TABLE ${n.events} (
      position bigint PRIMARY KEY,
      stream_id text NOT NULL,
      version integer NOT NULL CHECK (version >= 1),
      id text NOT NULL,
      type text NOT NULL,
      schema_version integer NOT NULL,
      data jsonb NOT NULL,
      actor jsonb NOT NULL,
      command_id text NOT NULL,
      causation_id text,
      correlation_id text NOT NULL,
      recorded_at text NOT NULL,
      hash text NOT NULL,
      CONSTRAINT events_stream_version UNIQUE (stream_id, version)
    );

    -- A command id belongs to one append: the primary key refuses it a second time, in any process.
    CREATE TABLE ${n.commands} (
      command_id text PRIMARY KEY,
      first_position bigint NOT NULL,
      last_position bigint NOT NULL
    );
  `,
  // 2: appends as one server-side statement (see appendToStream.ts): the head row is locked only
  // while the server runs it, never across a round trip to the client.
  (n) => `
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

        -- Seal: each event's hash is SHA-256(previous hash || its canonical JSON), the JSON sent as the
        -- fragments around its position and version (hashEvent in @planlog/core, computed here).
        v_versions := v_starts;
        v_first := v_position + 1;
        v_positions := '{}'; v_event_versions := '{}'; v_hashes := '{}'; v_streams := '{}';
        FOR v_event IN SELECT value FROM jsonb_array_elements(v_call->'events') LOOP
          v_index := (v_event->>'r')::integer + 1;
          v_versions[v_index] := v_versions[v_index] + 1;
          v_position := v_position + 1;
          v_hash := encode(sha256(convert_to(
            v_hash || (v_event->>'a') || v_position::text || (v_event->>'b') || v_versions[v_index]::text || (v_event->>'c'), 'UTF8')), 'hex');
          v_positions := v_positions || v_position;
          v_event_versions := v_event_versions || v_versions[v_index];
          v_hashes := v_hashes || v_hash;
          v_streams := v_streams || (v_call->'requests'->(v_index - 1)->>'streamId');
        END LOOP;
        INSERT INTO ${n.events} (position, stream_id, version, id, type, schema_version, data, actor, command_id, causation_id, correlation_id, recorded_at, hash)
        SELECT u.position, u.stream_id, u.version, e.value->'e'->>'id', e.value->'e'->>'type', (e.value->'e'->>'schemaVersion')::integer,
               e.value->'e'->'data', e.value->'e'->'actor', e.value->'e'->>'commandId', e.value->'e'->>'causationId',
               e.value->'e'->>'correlationId', e.value->'e'->>'recordedAt', u.hash
          FROM jsonb_array_elements(v_call->'events') WITH ORDINALITY AS e(value, n)
          JOIN unnest(v_positions, v_streams, v_event_versions, v_hashes) WITH ORDINALITY AS u(position, stream_id, version, hash, n) USING (n);
        INSERT INTO ${n.commands} (command_id, first_position, last_position)
        SELECT e.value->'e'->>'commandId', v_first + min(e.n) - 1, v_first + max(e.n) - 1
          FROM jsonb_array_elements(v_call->'events') WITH ORDINALITY AS e(value, n)
         GROUP BY e.value->'e'->>'commandId';
        v_outcomes := v_outcomes || jsonb_build_array(jsonb_build_object('first', v_first, 'starts', to_jsonb(v_starts), 'hashes', to_jsonb(v_hashes)));
      END LOOP;
      UPDATE ${n.head} SET position = v_position, hash = v_hash;
      RETURN v_outcomes;
    END
    $fn$;
  `,
  // 3: the head page pruned often. Every append updates the one head row, leaving a dead version
  // behind in its page, and scans that page twice (lock, update); at fillfactor 10 the page is pruned
  // after a few updates instead of holding some sixty versions to step over.
  (n) => `ALTER TABLE ${n.head} SET (fillfactor = 10);`,
  // 4: a command id bound to its command (design §3.2): the fingerprint (SHA-256 of the command's name,
  // actor and input) of every command id a command appended, written by the append's statement. A
  // table of its own, so the append function stays as it is; ids planlog appends by itself have none.
  (n) => `
    CREATE TABLE ${n.commandFingerprints} (
      command_id text PRIMARY KEY,
      fingerprint text NOT NULL
    );
  `,
];
