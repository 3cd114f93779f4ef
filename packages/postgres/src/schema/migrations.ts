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
];
