/**
 * The tables of schema version 2. `event` holds the exact bytes of each event (core's `eventBytes`:
 * its canonical JSON, produced once at append) and `hash` is SHA-256(previous hash ‖ those bytes);
 * `stream_id`, `version` and `command_id` are indexes beside them, which `verifyLog` checks against
 * the bytes. Positions are the rowid (assigned as head + 1 inside the write transaction, so they
 * start at 1 and only grow); `UNIQUE (stream_id, version)` makes the database itself refuse two
 * events at one version of a stream; `planlog_commands` indexes every command id ever appended, with
 * the span of positions its events occupy, so that idempotency outlives the process, and the
 * fingerprint of the command that appended it (SHA-256 of its name, actor and input; NULL for ids
 * planlog appends itself or appended without one), which binds the id to them (design §3.2).
 */
export const tablesSql = `
CREATE TABLE planlog_events (
  position   INTEGER PRIMARY KEY,
  stream_id  TEXT    NOT NULL,
  version    INTEGER NOT NULL CHECK (version >= 1),
  command_id TEXT    NOT NULL,
  event      TEXT    NOT NULL,
  hash       TEXT    NOT NULL,
  UNIQUE (stream_id, version)
);

CREATE TABLE planlog_commands (
  command_id     TEXT    PRIMARY KEY,
  first_position INTEGER NOT NULL,
  last_position  INTEGER NOT NULL,
  fingerprint    TEXT
) WITHOUT ROWID;

-- The command index in log order, as verify reads it against the events.
CREATE INDEX planlog_commands_by_position ON planlog_commands (first_position, command_id);
`;

/**
 * Added by schema version 3: durable consumers (`startConsumer`). `planlog_consumers` holds each
 * consumer name's checkpoint (the position of the last event handled or parked) and its lease: the
 * instance that runs the name (`owner`) until `lease_until` (ms since the epoch, by the consumer's
 * clock), renewed while it runs; another instance may take the name only once the lease has run out
 * or was given back. `planlog_parked` keeps the events a handler failed on too often, with the error.
 */
export const consumerTables = `
CREATE TABLE planlog_consumers (
  name        TEXT    PRIMARY KEY,
  position    INTEGER NOT NULL CHECK (position >= 0),
  owner       TEXT,
  lease_until INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;

CREATE TABLE planlog_parked (
  consumer  TEXT    NOT NULL,
  position  INTEGER NOT NULL,
  event_id  TEXT    NOT NULL,
  type      TEXT    NOT NULL,
  stream_id TEXT    NOT NULL,
  error     TEXT    NOT NULL,
  attempts  INTEGER NOT NULL,
  parked_at TEXT    NOT NULL,
  PRIMARY KEY (consumer, position)
) WITHOUT ROWID;
`;
