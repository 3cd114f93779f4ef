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
