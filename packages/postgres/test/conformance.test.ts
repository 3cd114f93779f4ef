import { describeEventStore } from '@planlog/core/testing';
import pg from 'pg';
import { postgresStore } from '../src/index.js';
import { usePostgres } from './usePostgres.js';

const { server } = usePostgres();

// Each test gets a fresh schema on the one server; half the stores own a pool from a URL, half use a
// pool we lend them (which close() must leave open).
let count = 0;
describeEventStore('postgresStore', async () => {
  const schema = server().freshSchema();
  if (++count % 2 === 0) {
    const pool = new pg.Pool({ connectionString: server().url, max: 4 });
    const store = postgresStore({ pool }, { schema, pageSize: 400 });
    await store.ready();
    const close = store.close;
    return Object.assign(store, { close: async () => (await close(), await pool.end().catch(() => undefined)) });
  }
  const store = postgresStore({ connectionString: server().url, max: 4 }, { schema, pageSize: 400 });
  await store.ready();
  return store;
});
