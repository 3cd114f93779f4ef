import { describe, expect, it } from 'vitest';
import { startConsumer, verifyLog } from '@planlog/core';
import { manualTimers, writeSampleLog } from '@planlog/core/testing';
import { postgresStore, POSTGRES_SCHEMA_VERSION, schemaNames } from '../src/index.js';
import { usePostgres } from './usePostgres.js';

const { server, admin } = usePostgres();

describe('schema versions', () => {
  it('stores each event as its exact bytes in a text column (version 4, still so in version 5)', async () => {
    const schema = server().freshSchema();
    const store = postgresStore({ connectionString: server().url, max: 1 }, { schema });
    await store.ready();
    const { rows } = await admin().query(
      `SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = $1 AND table_name = 'events' ORDER BY ordinal_position`,
      [schema],
    );
    expect(rows.map((row) => `${row.column_name} ${row.data_type}`)).toEqual(['position bigint', 'stream_id text', 'version integer', 'command_id text', 'event text', 'hash text']);
    expect(POSTGRES_SCHEMA_VERSION).toBe(5);
    await store.close();
  });

  it('refuses a schema written under the old hash rule (versions 1-3) with STORE naming the version found and expected', async () => {
    const schema = server().freshSchema();
    const names = schemaNames(schema);
    await admin().query(`CREATE SCHEMA ${names.schema}`);
    await admin().query(`CREATE TABLE ${names.schemaVersion} (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`);
    await admin().query(`INSERT INTO ${names.schemaVersion} (version) VALUES (1), (2), (3)`);
    const store = postgresStore({ connectionString: server().url, max: 1 }, { schema });
    await expect(store.ready()).rejects.toMatchObject({
      code: 'STORE',
      message: expect.stringMatching(/at version 3, older than this @planlog\/postgres reads \(4–5\).*older rule/),
      details: { schemaVersion: 3, supported: 5 },
    });
    await expect(store.headPosition()).rejects.toMatchObject({ code: 'STORE' });
    // Nothing was added to the old schema.
    const { rows } = await admin().query(`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = $1`, [schema]);
    expect(rows[0].n).toBe(1);
    await store.close();
  });

  it('migrates a version 4 log to version 5 (the consumer tables)', async () => {
    const schema = server().freshSchema();
    const names = schemaNames(schema);
    const writer = postgresStore({ connectionString: server().url, max: 2 }, { schema });
    await writeSampleLog(writer);
    await writer.close();
    // What @planlog/postgres with schema version 4 left: the same log, no consumer tables.
    await admin().query(`DROP TABLE ${names.consumers}; DROP TABLE ${names.parked}; UPDATE ${names.schemaVersion} SET version = 4`);
    const store = postgresStore({ connectionString: server().url, max: 4 }, { schema }); // a consumer keeps two: its lease and LISTEN
    await store.ready();
    const { rows } = await admin().query(`SELECT array_agg(version ORDER BY version) AS versions FROM ${names.schemaVersion}`);
    expect(rows[0].versions).toEqual([4, 5]);
    expect((await verifyLog(store)).ok).toBe(true);
    const timers = manualTimers();
    const handled: number[] = [];
    const consumer = startConsumer({ name: 'after-migration', store, timers, handle: (event) => void handled.push(event.position) });
    await timers.until(consumer.caughtUp());
    await timers.until(consumer.stop());
    expect(handled).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    await store.close();
  });
});
