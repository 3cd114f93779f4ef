import { describe, expect, it } from 'vitest';
import type { NewEvent } from '@planlog/core';
import { postgresStore, POSTGRES_SCHEMA_VERSION } from '@planlog/postgres';
import { usePostgres } from './usePostgres.js';

// postgresStore({ … }, { create: false }) and { readonly: true }: a schema without a log is never
// created (a typo in a schema name must not read as an empty, intact log), and a read-only store
// never writes, not even a migration.

const pg = usePostgres();

const event = (): NewEvent => ({ type: 'task.acknowledged', data: { taskId: 't1' }, actor: { unitId: 'u' } }) as unknown as NewEvent;

async function schemaExists(name: string): Promise<boolean> {
  const { rows } = await pg.admin().query('SELECT 1 FROM information_schema.schemata WHERE schema_name = $1', [name]);
  return rows.length > 0;
}

describe('postgresStore without creating', () => {
  it('create: false and readonly: a missing schema is NOT_FOUND naming the schemas that hold a log; nothing is created', async () => {
    const existing = pg.server().freshSchema('log');
    const writer = postgresStore({ connectionString: pg.server().url }, { schema: existing });
    await writer.ready();
    await writer.close();
    const missing = pg.server().freshSchema('typo');
    for (const options of [{ create: false }, { readonly: true }]) {
      const store = postgresStore({ connectionString: pg.server().url }, { schema: missing, ...options });
      await expect(store.headPosition()).rejects.toMatchObject({
        code: 'NOT_FOUND',
        field: 'schema',
        message: expect.stringContaining(`schema ${missing}: no planlog log there`),
        details: { schema: missing, schemas: expect.arrayContaining([existing]) },
      });
      await store.close();
      expect(await schemaExists(missing)).toBe(false);
    }
  });

  it('create: false opens and migrates an existing log; readonly reads it and refuses appends with STORE', async () => {
    const schema = pg.server().freshSchema('log');
    const created = postgresStore({ connectionString: pg.server().url }, { schema });
    await created.ready();
    await created.close();
    const existing = postgresStore({ connectionString: pg.server().url }, { schema, create: false });
    expect(await existing.headPosition()).toBe(0);
    await existing.close();

    const reader = postgresStore({ connectionString: pg.server().url }, { schema, readonly: true });
    expect(await reader.headPosition()).toBe(0);
    await expect(reader.append('task-t1', [event()], { expectedVersion: 'any' })).rejects.toMatchObject({ code: 'STORE', field: 'readonly' });
    await reader.close();
  });

  it('readonly does not migrate a log at another schema version: STORE naming both versions', async () => {
    const schema = pg.server().freshSchema('old');
    const created = postgresStore({ connectionString: pg.server().url }, { schema });
    await created.ready();
    await created.close();
    // The schema holds one row, its version (schema 4 is created whole): make it the version before.
    await pg.admin().query(`UPDATE "${schema}".schema_version SET version = $1`, [POSTGRES_SCHEMA_VERSION - 1]);
    const reader = postgresStore({ connectionString: pg.server().url }, { schema, readonly: true });
    await expect(reader.headPosition()).rejects.toMatchObject({ code: 'STORE', field: 'schema', details: { version: POSTGRES_SCHEMA_VERSION - 1, expected: POSTGRES_SCHEMA_VERSION } });
    await reader.close();
    const { rows } = await pg.admin().query(`SELECT max(version) AS v FROM "${schema}".schema_version`);
    expect(rows[0].v).toBe(POSTGRES_SCHEMA_VERSION - 1);
  });
});
