import { PlanlogError } from '@planlog/core';
import type { ClientBase } from 'pg';
import type { SchemaNames } from './names.js';

/** The schemas of the database that hold a planlog log (its events, head and schema_version tables), by name. */
export async function schemasWithLog(client: ClientBase): Promise<string[]> {
  const { rows } = await client.query<{ schema: string }>(
    `SELECT table_schema AS schema FROM information_schema.tables
      WHERE table_name IN ('events', 'head', 'schema_version')
      GROUP BY table_schema HAVING count(DISTINCT table_name) = 3
      ORDER BY table_schema`,
  );
  return rows.map((row) => row.schema);
}

/**
 * The version of the planlog log in `schema`, without creating or changing anything. A schema that
 * does not exist or holds no log is NOT_FOUND, naming it and the schemas that do hold one (a typo in
 * `?schema=` must not read as an empty, intact log).
 */
export async function findLog(client: ClientBase, names: SchemaNames, schema: string): Promise<number> {
  const schemas = await schemasWithLog(client);
  if (!schemas.includes(schema)) {
    const where = schemas.length === 0 ? 'no schema of this database holds one' : `schemas holding one: ${schemas.join(', ')}`;
    throw new PlanlogError('NOT_FOUND', `schema ${schema}: no planlog log there (${where})`, { field: 'schema', details: { schema, schemas } });
  }
  const version = await client.query<{ version: number | null }>(`SELECT max(version) AS version FROM ${names.schemaVersion}`);
  return version.rows[0]?.version ?? 0;
}
