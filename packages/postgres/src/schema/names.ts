/** The tables of one planlog schema, as quoted SQL names. */
export type SchemaNames = {
  schema: string;
  head: string;
  events: string;
  commands: string;
  schemaVersion: string;
  /** Durable consumers' checkpoints and parked events (schema version 5). */
  consumers: string;
  parked: string;
  /** The LISTEN/NOTIFY channel an append notifies (a plain string, not quoted; at most 63 bytes). */
  channel: string;
};

const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

const quote = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;

/** Quoted names of the tables in `schema`; refuses names that are not plain SQL identifiers. */
export function schemaNames(schema: string): SchemaNames {
  if (!SCHEMA_NAME.test(schema)) throw new TypeError(`schema: "${schema}" is not a plain SQL identifier (letters, digits, _)`);
  const q = quote(schema);
  return {
    schema: q,
    head: `${q}.head`,
    events: `${q}.events`,
    commands: `${q}.commands`,
    schemaVersion: `${q}.schema_version`,
    consumers: `${q}.consumers`,
    parked: `${q}.parked`,
    // PostgreSQL cuts channel names at 63 bytes; two long schema names sharing a prefix only share
    // wake-ups, never data.
    channel: `planlog_events_${schema}`.slice(0, 63),
  };
}
