/**
 * The tables of schema version 1. Positions are the rowid (assigned as head + 1 inside the write
 * transaction, so they start at 1 and only grow); `UNIQUE (stream_id, version)` makes the database
 * itself refuse two events at one version of a stream; `planlog_commands` remembers every command
 * id ever appended, with the span of positions its events occupy, so that idempotency outlives the
 * process.
 */
export const TABLES_V1 = `
CREATE TABLE planlog_events (
  position       INTEGER PRIMARY KEY,
  id             TEXT    NOT NULL,
  stream_id      TEXT    NOT NULL,
  version        INTEGER NOT NULL CHECK (version >= 1),
  type           TEXT    NOT NULL,
  schema_version INTEGER NOT NULL,
  data           TEXT    NOT NULL,
  actor          TEXT    NOT NULL,
  command_id     TEXT    NOT NULL,
  causation_id   TEXT,
  correlation_id TEXT    NOT NULL,
  recorded_at    TEXT    NOT NULL,
  hash           TEXT    NOT NULL,
  UNIQUE (stream_id, version)
);

CREATE TABLE planlog_commands (
  command_id     TEXT    PRIMARY KEY,
  first_position INTEGER NOT NULL,
  last_position  INTEGER NOT NULL
) WITHOUT ROWID;
`;
